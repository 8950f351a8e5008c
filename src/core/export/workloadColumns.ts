// The workload kinds' figures as export columns: a shared prefix's and a rate test's single
// figures as they are, the SLO as its name and bounds, and the depth and rate levels as compact
// JSON in one cell each (one row per test, like every other column). Pure.
import type { TestMetrics } from '../../shared/dto';

export const WORKLOAD_COLUMNS = [
  'ttft_cold_ms',
  'ttft_warm_ms',
  'prefill_cold_ms',
  'prefill_warm_ms',
  'prefix_reuse_ratio',
  'goodput_rps',
  'max_sustainable_rps',
  'slo',
  'depth_levels',
  'rate_levels',
] as const;

type WorkloadColumn = (typeof WORKLOAD_COLUMNS)[number];

export function workloadColumns(
  x: TestMetrics,
): Record<WorkloadColumn, string | number | undefined> {
  const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));
  return {
    ttft_cold_ms: x.ttft_cold_ms,
    ttft_warm_ms: x.ttft_warm_ms,
    prefill_cold_ms: x.prefill_cold_ms,
    prefill_warm_ms: x.prefill_warm_ms,
    prefix_reuse_ratio: x.prefix_reuse_ratio,
    goodput_rps: x.goodput_rps,
    // null: no level met the SLO, written as 0 requests/s.
    max_sustainable_rps: x.max_sustainable_rps === null ? 0 : x.max_sustainable_rps,
    slo: x.slo ? `${x.slo.name} ${json(x.slo.bounds)}` : undefined,
    depth_levels: json(x.depth_levels),
    rate_levels: json(x.rate_levels),
  };
}
