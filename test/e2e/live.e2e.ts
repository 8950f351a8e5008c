// The Live Metrics panel in a real VS Code (dark theme): a benchmark started from the command
// palette against the Ollama stand-in opens the panel, its charts gain points while the session
// runs, and at the end the summary and "Open in Dashboard" lead to the session in the dashboard.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vsCodeForSuite } from './suiteWindow';
import { withFailureShot } from './failureShot';
import {
  dashboardFrame,
  liveFrame,
  livePoints,
  runBenchmarkFromPalette,
  until,
  waitForExtension,
} from './webviewSteps';

describe('Live Metrics panel (code-server + Chromium, dark)', { timeout: 300_000 }, () => {
  const vs = vsCodeForSuite({
    name: 'live-dark',
    // ~2 s per repetition: long enough to watch the charts move.
    standIn: { tokensPerSecond: 120, loadMs: 400 },
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
  });

  it('charts gain points while the session runs; the summary links to the dashboard', async () => {
    await withFailureShot(vs, 'live-dark-failed', async () => {
      await waitForExtension(vs);
      await runBenchmarkFromPalette(vs, 'qwen3:0.6b', 3, 'e2e-live');
      const frame = await liveFrame(vs);
      await until(
        async () => /Running/.test((await frame.locator('#live-status').textContent()) ?? ''),
        'the panel to show the running session',
      );
      await until(async () => (await livePoints(frame)) > 0, 'the first points');
      const first = await livePoints(frame);
      await until(
        async () =>
          (await livePoints(frame)) > first &&
          /Running/.test((await frame.locator('#live-status').textContent()) ?? ''),
        'more points while the session still runs',
        30_000,
      );
      await vs.screenshot('live-dark-running');
      await until(
        async () =>
          /Session completed/.test((await frame.locator('#live-status').textContent()) ?? ''),
        'the session to complete',
        120_000,
      );
      const tokensRows = await frame.evaluate(
        `(() => { const d = document.querySelector('#chart-tokens details'); d.open = true; d.dispatchEvent(new Event('toggle')); return document.querySelectorAll('#chart-tokens table tbody tr').length; })()`,
      );
      assert.equal(tokensRows, 3, 'one tokens/s point per repetition, readable as a table');
      const summary = frame.locator('#summary-table tbody tr');
      assert.equal(await summary.count(), 1);
      assert.match((await summary.first().textContent()) ?? '', /qwen3:0\.6b.*A.*completed/);
      await vs.screenshot('live-dark');

      await frame.locator('#open-dashboard').click();
      const dash = await vs.webviewFrame('#detail-view h3', 60_000);
      await until(
        async () => /completed/.test((await dash.locator('#detail-view h3').textContent()) ?? ''),
        'the session detail',
      );
      await vs.screenshot('dashboard-dark-detail');
      await dash.locator('#back').click();
      const list = await dashboardFrame(vs);
      await list.locator('#sessions-table tbody tr').first().waitFor({ timeout: 30_000 });
      assert.match(
        (await list.locator('#sessions-table tbody').textContent()) ?? '',
        /qwen3:0\.6b/,
      );
      await vs.screenshot('dashboard-dark');
    });
  });
});
