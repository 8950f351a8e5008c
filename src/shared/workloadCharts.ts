// The workload kinds' chart data, shared by the HTML report and the dashboard: a depth sweep's
// curve (tokens/s, prefill tokens/s and TTFT against depth) and a rate test's latency against
// arrival rate (p90 TTFT, TPOT and e2e), with the SLO's bounds as lines and the knee. Pure.
import type { WorkloadMetrics } from './workloadTypes';

export interface ChartPoint {
  x: number;
  y: number;
}

export interface DepthCurve {
  tokensPerSecond: ChartPoint[];
  promptTokensPerSecond: ChartPoint[];
  ttftMs: ChartPoint[];
}

export interface RateCurve {
  ttftP90: ChartPoint[];
  tpotP90: ChartPoint[];
  e2eP90: ChartPoint[];
  /** The SLO's TTFT and TPOT bounds across the rates, where the SLO sets them. */
  ttftBound: ChartPoint[];
  tpotBound: ChartPoint[];
  /** The knee's rate, when the sweep found one. */
  knee?: number;
}

const points = <T>(items: readonly T[], x: (i: T) => number, y: (i: T) => number | undefined) =>
  items.flatMap((i) => {
    const v = y(i);
    return v === undefined ? [] : [{ x: x(i), y: v }];
  });

export function depthCurve(m: WorkloadMetrics): DepthCurve | undefined {
  const levels = m.depth_levels;
  if (!levels?.length) return undefined;
  return {
    tokensPerSecond: points(
      levels,
      (l) => l.depth,
      (l) => l.tokens_per_second,
    ),
    promptTokensPerSecond: points(
      levels,
      (l) => l.depth,
      (l) => l.prompt_tokens_per_second,
    ),
    ttftMs: points(
      levels,
      (l) => l.depth,
      (l) => l.ttft_ms,
    ),
  };
}

export function rateCurve(m: WorkloadMetrics): RateCurve | undefined {
  const levels = [...(m.rate_levels ?? [])].sort((a, b) => a.rate_rps - b.rate_rps);
  if (!levels.length) return undefined;
  const span = (bound: number | undefined) =>
    bound === undefined ? [] : levels.map((l) => ({ x: l.rate_rps, y: bound }));
  const knee = levels.find((l) => l.knee)?.rate_rps;
  return {
    ttftP90: points(
      levels,
      (l) => l.rate_rps,
      (l) => l.ttft_ms_p90,
    ),
    tpotP90: points(
      levels,
      (l) => l.rate_rps,
      (l) => l.tpot_ms_p90,
    ),
    e2eP90: points(
      levels,
      (l) => l.rate_rps,
      (l) => l.e2e_ms_p90,
    ),
    ttftBound: span(m.slo?.bounds.ttft_ms),
    tpotBound: span(m.slo?.bounds.tpot_ms),
    ...(knee !== undefined ? { knee } : {}),
  };
}
