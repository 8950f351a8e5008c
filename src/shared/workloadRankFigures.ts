// The ranking figures a workload test gives: goodput and the highest sustainable rate of a rate
// test (a sweep where no level met the SLO sustains 0 requests/s), and tokens/s at a depth of a
// depth sweep (the fixed ones: that depth exactly; `tokens_per_second_at_depth:D`: interpolated,
// depthRankFigure.ts). Pure.
import {
  depthOfFigure,
  isDepthRankFigure,
  tokensPerSecondAtDepth,
  type DepthRankFigure,
} from './depthRankFigure';
import type { TestMetrics } from './dto';
import type { WorkloadMetrics } from './workloadTypes';

/** The fixed depths of the tokens/s-at-depth figures (rankings and trends). */
export const AT_DEPTH = {
  tokens_per_second_at_2k: 2048,
  tokens_per_second_at_8k: 8192,
  tokens_per_second_at_32k: 32768,
} as const;

export type WorkloadRankFigure =
  'goodput_rps' | 'max_sustainable_rps' | keyof typeof AT_DEPTH | DepthRankFigure;

export const isWorkloadRankFigure = (figure: string): figure is WorkloadRankFigure =>
  figure === 'goodput_rps' ||
  figure === 'max_sustainable_rps' ||
  Object.hasOwn(AT_DEPTH, figure) ||
  isDepthRankFigure(figure);

/** The suite that measures a workload figure: what `--weights` ranks it from when the use case does not say. */
export const workloadSuiteOf = (figure: WorkloadRankFigure): 'rate' | 'depth' =>
  figure === 'goodput_rps' || figure === 'max_sustainable_rps' ? 'rate' : 'depth';

/** The summary fields of a test's metrics a workload figure is read from. */
export function workloadRankFields(figure: WorkloadRankFigure): string[] {
  if (figure === 'goodput_rps') return ['goodput_rps'];
  if (figure === 'max_sustainable_rps') return ['max_sustainable_rps', 'rate_levels'];
  return ['depth_levels'];
}

export function workloadRankValue(
  metrics: TestMetrics | WorkloadMetrics | undefined,
  figure: WorkloadRankFigure,
): number | undefined {
  if (!metrics) return undefined;
  if (figure === 'goodput_rps') return metrics.goodput_rps;
  if (figure === 'max_sustainable_rps')
    return metrics.rate_levels ? (metrics.max_sustainable_rps ?? 0) : undefined;
  if (isDepthRankFigure(figure))
    return tokensPerSecondAtDepth(metrics.depth_levels, depthOfFigure(figure) ?? Number.NaN);
  const depth = AT_DEPTH[figure];
  return metrics.depth_levels?.find((l) => l.depth === depth)?.tokens_per_second;
}
