// The workload figures a trend or a comparison reads: TTFT of the requests that reused a shared
// prefix, tokens/s at a fixed depth (that depth exactly, as the rankings read it), goodput and the
// highest sustainable rate (one value per rate test). Pure.
import type { RepetitionFigures } from './dto';
import type { WorkloadMetrics } from './workloadTypes';
import { AT_DEPTH, workloadRankValue } from './workloadRankFigures';

export type WorkloadTrendFigure =
  'ttft_warm_ms' | 'goodput_rps' | 'max_sustainable_rps' | keyof typeof AT_DEPTH;

/** Per-repetition values: warm requests' TTFT, or tokens/s of the repetitions at the depth. */
export function workloadRepetitionValues(
  reps: readonly RepetitionFigures[],
  figure: WorkloadTrendFigure,
): (number | undefined)[] {
  if (figure === 'ttft_warm_ms')
    return reps.filter((r) => r.prefix_warm === true).map((r) => r.ttft_ms);
  if (figure === 'goodput_rps' || figure === 'max_sustainable_rps') return [];
  const depth = AT_DEPTH[figure];
  return reps.filter((r) => r.depth === depth).map((r) => r.tokens_per_second);
}

/** The test's summary value of a workload figure. */
export function workloadTestValue(
  metrics: WorkloadMetrics,
  figure: WorkloadTrendFigure,
): number | undefined {
  if (figure === 'ttft_warm_ms') return metrics.ttft_warm_ms;
  return workloadRankValue(metrics, figure);
}
