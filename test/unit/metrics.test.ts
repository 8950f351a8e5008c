// The metric maths with expectations worked out by hand (shown in the comments), so a change in
// method — another percentile definition, population instead of sample sd — fails loudly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ratePerSecond,
  repetitionFigures,
  repetitionStats,
  summaryMetrics,
  windowFigures,
  type StreamObservation,
} from '../../src/core/bench/metrics';
import { figureStats, mean, percentile, round2, sampleSd } from '../../src/core/bench/stats';
import { confidenceInterval95, tQuantile975 } from '../../src/core/bench/confidence';
import {
  cacheHits,
  implausibleRepetitions,
  isTruncated,
  isUnstable,
  validityFlags,
} from '../../src/core/bench/validity';
import type { FigureStats, RepetitionFigures } from '../../src/shared/dto';

const close = (actual: number | undefined, expected: number, eps = 1e-9) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= eps, `${actual} ≉ ${expected}`);

describe('percentile (linear interpolation between closest ranks, type 7)', () => {
  const xs = [50, 15, 40, 20, 35]; // sorted: 15 20 35 40 50
  it('interpolates at h = (n − 1) · p', () => {
    close(percentile(xs, 0.4), 29); // h = 1.6 → 20 + 0.6 · (35 − 20)
    close(percentile(xs, 0.5), 35); // h = 2 → the middle value
    close(percentile(xs, 0.9), 46); // h = 3.6 → 40 + 0.6 · 10
    close(percentile(xs, 0.99), 49.6); // h = 3.96 → 40 + 0.96 · 10
    close(percentile(xs, 0), 15);
    close(percentile(xs, 1), 50);
  });
  it('gives the mean of the two middle values for an even count, the value itself for one', () => {
    close(percentile([4, 1, 3, 2], 0.5), 2.5);
    close(percentile([7], 0.99), 7);
    assert.ok(Number.isNaN(percentile([], 0.5)));
    assert.throws(() => percentile([1], 50), RangeError);
  });
});

describe('mean, sample sd, cv', () => {
  it('uses n − 1', () => {
    // mean 5; squared deviations 9 1 1 1 0 0 4 16 = 32; 32 / 7 = 4.5714…; √ = 2.13809…
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    close(mean(xs), 5);
    close(sampleSd(xs), Math.sqrt(32 / 7));
    close(sampleSd([3]), 0);
  });
  it('summarises a figure', () => {
    // 10 12 14: mean 12, sd √((4 + 0 + 4) / 2) = 2, cv 2 / 12, p90 h = 1.8 → 12 + 0.8 · 2 = 13.6
    const { ci95, ...s } = figureStats([12, 14, 10])!;
    assert.deepEqual(
      { ...s, cv: Math.round(s.cv * 1e4) / 1e4, p90: round2(s.p90), p99: round2(s.p99) },
      { mean: 12, sd: 2, min: 10, max: 14, p50: 12, p90: 13.6, p99: 13.96, cv: 0.1667, n: 3 },
    );
    // 95 % CI: 12 ± t(0.975, 2) · 2 / √3 = 12 ± 4.303 · 1.154700… = 12 ± 4.968675…
    assert.deepEqual(ci95!.map(round2), [7.03, 16.97]);
    assert.equal(figureStats([5])!.ci95, undefined, 'no interval from one value');
    assert.equal(figureStats([]), undefined);
    assert.equal(figureStats([Number.NaN]), undefined);
  });
  it('rounds to 2 decimals as a person would', () => {
    assert.equal(round2(1.005), 1.01);
    assert.equal(round2(2.675), 2.68);
    assert.equal(round2(61.190108), 61.19);
    assert.equal(round2(-1.005), -1.01);
    assert.equal(round2(1e-7), 0);
  });
});

describe('rates from Ollama counters', () => {
  it('is count / duration × 1e9', () => {
    close(ratePerSecond(259, 4_232_710_000), 259 / 4.23271);
    assert.equal(round2(ratePerSecond(259, 4_232_710_000)!), 61.19); // 259 / 4.23271 = 61.1901…
    assert.equal(round2(ratePerSecond(26, 130_079_000)!), 199.88); // 26 / 0.130079 = 199.8785…
  });
  it('has no figure when a counter is missing or 0 (Ollama omits zero counters)', () => {
    assert.equal(ratePerSecond(26, undefined), undefined);
    assert.equal(ratePerSecond(26, 0), undefined);
    assert.equal(ratePerSecond(undefined, 1e9), undefined);
  });
});

describe('figures of one request', () => {
  const obs: StreamObservation = {
    t0: 1000,
    tokenTimes: [1100, 1120, 1150, 1160],
    tEnd: 1170,
    output: 'abcd',
    final: {
      eval_count: 4,
      eval_duration: 80_000_000,
      prompt_eval_count: 10,
      prompt_eval_duration: 5_000_000,
      total_duration: 170_000_000,
      done_reason: 'length',
    },
  };
  it('takes TTFT from t0, TPOT over the token gaps, ITL percentiles, e2e to the done chunk', () => {
    const f = repetitionFigures(obs, 2, 'n');
    assert.equal(f.ttft_ms, 100); // 1100 − 1000
    assert.equal(f.tpot_ms, 20); // (1160 − 1100) / 3
    assert.equal(f.itl_p50_ms, 20); // gaps 20 30 10 → median 20
    close(f.itl_p99_ms, 29.8); // sorted 10 20 30, h = 1.98 → 20 + 0.98 · 10
    assert.equal(f.e2e_ms, 170);
    assert.equal(f.tokens_per_second, 50); // 4 / 0.08 s
    assert.equal(f.prompt_tokens_per_second, 2000); // 10 / 0.005 s
    assert.equal(f.load_duration_ns, 0, 'a missing counter is 0, not an error');
    assert.equal(f.done_reason, 'length');
    assert.equal(f.index, 2);
  });
  it('has no TTFT without tokens and no TPOT with one token', () => {
    const one = repetitionFigures({ ...obs, tokenTimes: [1050] }, 0, 'n');
    assert.equal(one.ttft_ms, 50);
    assert.equal(one.tpot_ms, undefined);
    assert.equal(repetitionFigures({ ...obs, tokenTimes: [] }, 0, 'n').ttft_ms, undefined);
  });
  it('aggregates a concurrency window: Σ eval_count / window wall time', () => {
    const a: StreamObservation = {
      ...obs,
      t0: 0,
      tokenTimes: [50, 60],
      tEnd: 100,
      final: { eval_count: 10, eval_duration: 1e8 },
    };
    const b: StreamObservation = {
      ...obs,
      t0: 10,
      tokenTimes: [70, 90],
      tEnd: 250,
      final: { eval_count: 20, eval_duration: 1e8 },
    };
    const w = windowFigures([a, b], 0, 'x,y');
    assert.equal(w.concurrency, 2);
    assert.equal(w.e2e_ms, 250); // 250 − 0
    assert.equal(w.eval_count, 30);
    assert.equal(w.aggregate_tokens_per_second, 120); // 30 / 0.25 s
    assert.equal(w.tokens_per_second, 150); // mean of 100 and 200 per stream
    assert.equal(w.ttft_ms, 55); // median of 50 and 60
  });
});

describe('test summary', () => {
  const rep = (index: number, tps: number, ttft: number, totalMs: number): RepetitionFigures => ({
    index,
    nonce: String(index),
    tokens_per_second: tps,
    ttft_ms: ttft,
    e2e_ms: totalMs,
    eval_count: 100,
    eval_duration_ns: 1e9,
    prompt_eval_count: 10,
    prompt_eval_duration_ns: 1e7,
    total_duration_ns: totalMs * 1e6,
    load_duration_ns: 0,
  });
  it('means the rates, takes the median of latencies, rounds only the summary', () => {
    const reps = [rep(0, 60.123, 100, 1000), rep(1, 61.456, 130, 1100), rep(2, 62.789, 110, 1300)];
    const stats = repetitionStats(reps);
    close(stats.tokens_per_second!.mean, (60.123 + 61.456 + 62.789) / 3);
    const m = summaryMetrics(stats, { load_time_ms: 1234.5678, flags: [] });
    assert.equal(m.tokens_per_second, 61.46); // 184.368 / 3 = 61.456
    assert.equal(m.ttft_ms, 110); // median of 100 130 110
    assert.equal(m.e2e_ms, 1100);
    assert.equal(m.inference_time, 1133.33); // mean of 1000 1100 1300 ms
    assert.equal(m.load_time, 1234.57);
    assert.equal(m.prompt_tokens_per_second, undefined, 'no figure is invented');
  });
});

describe('validity flags', () => {
  const stats = (cv: number, n = 3): Record<string, FigureStats> => ({
    tokens_per_second: { mean: 1, sd: cv, min: 0, max: 2, p50: 1, p90: 1, p99: 1, cv, n },
  });
  it('unstable when cv > 10 % (strictly), with 2 values or more', () => {
    assert.equal(isUnstable('generation', stats(0.11)), true);
    assert.equal(isUnstable('generation', stats(0.1)), false);
    assert.equal(isUnstable('generation', stats(0.5, 1)), false);
    assert.equal(isUnstable('prompt', stats(0.5)), false, 'suite B is judged by its prompt rate');
    assert.equal(
      isUnstable('concurrency', { k2_aggregate_tokens_per_second: stats(0.2).tokens_per_second! }),
      true,
    );
  });
  it('truncated when done_reason is "length" before num_predict', () => {
    const base = {
      index: 0,
      nonce: '',
      e2e_ms: 1,
      eval_duration_ns: 1,
      prompt_eval_count: 1,
      prompt_eval_duration_ns: 1,
      total_duration_ns: 1,
      load_duration_ns: 0,
    };
    assert.equal(isTruncated({ ...base, eval_count: 200, done_reason: 'length' }, 256), true);
    assert.equal(isTruncated({ ...base, eval_count: 256, done_reason: 'length' }, 256), false);
    assert.equal(isTruncated({ ...base, eval_count: 100, done_reason: 'stop' }, 256), false);
  });
  it('cache_hit for a prompt count without duration, or a prompt rate above 3 × the median', () => {
    const r = (index: number, rate: number | undefined, durationNs = 1): RepetitionFigures => ({
      index,
      nonce: '',
      e2e_ms: 1,
      eval_count: 1,
      eval_duration_ns: 1,
      prompt_eval_count: 26,
      prompt_eval_duration_ns: durationNs,
      total_duration_ns: 1,
      load_duration_ns: 0,
      ...(rate !== undefined ? { prompt_tokens_per_second: rate } : {}),
    });
    // median of 1000 1100 5000 is 1100; 5000 > 3 · 1100 = 3300
    assert.deepEqual(cacheHits([r(0, 1000), r(1, 1100), r(2, 5000)]), [2]);
    assert.deepEqual(cacheHits([r(0, 1000), r(1, 1100), r(2, 3300)]), []);
    assert.deepEqual(cacheHits([r(0, 1000), r(1, undefined, 0)]), [1]);
    assert.deepEqual(
      cacheHits([r(0, 1000), r(1, 9000)]),
      [],
      'two values give no median to judge by',
    );
  });
  it('lists the flags in a fixed order', () => {
    const reps = [
      {
        index: 0,
        nonce: '',
        e2e_ms: 1,
        eval_count: 5,
        eval_duration_ns: 1,
        prompt_eval_count: 3,
        prompt_eval_duration_ns: 0,
        total_duration_ns: 1,
        load_duration_ns: 0,
        done_reason: 'length',
      },
    ];
    assert.deepEqual(
      validityFlags({
        kind: 'generation',
        stats: stats(0.2),
        repetitions: reps,
        numPredict: 8,
        cpuSpill: true,
      }),
      ['unstable', 'cpu_spill', 'truncated', 'cache_hit', 'implausible'],
    );
  });
  it('implausible: tokens in under 1 ms, or a rate above 10 × the median', () => {
    const rep = (index: number, tps: number, evalNs = 1e9) => ({
      index,
      nonce: '',
      e2e_ms: 1000,
      eval_count: 50,
      eval_duration_ns: evalNs,
      prompt_eval_count: 0,
      prompt_eval_duration_ns: 0,
      total_duration_ns: 1e9,
      load_duration_ns: 0,
      tokens_per_second: tps,
    });
    assert.deepEqual(implausibleRepetitions([rep(0, 50), rep(1, 52), rep(2, 49)]), []);
    // 50 tokens in 0.5 ms: whatever the rate, the counter cannot be right.
    assert.deepEqual(implausibleRepetitions([rep(0, 50), rep(1, 50, 500_000)]), [1]);
    // median 51: 600 > 510 is implausible, 500 < 510 is not.
    assert.deepEqual(
      implausibleRepetitions([rep(0, 50), rep(1, 51), rep(2, 52), rep(3, 600)]),
      [3],
    );
    assert.deepEqual(implausibleRepetitions([rep(0, 50), rep(1, 51), rep(2, 52), rep(3, 500)]), []);
  });
});

describe('confidence interval (Student t)', () => {
  it('uses the t table for small samples and approaches 1.96', () => {
    assert.equal(tQuantile975(1), 12.706);
    assert.equal(tQuantile975(2), 4.303);
    assert.equal(tQuantile975(30), 2.042);
    assert.equal(tQuantile975(40), 2.021);
    assert.equal(tQuantile975(120), 1.98);
    // between anchors, linear in 1/df: df 50 lies between 40 (2.021) and 60 (2.000)
    const t50 = tQuantile975(50);
    assert.ok(t50 < 2.021 && t50 > 2.0, String(t50));
    assert.ok(Math.abs(tQuantile975(100_000) - 1.96) < 0.001);
    assert.throws(() => tQuantile975(0), RangeError);
  });
  it('is mean ± t · sd / √n', () => {
    // n 4, sd 2: 10 ± 3.182 · 2 / 2 = 10 ± 3.182
    assert.deepEqual(confidenceInterval95(10, 2, 4), [10 - 3.182, 10 + 3.182]);
    assert.equal(confidenceInterval95(10, 2, 1), undefined);
  });
});
