// Where a test's settings go in code-server, and how a test changes them while the window runs.
//
// A code-server window is a remote window: the workbench runs in the browser, the extension host on
// the server. In a remote window VS Code reads settings of scope `machine` and `machine-overridable`
// (ollamaBench.host, store.path, export.directory) only from the Remote settings, which code-server
// keeps in <user-data>/Machine/settings.json; in the User settings
// (<user-data>/User/settings.json) it drops them as soon as it knows the extension's declaration of
// them. When that declaration arrives (before or after the User settings are read) varies from run
// to run, so a machine setting written to the User settings reaches the extension in some windows
// and not in others. Each setting therefore goes to the file VS Code reads it from.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';

export type SettingsTarget = 'user' | 'remote';

const ROOT = join(__dirname, '..', '..');
const MACHINE_SCOPES = new Set(['machine', 'machine-overridable']);

let declaredScopes: Map<string, string> | undefined;

/** The scope package.json declares for each of the extension's settings. */
function scopes(): Map<string, string> {
  if (declaredScopes) return declaredScopes;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { scope?: string }> } };
  };
  declaredScopes = new Map(
    Object.entries(pkg.contributes.configuration.properties).map(([k, p]) => [
      k,
      p.scope ?? 'window',
    ]),
  );
  return declaredScopes;
}

/** The settings file VS Code reads this key from in a code-server window. */
export function settingsTarget(key: string): SettingsTarget {
  return MACHINE_SCOPES.has(scopes().get(key) ?? '') ? 'remote' : 'user';
}

/** The settings split by the file they belong in. */
export function splitSettings(
  settings: Record<string, unknown>,
): Record<SettingsTarget, Record<string, unknown>> {
  const split: Record<SettingsTarget, Record<string, unknown>> = { user: {}, remote: {} };
  for (const [key, value] of Object.entries(settings)) split[settingsTarget(key)][key] = value;
  return split;
}

/** The two settings files of a code-server user-data folder. */
export function settingsFiles(userData: string): Record<SettingsTarget, string> {
  return {
    user: join(userData, 'User', 'settings.json'),
    remote: join(userData, 'Machine', 'settings.json'),
  };
}

export function writeSettingsFile(file: string, settings: Record<string, unknown>): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

const EDITOR_COMMAND: Record<SettingsTarget, string> = {
  user: 'Preferences: Open User Settings (JSON)',
  remote: 'Preferences: Open Remote Settings (JSON)',
};

/**
 * Merges `patch` into one settings file (undefined removes a key) by typing it into VS Code's own
 * JSON editor and saving, so the workbench knows the new settings itself (a file written behind
 * its back is noticed only when code-server's watcher sees it), then closes the editor.
 */
export async function editSettingsFile(
  page: Page,
  runCommand: (title: string) => Promise<void>,
  file: string,
  target: SettingsTarget,
  patch: Record<string, unknown>,
  failureShot: string,
): Promise<void> {
  const current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  // One line: typed newlines would be auto-indented by the editor.
  const next = JSON.stringify({ ...current, ...patch });
  await runCommand(EDITOR_COMMAND[target]);
  const editor = page.locator('.editor-instance .monaco-editor textarea').first();
  await editor.waitFor({ state: 'attached', timeout: 30_000 });
  await editor.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(next);
  // The editor auto-closes quotes and braces as they come: drop what it added after the text.
  await page.keyboard.press('Shift+Control+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+S');
  await waitForFile(file, (text) => sameJson(text, next)).catch(async (err: unknown) => {
    await page.screenshot({ path: failureShot });
    throw err;
  });
  // Only the settings editor's tab: a webview panel open beside it comes back after a reload.
  const tab = page.locator('.tabs-container .tab', { hasText: 'settings.json' }).first();
  await page.keyboard.press('Escape'); // a hover the typing left open would take the click
  await tab.click({ button: 'middle', force: true }); // a middle click closes a tab
  await tab.waitFor({ state: 'detached', timeout: 10_000 });
}

/** Whether two JSON texts hold the same value (the editor may reformat what was typed). */
function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

/** Polls a file until its text passes `ok` (at most 15 s). */
async function waitForFile(path: string, ok: (text: string) => boolean): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (ok(readFileSync(path, 'utf8'))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `${path} did not get the new settings; it holds: ${readFileSync(path, 'utf8').slice(0, 400)}`,
  );
}
