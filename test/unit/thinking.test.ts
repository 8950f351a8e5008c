// Thinking models on the stand-in: `think` from the suite or the session reaches Ollama, the
// thinking chunks become ttfa_ms, thinking_tokens and the answer's own rate, and a model without
// the thinking capability is refused before anything is stored.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveRunOptions } from '../../src/core/bench/runOptions';
import { thinkingFigures } from '../../src/core/bench/thinkingFigures';
import { validateSuite } from '../../src/core/bench/suites';
import { runOptionsFrom } from '../../src/cli/options';
import { generations, refusedRun, run, standIn } from '../fixtures/runnerHarness';
import { suiteA } from '../fixtures/shortSuites';

const thinker = 'qwen3:0.6b';

describe('think: thinking models', () => {
  it('sends the session think and measures thinking and answer apart', async () => {
    const s = await standIn();
    const { session, store } = await run(s, {
      models: [thinker],
      suites: [{ ...suiteA, options: { num_predict: 24 } }],
      options: resolveRunOptions({ think: 'high' }),
    });
    assert.equal(session.status, 'completed');
    assert.equal(session.options.think, 'high');
    for (const body of generations(s).slice(1, -1)) assert.equal(body.body?.think, 'high');
    const metrics = session.models[0]!.tests[0]!.metrics;
    // "high" thinks 16 tokens on the stand-in; one chunk a token, so the count is exact.
    assert.equal(metrics.thinking_tokens, 16);
    assert.equal(metrics.thinking_tokens_estimated, false);
    assert.ok(metrics.ttfa_ms! > metrics.ttft_ms!, 'the answer starts after the thinking');
    assert.ok(metrics.answer_tokens_per_second! > 0);
    const [result] = await store.sessions.getTestResults(session._id!);
    for (const r of result!.metrics.repetitions) {
      assert.equal(r.eval_count, 24, 'thinking counts in eval_count');
      assert.equal(r.thinking_tokens, 16);
    }
  });

  it("a suite's own think replaces the session's, and think:false sends no thinking", async () => {
    const s = await standIn();
    const { session } = await run(s, {
      models: [thinker],
      suites: [
        { ...suiteA, name: 'low', think: 'low' },
        { ...suiteA, name: 'off' },
      ],
    });
    const [low, off] = session.models[0]!.tests;
    assert.equal(low!.metrics.thinking_tokens, 4);
    assert.equal(off!.metrics.thinking_tokens, undefined);
    assert.equal(off!.metrics.ttfa_ms, undefined);
    assert.equal(session.options.suite_options?.low?.think, 'low');
    assert.equal(session.options.suite_options?.off?.think, false);
  });

  it('refuses think on a model without the thinking capability before anything is stored', async () => {
    const s = await standIn();
    const { error, sessionWrites } = await refusedRun(s, {
      models: ['llama3.2:3b'],
      options: resolveRunOptions({ think: true }),
    });
    assert.ok(error instanceof Error);
    assert.match(
      error.message,
      /llama3\.2:3b cannot run suite A: it lacks the thinking capability/,
    );
    assert.equal((error as { kind?: string }).kind, 'input');
    assert.deepEqual(sessionWrites, []);
    assert.deepEqual(generations(s), [], 'nothing was asked of the model');
  });

  it('says when the thinking count is an estimate (chunks that do not add up to eval_count)', () => {
    const figures = thinkingFigures({
      t0: 0,
      tokenTimes: [1, 2, 3, 4],
      answerTimes: [3, 4],
      thinkingChunks: 2,
      tEnd: 5,
      output: 'ab',
      final: { eval_count: 8 },
    });
    assert.deepEqual(figures, {
      thinking_tokens: 4,
      thinking_tokens_estimated: true,
      ttfa_ms: 3,
      answer_tokens_per_second: 1000,
    });
  });

  it('takes think from a suite and from --think, and refuses what Ollama would', () => {
    const ok = validateSuite({
      name: 'T',
      prompts: ['x'],
      options: { num_predict: 4 },
      think: 'max',
    });
    assert.ok(ok.ok && ok.suite.think === 'max');
    const bad = validateSuite({
      name: 'T',
      prompts: ['x'],
      options: { num_predict: 4 },
      think: 'huge',
    });
    assert.ok(!bad.ok && bad.errors.some((e) => e.startsWith('"think" must be')));
    assert.equal(runOptionsFrom({ think: 'medium' }).think, 'medium');
    assert.equal(runOptionsFrom({ think: 'false' }).think, false);
    assert.throws(() => runOptionsFrom({ think: 'lots' }), /--think must be false, true, low/);
  });
});
