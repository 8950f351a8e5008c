// The ranking figures a workload test gives: goodput and the highest sustainable rate of a rate
// test (a sweep where no level met the SLO sustains 0 requests/s), and tokens/s at a depth of a
// depth sweep (that depth exactly: another depth is not comparable). Pure.
import type { TestMetrics } from './dto';

const AT_DEPTH = {
  tokens_per_second_at_2k: 2048,
  tokens_per_second_at_8k: 8192,
  tokens_per_second_at_32k: 32768,
} as const;

export type WorkloadRankFigure = 'goodput_rps' | 'max_sustainable_rps' | keyof typeof AT_DEPTH;

export const isWorkloadRankFigure = (figure: string): figure is WorkloadRankFigure =>
  figure === 'goodput_rps' || figure === 'max_sustainable_rps' || Object.hasOwn(AT_DEPTH, figure);

export function workloadRankValue(
  metrics: TestMetrics | undefined,
  figure: WorkloadRankFigure,
): number | undefined {
  if (!metrics) return undefined;
  if (figure === 'goodput_rps') return metrics.goodput_rps;
  if (figure === 'max_sustainable_rps')
    return metrics.rate_levels ? (metrics.max_sustainable_rps ?? 0) : undefined;
  const depth = AT_DEPTH[figure];
  return metrics.depth_levels?.find((l) => l.depth === depth)?.tokens_per_second;
}
