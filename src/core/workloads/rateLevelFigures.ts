// One rate level's figures from its requests: achieved request and token throughput, goodput
// (requests that met every SLO bound, per second), TTFT, TPOT, ITL, e2e and the wait for a slot
// at p50/p90/p99, and whether the p90s met the SLO. Percentiles as in src/core/bench/stats.ts
// (linear interpolation). ITL's percentiles are over the requests' own median gaps. Pure.
import type { RateLevel, RateMode, SloSpec } from '../../shared/workloadTypes';
import { percentile, round2 } from '../bench/stats';
import type { RateRequest } from './rateRequest';
import { percentilesMeetSlo, requestMeetsSlo } from './slo';

type Figure = 'ttft_ms' | 'tpot_ms' | 'itl_ms' | 'e2e_ms' | 'wait_ms';

const PERCENTILES = [
  ['p50', 0.5],
  ['p90', 0.9],
  ['p99', 0.99],
] as const;

function percentilesOf(requests: readonly RateRequest[], figure: Figure) {
  const values = requests.flatMap((r) => {
    const v = r[figure];
    return v === undefined || !Number.isFinite(v) ? [] : [v];
  });
  const out: Partial<Record<`${Figure}_${'p50' | 'p90' | 'p99'}`, number>> = {};
  if (!values.length) return out;
  for (const [name, p] of PERCENTILES) out[`${figure}_${name}`] = round2(percentile(values, p));
  return out;
}

/** The level's wall time in s: from its first send to its last end (at least 1 ms). */
export function levelSeconds(requests: readonly RateRequest[]): number {
  if (!requests.length) return 0.001;
  const start = Math.min(...requests.map((r) => r.sentMs));
  const end = Math.max(...requests.map((r) => r.endMs ?? r.sentMs));
  return Math.max(end - start, 1) / 1000;
}

/** Peak requests in flight: each send sees those before it; +1 for itself. */
const maxInFlight = (requests: readonly RateRequest[]) =>
  requests.reduce((m, r) => Math.max(m, r.inFlightAtSend + 1), 0);

export function rateLevelFigures(
  mode: RateMode,
  askedRps: number | undefined,
  requests: readonly RateRequest[],
  slo: SloSpec,
): RateLevel {
  const done = requests.filter((r) => r.ok);
  const seconds = levelSeconds(requests);
  const achieved = done.length / seconds;
  const good = done.filter((r) =>
    requestMeetsSlo(
      { ttft_ms: r.ttft_ms, tpot_ms: r.tpot_ms, itl_ms: r.itl_ms, e2e_ms: r.e2e_ms },
      slo,
    ),
  ).length;
  const tokens = done.reduce((sum, r) => sum + r.eval_count, 0);
  const lags = requests.map((r) => r.sentMs - r.scheduledMs);
  const figures = {
    ...percentilesOf(done, 'ttft_ms'),
    ...percentilesOf(done, 'tpot_ms'),
    ...percentilesOf(done, 'itl_ms'),
    ...percentilesOf(done, 'e2e_ms'),
    ...percentilesOf(done, 'wait_ms'),
  };
  const meets =
    done.length > 0 &&
    done.length === requests.length &&
    percentilesMeetSlo(
      {
        ttft_ms: figures.ttft_ms_p90,
        tpot_ms: figures.tpot_ms_p90,
        itl_ms: figures.itl_ms_p90,
        e2e_ms: figures.e2e_ms_p90,
      },
      slo,
    );
  return {
    mode,
    rate_rps: round2(askedRps ?? achieved),
    achieved_rps: round2(achieved),
    goodput_rps: round2(good / seconds),
    output_tokens_per_second: round2(tokens / seconds),
    requests: requests.length,
    completed: done.length,
    failed: requests.length - done.length,
    ...figures,
    ...(lags.length ? { send_lag_ms_p99: round2(percentile(lags, 0.99)) } : {}),
    max_in_flight: maxInFlight(requests),
    meets_slo: meets,
  };
}
