// Drives the built extension inside a real VS Code (code-server 4.100.3) through headless
// Chromium. Each launch gets a fresh extensions folder, user-data folder and workspace, an Ollama
// stand-in (unless told otherwise), and a stop() that leaves no process behind, even on failure.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { closedPort } from '../fixtures/closedPort';
import { declarativeBuiltins } from './builtinExtensions';
import { startOllamaStandIn, type StandIn, type StandInOptions } from '../fixtures/ollamaStandIn';
import {
  editSettingsFile,
  settingsFiles,
  splitSettings,
  writeSettingsFile,
  type SettingsTarget,
} from './settingsFiles';

export const ROOT = join(__dirname, '..', '..');
export const RESULTS = join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let entryPath: string | undefined;

/** Installs code-server into its cache on first use (the project's own script); returns entry.js. */
export function ensureCodeServer(): string {
  if (entryPath) return entryPath;
  const out = execFileSync('bash', [join(ROOT, 'scripts', 'install-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  entryPath = out.trim().split('\n').pop()!;
  if (!existsSync(entryPath)) throw new Error(`code-server entry not found at ${entryPath}`);
  return entryPath;
}

/** The e2e tests drive dist/: build it when `npm run test:e2e` runs on its own. */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'extension.js'))) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

/** Copies the built extension to EXT/<publisher>.<name>-<version>/, as an installed one sits. */
export function installExtension(extensionsDir: string): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const target = join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  mkdirSync(target, { recursive: true });
  for (const part of ['package.json', 'dist', 'media']) {
    if (existsSync(join(ROOT, part)))
      cpSync(join(ROOT, part), join(target, part), { recursive: true });
  }
  return target;
}

export interface LaunchOptions {
  /**
   * Extra settings, e.g. {"workbench.colorTheme": "Default Light Modern"}: each goes to the file
   * VS Code reads it from in a code-server window (settingsFiles.ts).
   */
  settings?: Record<string, unknown>;
  /** Options for the stand-in the session starts; false = start none (set ollamaBench.host yourself). */
  standIn?: StandInOptions | false;
  /** A name for this session's logs and screenshots. */
  name?: string;
  /** Browser viewport. */
  viewport?: { width: number; height: number };
  /**
   * A home folder for code-server and the extension host. With it, OLLAMA_BENCH_STORE is left unset
   * and the extension uses its default store, <home>/.ollama-bench (as the CLI does with the same
   * HOME). Without it, OLLAMA_BENCH_STORE names a fresh folder in the session's temporary profile:
   * never the user's own ~/.ollama-bench.
   */
  home?: string;
  /** Built-in extensions that run code to start as well, by folder name (e.g. git, git-base). */
  builtins?: readonly string[];
}

export interface CodeServer {
  url: string;
  port: number;
  workspace: string;
  /** The User and the Remote settings.json (machine-scoped settings live in the latter). */
  settingsFiles: Record<SettingsTarget, string>;
  process: ChildProcess;
  /** Stops the server and every process it started. */
  stop(): Promise<void>;
}

/** Starts code-server on loopback with a fresh profile; resolves once it answers HTTP. */
export async function startCodeServer(options: {
  settings: Record<string, unknown>;
  tmp: string;
  logName: string;
  port?: number;
  /** Extra environment for code-server and the extension host it starts. */
  env?: NodeJS.ProcessEnv;
  /** Built-in extensions that run code to link as well (declarativeBuiltins). */
  builtins?: readonly string[];
}): Promise<CodeServer> {
  const entry = ensureCodeServer();
  const ext = join(options.tmp, 'extensions');
  const userData = join(options.tmp, 'user-data');
  const workspace = join(options.tmp, 'workspace');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(workspace, { recursive: true });
  // Before the server starts: a folder copied in once extensions.json exists is ignored.
  installExtension(ext);
  const files = settingsFiles(userData);
  const settings = splitSettings(options.settings);
  writeSettingsFile(files.user, {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    ...settings.user,
  });
  writeSettingsFile(files.remote, settings.remote);
  const port = options.port ?? (await closedPort()); /* free: nothing listens there */
  mkdirSync(RESULTS, { recursive: true });
  const log = openSync(join(RESULTS, `${options.logName}-code-server.log`), 'w');
  const child = spawn(
    process.execPath,
    [
      entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      ext,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--builtin-extensions-dir',
      declarativeBuiltins(entry, join(options.tmp, 'builtin-extensions'), options.builtins),
      // Its own config file: never read or create the user's ~/.config/code-server.
      '--config',
      join(options.tmp, 'code-server.yaml'),
      workspace,
    ],
    // Its own process group, so stop() can end the extension host and helpers with it.
    {
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, OLLAMA_HOST: '', ...options.env },
    },
  );
  closeSync(log);
  track(child);
  const url = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    url,
    port,
    workspace,
    settingsFiles: files,
    process: child,
    stop: () => killGroup(child),
  };
  try {
    await waitForHttp(`${url}/healthz`, child, 60_000);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `code-server exited with ${child.exitCode}; see test-results/*-code-server.log`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
}

const live = new Set<ChildProcess>();
function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}
// A test that throws past its hooks, or Ctrl-C, must not leave a server running.
process.once('exit', () => {
  for (const c of live) {
    try {
      process.kill(-c.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    // The leader is gone; its group may not be.
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // nothing left
    }
    return;
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((r) => setTimeout(() => r(true), 5000)),
  ]);
  try {
    // Whatever is left of the group (a slow extension host) goes too.
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the whole group had exited
  }
  if (timedOut) await exited;
}

export interface VsCodeSession {
  page: Page;
  browser: Browser;
  server: CodeServer;
  /** The stand-in this session started (undefined with standIn: false). */
  standIn: StandIn | undefined;
  /** The extension's embedded store folder (what OLLAMA_BENCH_STORE names for it). */
  storeDir: string;
  /** Runs a command palette command by its full title, e.g. "Ollama Bench: Refresh Models". */
  runCommand(title: string): Promise<void>;
  /** Shows a view container from the activity bar, e.g. "Ollama Bench". */
  openContainer(title: string): Promise<void>;
  /** The frame of a webview whose document contains the selector. */
  webviewFrame(selector: string, timeoutMs?: number): Promise<Frame>;
  /**
   * Merges settings into the settings.json each belongs in (undefined removes one), typed into
   * VS Code's own settings editor and saved, then reloads the window.
   */
  updateSettings(patch: Record<string, unknown>): Promise<void>;
  /** Saves test-results/<name>.png. */
  screenshot(name: string): Promise<string>;
  /** Closes the browser, the server and the stand-in; removes the temporary profile. */
  stop(): Promise<void>;
}

export async function launchVsCode(options: LaunchOptions = {}): Promise<VsCodeSession> {
  ensureBuilt();
  const name = options.name ?? 'e2e';
  const tmp = mkdtempSync(join(tmpdir(), 'ollama-bench-e2e-'));
  const storeDir = options.home ? join(options.home, '.ollama-bench') : join(tmp, 'store');
  let standIn: StandIn | undefined;
  let server: CodeServer | undefined;
  let browserLaunch: Promise<Browser> | undefined;

  const stop = async () => {
    const browser = await browserLaunch?.catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await standIn?.close().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  };

  try {
    // The browser starts while code-server does: neither needs the other until the page opens.
    browserLaunch = chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    if (options.standIn !== false) standIn = await startOllamaStandIn(options.standIn ?? {});
    server = await startCodeServer({
      tmp,
      logName: name,
      env: options.home
        ? { HOME: options.home, USERPROFILE: options.home, OLLAMA_BENCH_STORE: '' }
        : { OLLAMA_BENCH_STORE: storeDir },
      settings: { ...(standIn ? { 'ollamaBench.host': standIn.url } : {}), ...options.settings },
      builtins: options.builtins,
    });
    const browser = await browserLaunch;
    const page = await browser.newPage({
      viewport: options.viewport ?? { width: 1400, height: 900 },
    });
    // Loading the workbench (some MB of script) is the slow part of a start on a busy machine.
    await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`, {
      waitUntil: 'commit',
      timeout: 120_000,
    });
    await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 120_000 });

    const session: VsCodeSession = {
      page,
      browser,
      server,
      standIn,
      storeDir,
      runCommand: (title) => runCommand(page, title),
      openContainer: (title) => openContainer(page, title),
      webviewFrame: (selector, timeoutMs) => webviewFrame(page, selector, timeoutMs),
      updateSettings: async (patch) => {
        mkdirSync(RESULTS, { recursive: true });
        const split = splitSettings(patch);
        for (const target of ['user', 'remote'] as const) {
          if (!Object.keys(split[target]).length) continue;
          await editSettingsFile(
            page,
            (title) => runCommand(page, title),
            server!.settingsFiles[target],
            target,
            split[target],
            join(RESULTS, `${name}-settings-editor-failure.png`),
          );
        }
        // Waiting on the navigation itself: waitForLoadState alone can answer for the old document.
        const reloaded = page.waitForEvent('framenavigated', {
          predicate: (frame) => frame === page.mainFrame(),
          timeout: 120_000,
        });
        await runCommand(page, 'Developer: Reload Window');
        await reloaded;
        await page.waitForLoadState('load', { timeout: 120_000 });
        await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 120_000 });
      },
      screenshot: async (shot) => {
        mkdirSync(RESULTS, { recursive: true });
        const path = join(RESULTS, `${shot}.png`);
        await page.screenshot({ path });
        return path;
      },
      stop,
    };
    return session;
  } catch (err) {
    await stop();
    throw err;
  }
}

async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const center = page.locator('.command-center-center');
  // A click that lands while the previous quick pick is still closing opens nothing: try again.
  for (let attempt = 1; ; attempt++) {
    await input.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    if (await center.isVisible()) await center.click();
    else await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt === 3)
        throw new Error(`the command palette did not open for "${title}"`, { cause: err });
    }
  }
  await input.fill(`>${title}`);
  // Enter only once the filtered list shows the command, or it would run the previous first row.
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title.split(': ').pop()! })
    .first()
    .waitFor({ timeout: 10_000 });
  await input.press('Enter');
}

async function openContainer(page: Page, title: string): Promise<void> {
  const pane = page.locator('.sidebar .composite.title', { hasText: title });
  // The whole item, not its label: while the container's views load, a progress badge inside the
  // item covers the label and would take a click aimed at the label.
  const icon = page
    .locator('.activitybar .action-item', { has: page.locator(`a[aria-label^="${title}"]`) })
    .first();
  // After a reload the workbench may restore the container between the check and the click, and a
  // click on the icon of the container shown hides it: look again and click again if so.
  for (let attempt = 1; ; attempt++) {
    if (await pane.isVisible()) return;
    await icon.click();
    try {
      await pane.waitFor({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw new Error(`the "${title}" container did not show`, { cause: err });
    }
  }
}

async function webviewFrame(page: Page, selector: string, timeoutMs = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await frame.$(selector).catch(() => null)) return frame;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no webview frame contains ${selector} after ${timeoutMs} ms`);
}
