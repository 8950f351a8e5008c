// The workload suites run end to end against the Ollama stand-in: the depth curve follows the
// stand-in's told slowdown, a shared prefix is cold then warm, a rate level and a sweep store
// their levels, and a cancelled sweep keeps its finished levels.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveRunOptions } from '../../../src/core/bench/runOptions';
import { BUILTIN_SUITES, withNumPredict } from '../../../src/core/bench/suites';
import type { SuiteDefinition } from '../../../src/shared/dto';
import { generations, run, standIn } from '../../fixtures/runnerHarness';

const builtin = (name: string, numPredict: number): SuiteDefinition => {
  const suite = BUILTIN_SUITES.find((s) => s.name === name);
  assert.ok(suite);
  return withNumPredict([suite], numPredict)[0] ?? suite;
};

describe('depth', () => {
  it('calibrates the filler from prompt_eval_count and slows as told with depth', async () => {
    // 1 token per word; rates halve at 1000 prompt tokens.
    const s = await standIn({
      tokensPerSecond: 1000,
      promptTokensPerSecond: 20_000,
      depthHalfTokens: 1000,
    });
    const { session } = await run(s, {
      suites: [builtin('depth', 4)],
      repetitions: 1,
      options: resolveRunOptions({ num_ctx: 2048, workload: { depths: [0, 500, 1000, 4000] } }),
    });
    const metrics = session.models[0]?.tests[0]?.metrics;
    const levels = metrics?.depth_levels ?? [];
    // 4000 is capped below num_ctx − num_predict − the question.
    assert.deepEqual(
      levels.map((l) => l.depth),
      [0, 500, 1000, 2048 - 4 - levels[0]!.prompt_tokens - 1],
    );
    const base = levels[0]?.prompt_tokens ?? 0;
    for (const l of levels) {
      // Ollama's own count: the filler's words plus the request's own tokens, exactly.
      assert.equal(l.prompt_tokens, l.depth + base);
      const slowdown = 1 + l.prompt_tokens / 1000;
      assert.ok(
        Math.abs((l.tokens_per_second ?? 0) - 1000 / slowdown) < 1,
        `${l.depth}: ${l.tokens_per_second}`,
      );
      assert.ok(
        Math.abs((l.prompt_tokens_per_second ?? 0) - 20_000 / slowdown) < 20_000 / slowdown / 50,
        `${l.depth}: ${l.prompt_tokens_per_second}`,
      );
    }
    // Every request, the two calibrations included, opened with its own nonce.
    const prompts = generations(s).map((r) => String(r.body?.prompt ?? ''));
    const nonces = prompts.filter(Boolean).map((p) => p.split('\n')[0]);
    assert.equal(new Set(nonces).size, nonces.length);
  });
});

describe('prefix', () => {
  it('measures cold and warm TTFT and the reuse ratio from prompt_eval_cached_count', async () => {
    const s = await standIn({
      promptCache: true,
      cachedCountField: true,
      promptTokensPerSecond: 2000,
    });
    const { session } = await run(s, { suites: [builtin('prefix', 2)], repetitions: 1 });
    const m = session.models[0]?.tests[0]?.metrics;
    assert.ok(m?.ttft_cold_ms !== undefined && m.ttft_warm_ms !== undefined);
    assert.ok(m.ttft_warm_ms < m.ttft_cold_ms, `${m.ttft_warm_ms} < ${m.ttft_cold_ms}`);
    assert.ok(m.prefill_warm_ms !== undefined && m.prefill_cold_ms !== undefined);
    assert.ok(m.prefix_reuse_ratio !== undefined && m.prefix_reuse_ratio > 0.9);
    assert.equal(m.flags.includes('cache_hit'), false);
  });
});

describe('rate', () => {
  it('one level at a rate: every request arrives, the figures and the SLO are stored', async () => {
    const s = await standIn({ tokensPerSecond: 2000 });
    const { session } = await run(s, {
      suites: [builtin('rate', 4)],
      repetitions: 1,
      options: resolveRunOptions({
        workload: { rate: 50, arrival: 'constant', requests: 10, slo: undefined },
      }),
    });
    const m = session.models[0]?.tests[0]?.metrics;
    const level = m?.rate_levels?.[0];
    assert.ok(level);
    assert.equal(level.mode, 'constant');
    assert.equal(level.rate_rps, 50);
    assert.equal(level.requests, 10);
    assert.equal(level.completed, 10);
    assert.equal(level.meets_slo, true);
    assert.equal(m?.max_sustainable_rps, 50);
    assert.equal(m?.slo?.name, 'standard');
    assert.ok((m?.goodput_rps ?? 0) > 0);
  });

  it('waiting for a slot shows in TTFT and in the wait figure', async () => {
    // One slot, slow answers, many arrivals at once: later requests queue.
    const s = await standIn({ tokensPerSecond: 200, numParallel: 1 });
    const { session } = await run(s, {
      suites: [builtin('rate', 8)],
      repetitions: 1,
      options: resolveRunOptions({ workload: { rate: 1000, arrival: 'constant', requests: 6 } }),
    });
    const level = session.models[0]?.tests[0]?.metrics.rate_levels?.[0];
    assert.ok(level?.wait_ms_p90 !== undefined && level.ttft_ms_p90 !== undefined);
    // Each request holds the slot for 8 tokens at 200 tok/s (40 ms): the last waits for five.
    assert.ok(level.wait_ms_p90 >= 100, `wait p90 ${level.wait_ms_p90}`);
    assert.ok(level.max_in_flight >= 2);
  });

  it('a sweep runs synchronous, throughput and the rates between, and marks its answer', async () => {
    const s = await standIn({ tokensPerSecond: 4000 });
    const { session } = await run(s, {
      suites: [builtin('rate', 4)],
      repetitions: 1,
      options: resolveRunOptions({ workload: { sweep: true, rates: 2, requests: 6 } }),
    });
    const m = session.models[0]?.tests[0]?.metrics;
    const modes = m?.rate_levels?.map((l) => l.mode) ?? [];
    // A level that over-saturates ends the sweep early; that is the only way to fewer levels.
    assert.deepEqual(modes.slice(0, 3), ['synchronous', 'throughput', 'poisson']);
    if (modes.length < 4) assert.match(m?.sweep_stopped ?? '', /over-saturated/);
    else assert.equal(modes.length, 4);
    assert.ok(typeof m?.max_sustainable_rps === 'number');
  });

  it('Ctrl-C stops a sweep at once and keeps the finished levels', async () => {
    const s = await standIn({ tokensPerSecond: 500 });
    const stop = new AbortController();
    const { session } = await run(
      s,
      {
        suites: [builtin('rate', 4)],
        repetitions: 1,
        options: resolveRunOptions({ workload: { sweep: true, rates: 3, requests: 4 } }),
      },
      {
        signal: stop.signal,
        onEvent: (e) => {
          if (e.type === 'repetition-done') stop.abort();
        },
      },
    );
    const test = session.models[0]?.tests[0];
    assert.equal(test?.status, 'cancelled');
    assert.deepEqual(
      test?.metrics.rate_levels?.map((l) => l.mode),
      ['synchronous'],
    );
    assert.match(test?.metrics.sweep_stopped ?? '', /cancelled/);
  });
});
