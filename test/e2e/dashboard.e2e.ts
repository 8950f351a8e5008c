// The Results Dashboard in a real VS Code (light theme, then high contrast): two sessions run from
// the command palette against the Ollama stand-in, the second while the first's summary is still
// unanswered; the dashboard lists both, filtering by model narrows the table,
// comparing the two shows both side by side, and a CSV export has one row per session.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { vsCodeForSuite } from './suiteWindow';
import { withFailureShot } from './failureShot';
import {
  dashboardFrame,
  liveFrame,
  waitForExtension,
  runBenchmarkFromPalette,
  until,
} from './webviewSteps';

describe('Results Dashboard (code-server + Chromium, light)', { timeout: 400_000 }, () => {
  const exportDir = mkdtempSync(join(tmpdir(), 'ob-e2e-export-'));
  const vs = vsCodeForSuite({
    name: 'dashboard-light',
    standIn: { tokensPerSecond: 400, loadMs: 200 },
    settings: {
      'workbench.colorTheme': 'Default Light Modern',
      // Exports land here without the save dialog (the setting a scripted run uses).
      'ollamaBench.export.directory': exportDir,
    },
  });
  after(() => {
    rmSync(exportDir, { recursive: true, force: true });
  });

  it('lists, filters, compares and exports sessions', async () => {
    await withFailureShot(vs, 'dashboard-light-failed', async () => {
      await waitForExtension(vs);
      for (const model of ['qwen3:0.6b', 'llama3.2:3b']) {
        await runBenchmarkFromPalette(vs, model, 1, 'e2e-dash');
        const live = await liveFrame(vs);
        await until(
          async () =>
            /Session completed/.test((await live.locator('#live-status').textContent()) ?? '') &&
            /* the summary is this session's */ (
              (await live.locator('#summary-table').textContent()) ?? ''
            ).includes(model),
          `the ${model} session to complete`,
          120_000,
        );
        // The first session's summary notification stays unanswered: the second run must start
        // all the same.
      }
      await vs.screenshot('live-light');
      await vs.runCommand('Notifications: Clear All Notifications');

      await vs.runCommand('Ollama Bench: Open Results Dashboard');
      const dash = await dashboardFrame(vs);
      const rows = dash.locator('#sessions-table tbody tr');
      await until(async () => (await rows.count()) === 2, 'both sessions in the table');
      await vs.screenshot('dashboard-light');

      // Filter by model: the multi-select's own change event, as a pick in its list sends it.
      await dash.evaluate(`(() => {
        const el = document.querySelector('#filter-models');
        el.value = ['llama3.2:3b'];
        el.dispatchEvent(new Event('change'));
      })()`);
      await until(async () => (await rows.count()) === 1, 'the filter to narrow the table');
      assert.match((await rows.first().textContent()) ?? '', /llama3\.2:3b/);
      await vs.screenshot('dashboard-light-filtered');
      await dash.locator('#clear-filters').click();
      await until(async () => (await rows.count()) === 2, 'the filter to be cleared');

      // Compare the two sessions.
      await rows.nth(0).locator('input[type=checkbox]').check();
      await rows.nth(1).locator('input[type=checkbox]').check();
      await dash.locator('#compare-selected').click();
      const table = dash.locator('#compare-table');
      await table.waitFor({ timeout: 30_000 });
      const head = (await table.locator('thead').textContent()) ?? '';
      assert.match(head, /qwen3:0\.6b/);
      assert.match(head, /llama3\.2:3b/);
      assert.ok((await table.locator('tbody tr').count()) >= 1, 'at least one like-for-like row');
      assert.equal((await dash.locator('#compare-view canvas').count()) >= 1, true);
      await vs.screenshot('dashboard-light-compare');

      // Export the two selected sessions as CSV.
      await dash.locator('#back').click();
      await rows.first().waitFor({ timeout: 30_000 });
      await dash.locator('#export').click();
      await until(
        async () => readdirSync(exportDir).some((f) => f.endsWith('.csv')),
        'the CSV file',
      );
      const csv = readFileSync(
        join(
          exportDir,
          readdirSync(exportDir).find((f) => f.endsWith('.csv'))!,
        ),
        'utf8',
      );
      const lines = csv.trim().split(/\r?\n/);
      assert.match(lines[0]!, /^session_id,start_time,/);
      assert.equal(lines.length, 3, 'a header and one row per session × model × test');
      assert.ok(
        lines.some((l) => l.includes('qwen3:0.6b')) && lines.some((l) => l.includes('llama3.2:3b')),
      );
      assert.ok(lines.slice(1).every((l) => l.includes(',A,completed,')));
      await until(
        async () => /Exported 2 session/.test((await dash.locator('#notice').textContent()) ?? ''),
        'the export notice',
      );

      // High contrast: VS Code gives the webview a new frame; the panel comes back in that theme
      // with its table (ready/init handshake and saved state).
      await vs.updateSettings({ 'workbench.colorTheme': 'Default High Contrast' });
      let themeKind = '';
      await until(async () => {
        const frame = await dashboardFrame(vs, 5_000);
        themeKind = String(await frame.evaluate('document.body.className'));
        return (
          /\bvscode-high-contrast\b/.test(themeKind) &&
          (await frame.locator('#sessions-table tbody tr').count()) === 2
        );
      }, 'the dashboard to come back in the high-contrast theme').catch((err) => {
        throw new Error(`${(err as Error).message}; body class "${themeKind}"`);
      });
      await vs.screenshot('dashboard-high-contrast');
    });
  });
});
