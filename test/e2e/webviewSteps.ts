// Steps the live-panel and dashboard scenarios share: run a benchmark from the command palette
// through its four pickers, and find the panels' webview frames.
import type { Frame, Page } from 'playwright-core';
import type { VsCodeSession } from './harness';

/** Waits until the extension is up: the Models view lists the stand-in's models. */
export async function waitForExtension(vs: VsCodeSession): Promise<void> {
  await vs.openContainer('Ollama Bench');
  await vs.page
    .locator('[id="workbench.view.extension.ollamaBench"] .monaco-list-row', {
      hasText: 'qwen3:0.6b',
    })
    .first()
    .waitFor({ timeout: 120_000 });
}

/** Runs "Run Ollama benchmark" for one model, suite A, `reps` repetitions and a tag. */
export async function runBenchmarkFromPalette(
  vs: VsCodeSession,
  model: string,
  reps: number,
  tag: string,
): Promise<void> {
  const page = vs.page;
  await vs.runCommand('Ollama Bench: Run Ollama benchmark');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  // 1/4 models: tick the model's checkbox, then OK.
  const row = rows.filter({ hasText: model }).first();
  await row.waitFor({ timeout: 30_000 });
  await row
    .locator('.quick-input-list-checkbox, input[type=checkbox], .monaco-checkbox')
    .first()
    .click();
  await acceptQuickInput(page);
  // 2/4 suites: A is preselected.
  await page
    .locator('.quick-input-widget', { hasText: 'test suites' })
    .waitFor({ timeout: 15_000 });
  await acceptQuickInput(page);
  // 3/4 repetitions, 4/4 tags.
  await page
    .locator('.quick-input-widget', { hasText: 'repetitions' })
    .waitFor({ timeout: 15_000 });
  await page.locator('.quick-input-widget input').fill(String(reps));
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget', { hasText: 'tags' }).waitFor({ timeout: 15_000 });
  await page.locator('.quick-input-widget input').fill(tag);
  await page.keyboard.press('Enter');
}

async function acceptQuickInput(page: Page): Promise<void> {
  await page.locator('.quick-input-widget input').press('Enter');
}

/** The frame of the Live Metrics panel. */
export function liveFrame(vs: VsCodeSession, timeoutMs = 60_000): Promise<Frame> {
  return vs.webviewFrame('#chart-hardware', timeoutMs);
}

/** The frame of the Results Dashboard, once its table (or its empty message) is there. */
export function dashboardFrame(vs: VsCodeSession, timeoutMs = 60_000): Promise<Frame> {
  return vs.webviewFrame('#list-view', timeoutMs);
}

export async function livePoints(frame: Frame): Promise<number> {
  return Number(await frame.evaluate('document.body.dataset.points || "0"'));
}

/** Waits until the webview's function returns true, polling from the test side. */
export async function until(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
