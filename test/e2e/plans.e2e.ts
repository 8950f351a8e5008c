// Benchmark plans in a real VS Code: "New Benchmark Plan…" through its pickers (it says how many
// configurations before it saves), "Run Plan on This Machine" against the Ollama stand-in, the
// Plans view reaching 4/4, and the dashboard's matrix showing a figure in every cell.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { vsCodeForSuite } from './suiteWindow';
import { withFailureShot } from './failureShot';
import { until, waitForExtension } from './webviewSteps';

const PLAN = 'e2e-plan';
const exportDir = mkdtempSync(join(tmpdir(), 'ob-plans-export-'));

async function tick(page: Page, label: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: label }).first();
  await row.waitFor({ timeout: 30_000 });
  await row
    .locator('.quick-input-list-checkbox, input[type=checkbox], .monaco-checkbox')
    .first()
    .click();
}

async function step(page: Page, title: string, value?: string): Promise<void> {
  await page.locator('.quick-input-widget', { hasText: title }).waitFor({ timeout: 15_000 });
  if (value !== undefined) await page.locator('.quick-input-widget input').fill(value);
  await page.locator('.quick-input-widget input').press('Enter');
}

describe('Benchmark plans (code-server + Chromium)', { timeout: 420_000 }, () => {
  const vs = vsCodeForSuite({
    name: 'plans',
    standIn: { tokensPerSecond: 2_000, loadMs: 20 },
    settings: {
      'ollamaBench.live.openOnStart': false,
      'ollamaBench.export.directory': exportDir,
    },
  });
  after(() => {
    rmSync(exportDir, { recursive: true, force: true });
  });

  it('creates a plan, runs it on this machine, the view reaches completed, the matrix fills', async () => {
    const page = vs.page;
    await withFailureShot(vs, 'plans-failed', async () => {
      await waitForExtension(vs);
      await vs.runCommand('Ollama Bench: New Benchmark Plan…');
      await step(page, 'name', PLAN);
      await page.locator('.quick-input-widget', { hasText: 'models' }).waitFor({ timeout: 30_000 });
      await tick(page, 'qwen3:0.6b');
      await tick(page, 'llama3.2:3b');
      await step(page, 'models');
      await step(page, 'test suites'); // A is preselected
      await step(page, 'num_ctx', '2048, 4096');
      await step(page, 'repetitions', '1');
      // Before it saves: how many configurations, and how many were planned already.
      await page
        .locator('.quick-input-widget', { hasText: '4 configurations (0 already planned)' })
        .waitFor({ timeout: 15_000 });
      await vs.screenshot('plans-new-plan-confirm');
      await page.locator('.quick-input-widget input').press('Enter');

      await vs.runCommand('Ollama Bench: Run Plan on This Machine');
      const planRow = page
        .locator('[id="workbench.view.extension.ollamaBench"] .monaco-list-row', {
          hasText: PLAN,
        })
        .first();
      await planRow.waitFor({ timeout: 60_000 });
      await until(
        async () => /4\/4/.test((await planRow.textContent()) ?? ''),
        'the Plans view to show 4/4',
        180_000,
      );
      await planRow.click(); // expand: one row per config, each completed
      await until(
        async () =>
          (await page
            .locator('[id="workbench.view.extension.ollamaBench"] .monaco-list-row', {
              hasText: 'completed',
            })
            .count()) >= 4,
        'four completed configuration rows',
      );
      await vs.screenshot('plans-view-completed');

      await vs.runCommand('Ollama Bench: Show Plan Matrix');
      const dash = await vs.webviewFrame('#plan-matrix', 60_000);
      await until(
        async () => (await dash.evaluate('document.body.dataset.matrixCells')) === '4',
        'a figure in every matrix cell',
      );
      const header = (await dash.locator('#plan-matrix thead').textContent()) ?? '';
      assert.match(header, /A · ctx 2048/);
      assert.match(header, /A · ctx 4096/);
      const body = (await dash.locator('#plan-matrix tbody').textContent()) ?? '';
      assert.match(body, /qwen3:0\.6b/);
      assert.match(body, /llama3\.2:3b/);
      await vs.screenshot('plans-matrix');

      // Export as CSV (into the export folder the settings name): rows are models.
      await dash.locator('#matrix-csv').click();
      await until(async () => readdirSync(exportDir).some((f) => f.endsWith('.csv')), 'the CSV');
      const csv = readFileSync(join(exportDir, readdirSync(exportDir)[0]!), 'utf8');
      assert.match(csv, /^model,A · ctx 2048,A · ctx 4096\n/);
      assert.equal(csv.trim().split('\n').length, 3);

      // The plan filter: the sessions list shows this plan's four sessions.
      await dash.locator('#matrix-sessions').click();
      await until(
        async () => (await dash.locator('#sessions-table tbody tr').count()) === 4,
        "the plan's four sessions in the list",
      );
      assert.match((await dash.locator('#filter-count').textContent()) ?? '', /1 filter set/);
      await vs.screenshot('plans-sessions-of-plan');
    });
  });
});
