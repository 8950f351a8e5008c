// The context actually loaded: /api/ps context_length is stored per model and per test; a test
// Ollama loaded with less context than asked is flagged ctx_reduced ("asked 32768, Ollama loaded
// 16384"), and compare, rank and trends take the loaded value as its num_ctx.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveRunOptions } from '../../src/core/bench/runOptions';
import { buildCompareView, likeKey, sessionSubjects } from '../../src/core/dashboard/compare';
import { comparableInputs } from '../../src/core/rank/comparableInputs';
import { optionsKey } from '../../src/core/trends/comparableKey';
import { contextChanges } from '../../src/core/trends/contextChanges';
import { DEFAULT_MODELS } from '../fixtures/ollamaStandIn';
import { run, standIn } from '../fixtures/runnerHarness';
import { session } from '../fixtures/storeDocuments';

describe('context actually loaded', () => {
  it('a model trained at 16384 asked for 32768: loaded_context_length 16384 and ctx_reduced with the reason', async () => {
    const small = { ...DEFAULT_MODELS[0]!, name: 'small:1b', context_length: 16384 };
    const s = await standIn({ models: [small, DEFAULT_MODELS[0]!] });
    const { session: done } = await run(s, {
      models: ['small:1b', 'llama3.2:3b'],
      options: resolveRunOptions({ num_ctx: 32768 }),
      repetitions: 1,
    });
    const [reduced, whole] = done.models;
    assert.equal(reduced!.loaded_context_length, 16384);
    const metrics = reduced!.tests[0]!.metrics;
    assert.equal(metrics.loaded_context_length, 16384);
    assert.ok(metrics.flags.includes('ctx_reduced'));
    assert.match(metrics.flag_reasons?.ctx_reduced ?? '', /^asked 32768, Ollama loaded 16384\. /);
    assert.equal(whole!.tests[0]!.metrics.loaded_context_length, 32768);
    assert.ok(!whole!.tests[0]!.metrics.flags.includes('ctx_reduced'));
  });

  it('memory told short: Ollama falls back to a smaller context (server/sched.go nextLowerAutoNumCtx)', async () => {
    const s = await standIn({ memoryBytes: 4e9 });
    const { session: done } = await run(s, {
      options: resolveRunOptions({ num_ctx: 32768 }),
      repetitions: 1,
    });
    const metrics = done.models[0]!.tests[0]!.metrics;
    assert.equal(metrics.loaded_context_length, 4096);
    assert.match(metrics.flag_reasons?.ctx_reduced ?? '', /^asked 32768, Ollama loaded 4096\. /);
  });

  it('compare, trends and rank keys take the loaded context as the test num_ctx', () => {
    const asked = session('m', { at: 0 });
    asked.options.num_ctx = 32768;
    const test = asked.models[0]!.tests[0]!;
    test.metrics.loaded_context_length = 16384;
    const fitted = session('m', { at: 1 });
    fitted.options.num_ctx = 16384;
    const fittedTest = fitted.models[0]!.tests[0]!;
    assert.equal(likeKey(asked, test).key, likeKey(fitted, fittedTest).key);
    assert.match(likeKey(asked, test).label, /num_ctx 16384/);
    assert.equal(optionsKey(asked.options, 'A', 16384), optionsKey(fitted.options, 'A'));
    // Loaded at what was asked: the key is the one the options always gave.
    assert.equal(optionsKey(fitted.options, 'A', 16384), optionsKey(fitted.options, 'A'));
    // Rank: the two results share one setting, at the loaded context.
    const rankable = (sd: typeof asked, start: number) => ({
      id: String(start),
      start,
      options: sd.options,
      models: sd.models,
    });
    const inputs = comparableInputs(
      [rankable(asked, 1), rankable(fitted, 2)],
      [{ figure: 'tokens_per_second', weight: 1, direction: 'benefit', suite: 'A' }],
    );
    assert.equal(inputs.settings.tokens_per_second?.num_ctx, 16384);
    assert.equal(inputs.picked.get('m')?.tokens_per_second?.length, 2);
    // The dashboard's comparison lists the flag's reason beside the like-for-like figures.
    test.metrics.flags = ['ctx_reduced'];
    test.metrics.flag_reasons = { ctx_reduced: 'asked 32768, Ollama loaded 16384. …' };
    const view = buildCompareView(
      sessionSubjects([
        { ...asked, _id: 'a' },
        { ...fitted, _id: 'b' },
      ]),
    );
    assert.ok(view.rows.length > 0);
    assert.deepEqual(
      view.flagNotes?.map((n) => `${n.flag}: ${n.reason}`),
      ['ctx_reduced: asked 32768, Ollama loaded 16384. …'],
    );
    // Same options, another loaded context: named among what changed.
    const later = session('m', { at: 2 });
    later.options.num_ctx = 32768;
    assert.deepEqual(contextChanges(later, asked, ['m'], ['A']), {
      'num_ctx:A': ['32768', '16384'],
    });
  });
});
