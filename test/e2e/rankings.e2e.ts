// Rankings and the fit advisor in a real VS Code: the Models view shows each model's fit verdict
// at the configured num_ctx (against a 4 GB GPU set in the settings), and the dashboard's Rankings
// tab re-ranks in the webview when a weight slider moves (screenshots before and after).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { openStore } from '../../src/core/repositories/openStore';
import type { SessionDoc, TestMetrics } from '../../src/shared/dto';
import { session } from '../fixtures/storeDocuments';
import { vsCodeForSuite } from './suiteWindow';
import { withFailureShot } from './failureShot';
import { until, waitForExtension } from './webviewSteps';

const T0 = Date.parse('2026-11-20T10:00:00.000Z');

/** One result of suite A on the test machine, a minute after the one before. */
const result = (
  model: string,
  hw: string,
  i: number,
  metrics: Partial<TestMetrics>,
  numCtx = 4096,
): SessionDoc =>
  session(model, {
    at: T0 + i * 60_000,
    hw,
    tags: ['e2e-rank'],
    metrics,
    options: { num_ctx: numCtx, suite_options: { A: { num_predict: 256, num_ctx: numCtx } } },
  });

describe('Rankings tab and fit verdicts (code-server + Chromium)', { timeout: 400_000 }, () => {
  const vs = vsCodeForSuite({
    name: 'rankings',
    settings: { 'ollamaBench.fit.vram': '4GB', 'ollamaBench.benchmark.numCtx': 4096 },
  });
  before(async () => {
    // Results of a machine with a GPU: a fast but big model and a snappy small one.
    const store = await openStore(vs.storeDir);
    const hw = await store.sessions.saveHardwareConfig({
      fingerprint: 'e2e-rank-machine',
      cpu: { model: 'Test CPU', cores: 8, threads: 16 },
      gpu: [{ model: 'Test GPU 24GB', memory: 24e9 }],
      ram: { total: 64e9 },
      storage: {},
      os: { name: 'Linux', version: '6', kernel: '6', hostname: 'rank-box' },
      bios: {},
    });
    let i = 0;
    const models = [
      ['fast:7b', [78, 80, 82], { ttft_ms: 300, tpot_ms: 12.5, load_time: 2000, vram_usage: 8e9 }],
      ['snappy:3b', [29, 30, 31], { ttft_ms: 60, tpot_ms: 33, load_time: 500, vram_usage: 3e9 }],
    ] as const;
    for (const [model, speeds, figures] of models)
      for (const tps of speeds)
        await store.sessions.insertSession(
          result(model, hw, i++, { tokens_per_second: tps, ...figures }),
        );
    await store.sessions.insertSession(
      result(
        'wide:8b',
        hw,
        i++,
        { tokens_per_second: 50, ttft_ms: 100, load_time: 900, vram_usage: 6e9 },
        8192,
      ),
    );
    await store.close();
  });

  it('shows each model fit verdict at the configured num_ctx in the Models view', async () => {
    await withFailureShot(vs, 'rankings-models-fit-failed', async () => {
      await waitForExtension(vs);
      const row = (name: string) =>
        vs.page
          .locator('[id="workbench.view.extension.ollamaBench"] .monaco-list-row', {
            hasText: name,
          })
          .first();
      // 3B Q4_K_M at 4096: ≈ 2.8 GB of 4 GB; Mistral 7B Q8_0: ≈ 10.3 GB, most of it on the CPU.
      // The verdict is the icon, the tooltip and what a screen reader reads for the row.
      await until(
        async () =>
          /fits in VRAM/.test((await row('llama3.2:3b').getAttribute('aria-label')) ?? ''),
        'the fit verdict of llama3.2:3b',
        60_000,
      );
      assert.match((await row('qwen3:0.6b').getAttribute('aria-label')) ?? '', /fits in VRAM/);
      assert.match(
        (await row('mistral:7b-instruct-q8_0').getAttribute('aria-label')) ?? '',
        /would spill to CPU/,
      );
      // The tooltip, on hover: the estimate's figures.
      await row('mistral:7b-instruct-q8_0').hover();
      const hover = vs.page.locator('.monaco-hover', { hasText: 'Fit (estimate)' });
      await hover.waitFor({ timeout: 15_000 });
      assert.match(
        await hover.innerText(),
        /would spill to CPU at num_ctx 4,096; needs ≈ 9\.8 GB of 4\.0 GB VRAM/,
      );
      assert.equal(await row('mistral:7b-instruct-q8_0').locator('.codicon-warning').count(), 1);
      assert.equal(await row('llama3.2:3b').locator('.codicon-pass').count(), 1);
      await vs.screenshot('rankings-models-fit');
    });
  });

  it('re-ranks in the webview when a weight slider moves', async () => {
    await withFailureShot(vs, 'rankings-tab-failed', async () => {
      await vs.runCommand('Ollama Bench: Open Model Rankings');
      const dash = await vs.webviewFrame('#rankings-view', 60_000);
      const rows = dash.locator('#ranking tbody tr');
      await rows.first().waitFor({ timeout: 60_000 });
      assert.match((await dash.locator('#ranking-machine').textContent()) ?? '', /rank-box/);
      // Chat as shipped: the snappy model's first token and small footprint win.
      assert.equal(await rows.first().getAttribute('data-model'), 'snappy:3b');
      assert.equal(await rows.count(), 2);
      assert.match((await rows.first().getAttribute('title')) ?? '', /#1, closeness/);
      assert.match(
        (await dash.locator('#not-ranked').textContent()) ?? '',
        /wide:8b.*--num-ctx 4096/,
      );
      assert.equal(await dash.locator('#pareto circle.pareto-front').count(), 2);
      await vs.screenshot('rankings-before');

      // Only tokens/s counts now: the fast model goes first, without asking the host.
      for (const figure of ['ttft_ms', 'load_time', 'vram_usage'])
        await dash.locator(`#weight-${figure}`).fill('0');
      await dash.locator('#weight-tokens_per_second').fill('100');
      await until(
        async () => (await rows.first().getAttribute('data-model')) === 'fast:7b',
        'fast:7b ranked first',
        10_000,
      );
      assert.match((await dash.locator('#weights').textContent()) ?? '', /100 %/);
      await vs.screenshot('rankings-after');
    });
  });

  it('exports the ranking as Markdown and recommends a model for a use case', async () => {
    await withFailureShot(vs, 'rankings-recommend-failed', async () => {
      const dash = await vs.webviewFrame('#rankings-view', 30_000);
      await dash.locator('#export-ranking').click();
      const editor = vs.page.locator('.monaco-editor .view-lines', { hasText: 'Model ranking' });
      await editor.first().waitFor({ timeout: 30_000 });
      assert.match(await editor.first().innerText(), /#\sModel\sranking:\sInteractive\schat/);

      await vs.runCommand('Ollama Bench: Recommend a Model…');
      const pick = vs.page.locator('.quick-input-list .monaco-list-row', {
        hasText: 'Code completion',
      });
      await pick.first().waitFor({ timeout: 15_000 });
      await pick.first().click();
      const toast = vs.page.locator('.notifications-toasts .notification-toast', {
        hasText: 'Recommended for Code completion',
      });
      await toast.waitFor({ timeout: 30_000 });
      // Code completion weighs the first token and each next one: the snappy model leads.
      assert.match(
        await toast.innerText(),
        /Recommended for Code completion: snappy:3b, fast:7b \(on .*rank-box/,
      );
      await vs.screenshot('rankings-recommend');
    });
  });
});
