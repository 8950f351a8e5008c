// Serialized concurrency: Ollama serves OLLAMA_NUM_PARALLEL requests of a model at once (default
// 1) and always one for some families (server/sched.go). A concurrency level whose streams were
// served one after another is flagged `serialized`, with the reason and the fix; a level served in
// parallel is not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { queuedWindow, serializedLevels } from '../../src/core/bench/serializedConcurrency';
import { resultFlagReasons } from '../../src/core/bench/resultTable';
import type { RepetitionFigures } from '../../src/shared/dto';
import { DEFAULT_MODELS } from '../fixtures/ollamaStandIn';
import { generations, run, standIn } from '../fixtures/runnerHarness';
import { suiteC124 } from '../fixtures/shortSuites';

/** 20 tokens at 100 tokens/s: each stream decodes for at least 200 ms of told time. */
const TPS = 100;
const STREAM_MS = (20 / TPS) * 1000;
const conditions = (numParallel: string) => () =>
  Promise.resolve({
    ollama_env: { OLLAMA_NUM_PARALLEL: numParallel },
    ollama_env_source: 'server' as const,
  });

describe('serialized concurrency', () => {
  it('OLLAMA_NUM_PARALLEL = 1: k = 2 and 4 are flagged serialized, first tokens queued, reason and fix given', async () => {
    const s = await standIn({ numParallel: 1, tokensPerSecond: TPS });
    const { session } = await run(
      s,
      { suites: [suiteC124], repetitions: 1 },
      { readConditions: conditions('1') },
    );
    assert.equal(s.peakStreams(), 1, 'one stream at a time');
    // The k = 4 window: each stream's first token waited for the streams before it.
    const window = generations(s)
      .filter((r) => r.firstTokenAfterMs !== undefined)
      .slice(-4)
      .map((r) => r.firstTokenAfterMs!)
      .sort((a, b) => a - b);
    window.forEach((ttft, i) => assert.ok(ttft >= i * STREAM_MS, `stream ${i} queued`));
    const test = session.models[0]!.tests[0]!;
    assert.ok(test.metrics.flags.includes('serialized'));
    const reason = test.metrics.flag_reasons?.serialized ?? '';
    assert.match(reason, /^k = 2, 4: /);
    assert.match(reason, /OLLAMA_NUM_PARALLEL = 1/);
    assert.match(reason, /Fix: start Ollama with OLLAMA_NUM_PARALLEL=4/);
    assert.match(resultFlagReasons(session)[0] ?? '', /llama3\.2:3b · C: serialized — k = 2, 4/);
  });

  it('parallel slots: not flagged; a family Ollama always serializes is, with that reason', async () => {
    const next = { ...DEFAULT_MODELS[0]!, name: 'next:1b', family: 'qwen3next' };
    const s = await standIn({
      numParallel: 4,
      tokensPerSecond: TPS,
      models: [DEFAULT_MODELS[0]!, next],
    });
    const { session } = await run(
      s,
      { models: ['llama3.2:3b', 'next:1b'], suites: [suiteC124], repetitions: 1 },
      { readConditions: conditions('4') },
    );
    const [parallel, serialized] = session.models.map((m) => m.tests[0]!.metrics);
    assert.ok(!parallel!.flags.includes('serialized'));
    assert.equal(parallel!.flag_reasons, undefined);
    assert.ok(serialized!.flags.includes('serialized'));
    assert.match(
      serialized!.flag_reasons?.serialized ?? '',
      /the qwen3next family one request at a time/,
    );
  });

  it('queuedWindow / serializedLevels: first tokens queued and the aggregate flat against k = 1', () => {
    const stream = (i: number, ttft: number, e2e: number) =>
      ({ index: i, nonce: 'n', ttft_ms: ttft, e2e_ms: e2e }) as RepetitionFigures;
    const queued = [stream(0, 10, 110), stream(1, 115, 215)];
    const together = [stream(0, 10, 110), stream(1, 12, 112)];
    assert.equal(queuedWindow(queued), true);
    assert.equal(queuedWindow(together), false);
    const agg = (mean: number) => ({
      mean,
      sd: 0,
      min: mean,
      max: mean,
      p50: mean,
      p90: mean,
      p99: mean,
      cv: 0,
      n: 1,
    });
    const windows = [{ concurrency: 2, streams: queued }];
    assert.deepEqual(
      serializedLevels(windows, {
        k1_aggregate_tokens_per_second: agg(100),
        k2_aggregate_tokens_per_second: agg(95),
      }),
      [2],
    );
    // Twice the aggregate of one stream: the server ran them in parallel, whatever the timing.
    assert.deepEqual(
      serializedLevels(windows, {
        k1_aggregate_tokens_per_second: agg(100),
        k2_aggregate_tokens_per_second: agg(190),
      }),
      [],
    );
  });
});
