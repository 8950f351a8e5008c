// npm run bench:activation — how long the extension takes to activate, as VS Code itself reports
// it: the "Developer: Show Running Extensions" editor's activation time (code loading + the
// activate() call) of Ollama Bench and, in the same window, of the built-in Git extension, read in
// code-server with the production build installed as a .vsix installs it, against the Ollama
// stand-in. One warm-up window load, then ROUNDS (default 5) reloads; each round's ratio is ours /
// Git's in that window, so a loaded machine slows both alike. Also prints the size of each bundle
// and of the .vsix. Goals: ratio ≤ 0.5, .vsix ≤ 3 MB. The last line printed is the median ratio.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchVsCode, ROOT, type VsCodeSession } from '../test/e2e/harness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** Packages the .vsix (its prepublish step is the production build); its size, or why not. */
function packageVsix(): number | string {
  const dir = mkdtempSync(join(tmpdir(), 'ollama-bench-vsix-'));
  const file = join(dir, 'ollama-bench.vsix');
  try {
    execFileSync(
      'npx',
      [
        'vsce',
        'package',
        '--no-dependencies',
        '--skip-license',
        '--allow-missing-repository',
        // README links to docs/ and docs/images/ stay relative (no repository URL to prefix).
        '--no-rewrite-relative-links',
        '--out',
        file,
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return statSync(file).size;
  } catch (err) {
    execFileSync(process.execPath, ['esbuild.mjs', '--production'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim().split('\n').pop();
    return `not packaged (${stderr || (err as Error).message})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printBundles(): void {
  const dist = join(ROOT, 'dist');
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .sort();
  for (const f of files) console.log(`bundle ${f.padEnd(28)} ${kb(statSync(join(dist, f)).size)}`);
}

/** "Activation: 12ms" (or "Startup Activation: …") of the Running Extensions row named `name`. */
async function activationOf(vs: VsCodeSession, name: RegExp): Promise<number> {
  const row = vs.page.locator('.runtime-extensions-editor .monaco-list-row', {
    has: vs.page.locator('.name', { hasText: name }),
  });
  const time = row.locator('.activation-time').first();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const text = (await time.textContent({ timeout: 30_000 }).catch(() => '')) ?? '';
    const m = /Activation: (\d+)\s*ms/.exec(text);
    if (m) return Number(m[1]);
    if (Date.now() > deadline) {
      const shot = await vs.screenshot('bench-activation-failed');
      const editor = await vs.page
        .locator('.runtime-extensions-editor')
        .innerText({ timeout: 1000 })
        .catch(() => '(no Running Extensions editor)');
      throw new Error(
        `no activation time shown for ${name} (row: "${text}"; editor: ${editor}; see ${shot})`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Activates Ollama Bench (its view container), then reads its and Git's figures. */
async function reportedActivation(vs: VsCodeSession): Promise<{ ours: number; git: number }> {
  await vs.openContainer('Ollama Bench');
  // The Models view lists the stand-in's models once the extension is active.
  await vs.page.locator('.monaco-list-row', { hasText: 'llama3.2:3b' }).first().waitFor({
    timeout: 60_000,
  });
  await vs.runCommand('Developer: Show Running Extensions');
  return {
    ours: await activationOf(vs, /^Ollama Bench$/),
    git: await activationOf(vs, /^Git$/),
  };
}

/** code-server's first page load can outlast the harness's wait on a loaded machine: try again. */
async function launchWithRetries(tries = 3): Promise<VsCodeSession> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Git (and git-base, which it needs) start beside Ollama Bench, as in an ordinary window.
      return await launchVsCode({ name: 'bench-activation', builtins: ['git', 'git-base'] });
    } catch (err) {
      if (attempt >= tries) throw err;
      console.log(`code-server did not come up (${(err as Error).message.split('\n')[0]}): again`);
    }
  }
}

async function main(): Promise<void> {
  const vsix = packageVsix();
  printBundles();
  console.log(typeof vsix === 'number' ? `vsix ${mb(vsix)} (goal ≤ 3 MB)` : `vsix ${vsix}`);

  const vs = await launchWithRetries();
  const ours: number[] = [];
  const git: number[] = [];
  const ratios: number[] = [];
  try {
    // Round 0 is the warm-up: the first window load reads every file cold.
    for (let round = 0; round <= ROUNDS; round++) {
      if (round > 0) {
        await vs.runCommand('View: Close All Editors');
        // An empty settings patch: the harness's reload, which restarts the extension host.
        await vs.updateSettings({});
      }
      const r = await reportedActivation(vs);
      const ratio = r.ours / r.git;
      console.log(
        `${round === 0 ? 'warm-up' : `round ${round}`}: Ollama Bench ${r.ours} ms, Git ${r.git} ms, ratio ${ratio.toFixed(2)}`,
      );
      if (round === 0) continue;
      ours.push(r.ours);
      git.push(r.git);
      ratios.push(ratio);
    }
  } finally {
    await vs.stop();
  }
  console.log(
    `Ollama Bench: median ${median(ours)} ms (fastest ${Math.min(...ours)}, slowest ${Math.max(...ours)}); Git: median ${median(git)} ms (fastest ${Math.min(...git)}, slowest ${Math.max(...git)})`,
  );
  console.log(
    `activation ours/Git (VS Code's Running Extensions, same window, median of ${ratios.length}; goal ≤ 0.5): ${median(ratios).toFixed(2)}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
