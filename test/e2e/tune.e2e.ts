// Tune this Model in a real VS Code: the command asks the model, the goal and the budget, shows
// its progress trial by trial, ends with the winner and its actions, and the dashboard's Tune view
// shows the trials chart, the winner, the Modelfile, Copy Modelfile and Create Tuned Model. The
// stand-in's speed depends on the options (tuneStandIn.ts); this machine's own cores and GPU
// bound the search, so the test checks the flow and the view, not which setting wins.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { TUNE_MODEL, TUNE_SPEED_MODEL } from '../fixtures/tuneStandIn';
import { withFailureShot } from './failureShot';
import { vsCodeForSuite } from './suiteWindow';
import { waitForExtension } from './webviewSteps';

async function answer(page: Page, title: string, value: string): Promise<void> {
  await page.locator('.quick-input-widget', { hasText: title }).waitFor({ timeout: 15_000 });
  await page.locator('.quick-input-widget input').fill(value);
  await page.locator('.quick-input-widget input').press('Enter');
}

describe('Tune this Model and the Tune view (code-server + Chromium)', { timeout: 400_000 }, () => {
  const vs = vsCodeForSuite({
    name: 'tune',
    standIn: { speedModel: TUNE_SPEED_MODEL, jitter: 0.02, jitterSeed: 7, loadMs: 5 },
    settings: { 'ollamaBench.live.openOnStart': false },
  });

  it('tunes a model with progress, then shows the trials and the winner', async () => {
    const page = vs.page;
    await withFailureShot(vs, 'tune-failed', async () => {
      await waitForExtension(vs);
      await vs.runCommand('Ollama Bench: Tune this Model');
      await answer(page, 'Tune which model?', TUNE_MODEL);
      const goal = page.locator('.quick-input-list .monaco-list-row', { hasText: 'decode' });
      await goal.first().waitFor({ timeout: 15_000 });
      await goal.first().click();
      await answer(page, 'time for the whole tune', '60s');
      const progress = page.locator('.notifications-toasts .notification-toast', {
        hasText: `Tuning ${TUNE_MODEL}`,
      });
      await progress.waitFor({ timeout: 60_000 });
      const done = page.locator('.notifications-toasts .notification-toast', {
        hasText: `Tuned ${TUNE_MODEL}`,
      });
      await done.waitFor({ timeout: 180_000 });
      assert.match(await done.innerText(), /num_ctx/);
      await vs.screenshot('tune-done');
      await done.locator('a.monaco-button', { hasText: 'Show in Dashboard' }).click();

      const dash = await vs.webviewFrame('#tune-view', 60_000);
      await dash.locator('#tune-summary').waitFor({ timeout: 30_000 });
      assert.match(
        (await dash.locator('#tune-summary').textContent()) ?? '',
        /Winner: .*num_ctx=4096/,
      );
      assert.ok((await dash.locator('#tune-trials tbody tr').count()) >= 2);
      assert.equal(await dash.locator('#tune-chart').count(), 1);
      assert.match(
        (await dash.locator('#tune-modelfile').textContent()) ?? '',
        /^FROM llama3\.2:3b\n/,
      );
      assert.equal(await dash.locator('#tune-copy').count(), 1);
      assert.equal(await dash.locator('#tune-create').count(), 1);
      await vs.screenshot('tune-view');
    });
  });
});
