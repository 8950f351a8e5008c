// Quality beside speed in a real VS Code: Evaluate Models… picks two stand-in models (one right on
// half of the core set's items, one on nine in ten), the set and a quick check, shows its progress
// and stores each evaluation; the dashboard's Quality tab shows each model by category and the
// failures with what was expected and what the model answered; the Rankings tab ranks accuracy
// beside speed with the accuracy-against-tokens/s Pareto scatter; Recommend a Model… names the
// fastest model above an accuracy bar; and a cancelled evaluation keeps the items that finished.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openStore } from '../../src/core/repositories/openStore';
import { coreSet, modelsWithAccuracy, standInItems } from '../fixtures/evalStandIn';
import { WRONG_ANSWER } from '../fixtures/ollamaStandIn';
import { hardware, session } from '../fixtures/storeDocuments';
import { withFailureShot } from './failureShot';
import { vsCodeForSuite } from './suiteWindow';
import { until, waitForExtension } from './webviewSteps';

const WEAK = 'qwen3:0.6b';
const STRONG = 'llama3.2:3b';

const toast = (page: Page, text: string | RegExp) =>
  page.locator('.notifications-toasts .notification-toast', { hasText: text });

/** Runs Evaluate Models… on `models`, the core set and a quick check. */
async function evaluate(page: Page, run: (title: string) => Promise<void>, models: string[]) {
  await run('Ollama Bench: Evaluate Models…');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await page.locator('.quick-input-widget', { hasText: '(1/3)' }).waitFor({ timeout: 30_000 });
  for (const model of models) {
    const row = rows.filter({ hasText: model }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.locator('.quick-input-list-checkbox, input[type=checkbox], .monaco-checkbox').click();
  }
  await page.locator('.quick-input-widget input').press('Enter');
  await page.locator('.quick-input-widget', { hasText: '(2/3)' }).waitFor({ timeout: 15_000 });
  await rows.filter({ hasText: 'Arithmetic' }).first().click();
  await page.locator('.quick-input-widget', { hasText: '(3/3)' }).waitFor({ timeout: 15_000 });
  await rows.filter({ hasText: 'A quick check' }).first().click();
}

describe(
  'Evaluate Models…, the Quality tab and accuracy in Rankings (code-server + Chromium)',
  {
    timeout: 300_000,
  },
  () => {
    const vs = vsCodeForSuite({
      name: 'quality',
      standIn: {
        tokensPerSecond: 20_000,
        jitter: 0,
        evalItems: standInItems(coreSet()),
        models: modelsWithAccuracy({ [WEAK]: 0.5, [STRONG]: 0.9 }),
      },
      settings: { 'ollamaBench.live.openOnStart': false },
    });
    before(async () => {
      // Speed results for both models on one machine: the weak model is the faster one.
      const store = await openStore(vs.storeDir);
      const hw = await store.sessions.saveHardwareConfig(hardware('e2e-quality-machine'));
      const figures = { ttft_ms: 100, load_time: 800, vram_usage: 3e9 };
      let i = 0;
      for (const [model, tps] of [
        [WEAK, 90],
        [STRONG, 40],
      ] as const)
        await store.sessions.insertSession(
          session(model, {
            at: Date.now() + i++ * 60_000,
            hw,
            metrics: { tokens_per_second: tps, ...figures },
          }),
        );
      await store.close();
    });

    it('evaluates two models with progress and shows them by category with their failures', async () => {
      const page = vs.page;
      await withFailureShot(vs, 'quality-evaluate-failed', async () => {
        await waitForExtension(vs);
        // The first item takes 1.5 s, so the progress notification stays long enough to be seen.
        vs.standIn?.addFault({
          fault: { kind: 'delay', ms: 1500 },
          path: '/api/generate',
          times: 1,
        });
        await evaluate(page, (t) => vs.runCommand(t), [WEAK, STRONG]);
        await toast(page, 'Evaluating on core').waitFor({ timeout: 30_000 });
        const done = toast(page, 'Evaluated on core');
        await done.waitFor({ timeout: 90_000 });
        for (const model of [WEAK, STRONG])
          assert.match(await done.innerText(), new RegExp(`${model}: [\\d.]+ %`));
        assert.doesNotMatch(await done.innerText(), /cancelled/);

        // The Quality tab opens on what was stored: one row per model, a column per category.
        const dash = await vs.webviewFrame('#quality-view', 60_000);
        const table = dash.locator('#quality-view .quality-table');
        await table.waitFor({ timeout: 30_000 });
        const row = (model: string) => table.locator(`tbody tr[data-model="${model}"]`);
        assert.equal(await table.locator('tbody tr').count(), 2);
        const accuracy = async (model: string) =>
          Number(/([\d.]+) %/.exec(await row(model).locator('td').first().innerText())?.[1]);
        assert.ok((await accuracy(STRONG)) > (await accuracy(WEAK)));
        const categories = await row(WEAK).locator('td[data-category]').count();
        assert.ok(categories >= 5, `${categories} categories`);
        assert.match(await row(STRONG).innerText(), /\/50\b/);
        // The weak model's failures: each with the item's expected answer and the model's.
        const failures = dash.locator(`details.quality-failures[data-model="${WEAK}"]`);
        await failures.locator('summary').click();
        const failed = failures.locator('tbody tr').first();
        await failed.waitFor({ state: 'visible', timeout: 10_000 });
        const [id, expected, got] = await failed.locator('td').allInnerTexts();
        assert.ok(id && expected, 'an item id and what was expected');
        assert.equal(got?.trim(), WRONG_ANSWER);
        await vs.screenshot('quality-tab');
      });
    });

    it('ranks accuracy beside speed with a Pareto scatter and recommends above a bar', async () => {
      const page = vs.page;
      await withFailureShot(vs, 'quality-rankings-failed', async () => {
        await vs.runCommand('Ollama Bench: Open Model Rankings');
        const dash = await vs.webviewFrame('#rankings-view', 60_000);
        const ranking = dash.locator('#ranking');
        await ranking.locator('tbody tr').first().waitFor({ timeout: 60_000 });
        assert.match(await ranking.locator('thead').innerText(), /quality \(accuracy %\)/);
        assert.equal(await ranking.locator('tbody tr').count(), 2);
        // The scatter: accuracy against tokens/s, a point per model.
        await until(
          async () => (await dash.locator('#pareto svg circle').count()) === 2,
          'two points on the Pareto scatter',
          15_000,
        );
        assert.match((await dash.locator('#pareto svg').textContent()) ?? '', /accuracy/);
        await vs.screenshot('rankings-quality');

        await vs.runCommand('Ollama Bench: Recommend a Model…');
        const pick = page.locator('.quick-input-list .monaco-list-row', {
          hasText: 'The fastest model with accuracy',
        });
        await pick.first().waitFor({ timeout: 15_000 });
        await pick.first().click();
        await page
          .locator('.quick-input-widget', { hasText: 'accuracy of at least' })
          .waitFor({ timeout: 15_000 });
        await page.locator('.quick-input-widget input').fill('80');
        await page.locator('.quick-input-widget input').press('Enter');
        const answer = toast(page, 'Fastest with accuracy ≥ 80 %');
        await answer.waitFor({ timeout: 30_000 });
        assert.match(await answer.innerText(), new RegExp(`: ${STRONG}`));
      });
    });

    it('keeps what finished when an evaluation is cancelled', async () => {
      const page = vs.page;
      await withFailureShot(vs, 'quality-cancel-failed', async () => {
        // The sixth item hangs until the client gives up, so the cancel lands on an evaluation in
        // flight with five items done (the sixth request is asked once the five are answered).
        const asked = () =>
          vs.standIn?.requests.filter((r) => r.path === '/api/generate' && r.body?.model === STRONG)
            .length ?? 0;
        const before = asked();
        vs.standIn?.addFault({
          fault: { kind: 'stall', afterTokens: 0 },
          path: '/api/generate',
          model: STRONG,
          skip: 5,
        });
        await evaluate(page, (t) => vs.runCommand(t), [STRONG]);
        const progress = toast(page, 'Evaluating on core');
        await progress.waitFor({ timeout: 30_000 });
        await until(async () => asked() >= before + 6, 'the stalled item', 30_000);
        await progress.hover();
        await progress.locator('a.monaco-button', { hasText: 'Cancel' }).click();
        const done = toast(page, /Evaluated on core: llama3\.2:3b: .*, cancelled/);
        await done.waitFor({ timeout: 30_000 });
        vs.standIn?.clearFaults();

        const dash = await vs.webviewFrame('#quality-view', 60_000);
        const row = dash.locator(`#quality-view .quality-table tbody tr[data-model="${STRONG}"]`);
        await until(
          async () => /cancelled/.test(await row.innerText()),
          'the cancelled row',
          30_000,
        );
        assert.match(await row.innerText(), /\b\d\/5\b/);
      });
    });
  },
);
