// --target-ci on the stand-in: a test repeats until the 95 % CI of its main figure is within the
// target (never fewer than 3), or stops at the cap and says it did not get there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ciWithin, mainFigure, wantsAnother } from '../../src/core/bench/adaptiveRepetitions';
import { resolveRunOptions } from '../../src/core/bench/runOptions';
import { run, standIn } from '../fixtures/runnerHarness';
import { suiteB, suiteC } from '../fixtures/shortSuites';

describe('adaptive repetitions (--target-ci)', () => {
  it('stops at the minimum of 3 when the figure does not vary', async () => {
    const s = await standIn({ jitter: 0 });
    const { session } = await run(s, {
      repetitions: 10,
      options: resolveRunOptions({ target_ci_percent: 2 }),
    });
    const metrics = session.models[0]!.tests[0]!.metrics;
    assert.equal(metrics.repetitions_run, 3);
    assert.equal(metrics.target_ci_reached, true);
    assert.equal(session.options.target_ci_percent, 2);
    assert.equal(session.options.max_repetitions, 20);
  });

  it('stops at the cap and says the target was not reached when the noise is too large', async () => {
    // ±50 % on every token gap: a CI of ±0.01 % of the mean is out of reach in 5 repetitions.
    const s = await standIn({ jitter: 0.5 });
    const { session } = await run(s, {
      options: resolveRunOptions({ target_ci_percent: 0.01, max_repetitions: 5 }),
    });
    const metrics = session.models[0]!.tests[0]!.metrics;
    assert.equal(metrics.repetitions_run, 5);
    assert.equal(metrics.target_ci_reached, false);
  });

  it('a concurrency suite adapts each level on its aggregate rate', async () => {
    const s = await standIn({ jitter: 0 });
    const { session, store } = await run(s, {
      suites: [suiteC],
      options: resolveRunOptions({ target_ci_percent: 50, max_repetitions: 4 }),
    });
    const metrics = session.models[0]!.tests[0]!.metrics;
    assert.ok(metrics.repetitions_run! >= 3 && metrics.repetitions_run! <= 4);
    const [result] = await store.sessions.getTestResults(session._id!);
    for (const k of [1, 2]) {
      const windows = result!.metrics.repetitions.filter((r) => r.concurrency === k).length;
      assert.ok(windows >= 3 && windows <= 4, `k = ${k}: ${windows} windows`);
    }
  });

  it('without a target: the fixed count, and no adaptive fields', async () => {
    const s = await standIn();
    const { session } = await run(s, { suites: [suiteB], repetitions: 2 });
    const metrics = session.models[0]!.tests[0]!.metrics;
    assert.equal(metrics.repetitions_run, undefined);
    assert.equal(metrics.target_ci_reached, undefined);
  });

  it('judges the CI half-width against the mean, on the suite kind’s main figure', () => {
    // mean 100, sd 1, n 3: half-width 4.303 × 1 / √3 ≈ 2.48 % of the mean.
    assert.equal(ciWithin([99, 100, 101], 2.5), true);
    assert.equal(ciWithin([99, 100, 101], 2.4), false);
    assert.equal(ciWithin([100], 50), false, 'one value has no CI');
    assert.equal(mainFigure('prompt'), 'prompt_tokens_per_second');
    assert.equal(mainFigure('concurrency'), 'aggregate_tokens_per_second');
    assert.equal(mainFigure('generation'), 'tokens_per_second');
    const adaptive = { targetCiPercent: 2.5, min: 3, max: 5 };
    assert.equal(
      wantsAnother(2, 10, adaptive, () => [100, 100]),
      true,
      'below the minimum',
    );
    assert.equal(
      wantsAnother(3, 10, adaptive, () => [99, 100, 101]),
      false,
      'reached',
    );
    assert.equal(
      wantsAnother(5, 10, adaptive, () => [1, 100, 200, 3, 9]),
      false,
      'the cap',
    );
    assert.equal(
      wantsAnother(9, 10, undefined, () => []),
      true,
      'fixed count',
    );
  });
});
