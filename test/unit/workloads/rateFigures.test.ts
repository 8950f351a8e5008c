// A rate level's figures, goodput, the SLO, the knee, the saturation rule and a sweep's rates on
// fixed inputs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RateLevel } from '../../../src/shared/workloadTypes';
import type { RateRequest } from '../../../src/core/workloads/rateRequest';
import { rateLevelFigures } from '../../../src/core/workloads/rateLevelFigures';
import { saturated } from '../../../src/core/workloads/saturation';
import {
  parseSlo,
  percentilesMeetSlo,
  requestMeetsSlo,
  SLO_PRESETS,
} from '../../../src/core/workloads/slo';
import { markKnee, maxSustainableRps } from '../../../src/core/workloads/sustainableRate';
import { sweepRates } from '../../../src/core/workloads/sweepRates';
import { runSweep } from '../../../src/core/workloads/sweep';
import { workloadRankValue } from '../../../src/shared/workloadRankFigures';
import { DEFAULT_USE_CASES } from '../../../src/core/rank/defaultUseCases';
import { validateUseCase } from '../../../src/core/rank/useCaseRules';

const request = (i: number, over: Partial<RateRequest> = {}): RateRequest => ({
  index: i,
  scheduledMs: i * 100,
  sentMs: i * 100,
  inFlightAtSend: 0,
  endMs: i * 100 + 300,
  ok: true,
  ttft_ms: 100,
  tpot_ms: 20,
  itl_ms: 20,
  e2e_ms: 300,
  wait_ms: 5,
  eval_count: 10,
  ...over,
});

describe('SLOs', () => {
  it('presets from MLPerf, custom bounds, and refusals', () => {
    assert.deepEqual(SLO_PRESETS.interactive.bounds, { ttft_ms: 500, tpot_ms: 30 });
    assert.deepEqual(SLO_PRESETS.standard.bounds, { ttft_ms: 2000, tpot_ms: 100 });
    assert.deepEqual(parseSlo('ttft_ms<=800,tpot_ms<=50'), {
      name: 'custom',
      percentile: 90,
      bounds: { ttft_ms: 800, tpot_ms: 50 },
    });
    assert.equal(parseSlo('interactive').name, 'interactive');
    assert.throws(() => parseSlo('ttft<800'), /interactive, standard, or bounds/);
    assert.throws(() => parseSlo('  '), /at least one bound/);
  });

  it('a request meets it when each of its figures is within its bound', () => {
    const slo = parseSlo('ttft_ms<=800,tpot_ms<=50');
    assert.equal(requestMeetsSlo({ ttft_ms: 800, tpot_ms: 50 }, slo), true);
    assert.equal(requestMeetsSlo({ ttft_ms: 801, tpot_ms: 10 }, slo), false);
    assert.equal(requestMeetsSlo({ ttft_ms: 100 }, slo), true);
    assert.equal(percentilesMeetSlo({ ttft_ms: 100 }, slo), false);
  });
});

describe('a rate level', () => {
  it('throughput, goodput and percentiles from its requests', () => {
    // 10 requests over 1.2 s (first send 0, last end 1200); one misses the TTFT bound.
    const requests = Array.from({ length: 10 }, (_, i) =>
      request(i, { ttft_ms: i === 9 ? 900 : 100, inFlightAtSend: Math.min(i, 2) }),
    );
    const level = rateLevelFigures('constant', 10, requests, parseSlo('ttft_ms<=800'));
    assert.equal(level.rate_rps, 10);
    assert.equal(level.achieved_rps, 8.33);
    assert.equal(level.goodput_rps, 7.5);
    assert.equal(level.output_tokens_per_second, 83.33);
    assert.equal(level.completed, 10);
    assert.equal(level.ttft_ms_p50, 100);
    assert.equal(level.ttft_ms_p90, 180);
    assert.equal(level.ttft_ms_p99, 828);
    assert.equal(level.max_in_flight, 3);
    assert.equal(level.send_lag_ms_p99, 0);
    assert.equal(level.meets_slo, true);
    const strict = rateLevelFigures('constant', 10, requests, parseSlo('ttft_ms<=150'));
    assert.equal(strict.meets_slo, false);
  });

  it('a failed request counts against the level and never as goodput', () => {
    const requests = [request(0), request(1, { ok: false, eval_count: 0 })];
    const level = rateLevelFigures('poisson', 2, requests, SLO_PRESETS.standard);
    assert.equal(level.failed, 1);
    assert.equal(level.meets_slo, false);
    assert.equal(level.goodput_rps, 2.5);
  });

  it('the highest rate that met the SLO, and the knee', () => {
    const at = (rate_rps: number, meets_slo: boolean) =>
      ({ mode: 'constant', rate_rps, meets_slo }) as RateLevel;
    const levels = [at(0.5, true), at(8, false), at(2, true), at(4, true), at(6, false)];
    assert.equal(maxSustainableRps(levels), 4);
    assert.deepEqual(
      markKnee(levels)
        .filter((l) => l.knee)
        .map((l) => l.rate_rps),
      [4],
    );
    assert.equal(maxSustainableRps([at(1, false)]), null);
    // No faster level missed it: no knee to mark.
    assert.equal(
      markKnee([at(1, true), at(2, true)]).some((l) => l.knee),
      false,
    );
  });
});

describe('over-saturation', () => {
  it('TTFT and requests in flight rising through the level', () => {
    const rising = Array.from({ length: 9 }, (_, i) =>
      request(i, { ttft_ms: 100 * (i + 1), inFlightAtSend: i }),
    );
    assert.equal(saturated(rising), true);
    const steady = Array.from({ length: 9 }, (_, i) => request(i, { inFlightAtSend: 1 }));
    assert.equal(saturated(steady), false);
    // TTFT rises but nothing queues: not saturation.
    const slower = rising.map((r) => ({ ...r, inFlightAtSend: 1 }));
    assert.equal(saturated(slower), false);
    assert.equal(saturated(rising.slice(0, 5)), false);
  });
});

describe('a sweep', () => {
  it('spreads its rates evenly between synchronous and throughput, ends excluded', () => {
    assert.deepEqual(sweepRates(1, 11, 4), [3, 5, 7, 9]);
    assert.deepEqual(sweepRates(2, 2, 2), [2, 2]);
    assert.deepEqual(sweepRates(0, 0, 3), []);
  });

  it('runs synchronous, throughput, then the rates up, and stops at the first over-saturated level', async () => {
    const ran: string[] = [];
    const achieved = { synchronous: 1, throughput: 11 } as Record<string, number>;
    const stopped = await runSweep(
      async (mode, rate) => {
        ran.push(rate === undefined ? mode : `${mode} ${rate}`);
        return {
          mode,
          rate_rps: rate ?? achieved[mode] ?? 0,
          achieved_rps: achieved[mode] ?? rate ?? 0,
          saturated: rate !== undefined && rate >= 5,
        } as RateLevel;
      },
      'poisson',
      4,
    );
    assert.deepEqual(ran, ['synchronous', 'throughput', 'poisson 3', 'poisson 5']);
    assert.match(stopped ?? '', /over-saturated at 5 requests\/s/);
    const all = await runSweep(
      async (mode, rate) =>
        ({ mode, rate_rps: rate ?? 1, achieved_rps: mode === 'throughput' ? 4 : 1 }) as RateLevel,
      'constant',
      2,
    );
    assert.equal(all, undefined);
  });
});

describe('ranking by workload figures', () => {
  it('goodput, the sustainable rate (0 when no level met the SLO) and tokens/s at a depth', () => {
    const metrics = {
      flags: [],
      goodput_rps: 3.5,
      max_sustainable_rps: null,
      rate_levels: [],
      depth_levels: [
        { depth: 0, prompt_tokens: 20, tokens_per_second: 50 },
        { depth: 8192, prompt_tokens: 8212, tokens_per_second: 31 },
      ],
    };
    assert.equal(workloadRankValue(metrics, 'goodput_rps'), 3.5);
    assert.equal(workloadRankValue(metrics, 'max_sustainable_rps'), 0);
    assert.equal(workloadRankValue(metrics, 'tokens_per_second_at_8k'), 31);
    assert.equal(workloadRankValue(metrics, 'tokens_per_second_at_2k'), undefined);
    assert.equal(workloadRankValue({ flags: [] }, 'max_sustainable_rps'), undefined);
    const team = DEFAULT_USE_CASES.find((u) => u.name === 'team-server');
    assert.ok(team);
    assert.deepEqual(
      validateUseCase(team).criteria.map((c) => c.figure),
      ['max_sustainable_rps', 'goodput_rps', 'tokens_per_second_at_8k', 'vram_usage'],
    );
  });
});
