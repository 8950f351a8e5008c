// The figures a use case can rank by: each a figure of the session document (or of its test
// result, for ttft_ms's p90) with its natural direction. Rates are benefits; times and memory
// are costs, and so is energy per token (recorded where the machine can measure it: an NVIDIA GPU,
// readable RAPL); it is in no default use case, so a machine without a source ranks as before.
import {
  DEPTH_FIGURE_PREFIX,
  depthOfFigure,
  isDepthRankFigure,
  type DepthRankFigure,
} from '../depthRankFigure';
import type { Direction } from './topsis';

export const RANK_FIGURES = {
  tokens_per_second: { direction: 'benefit', label: 'tokens/s', unit: 'tok/s' },
  prompt_tokens_per_second: { direction: 'benefit', label: 'prompt tokens/s', unit: 'tok/s' },
  ttft_ms: { direction: 'cost', label: 'time to first token (p90)', unit: 'ms' },
  tpot_ms: { direction: 'cost', label: 'time per output token', unit: 'ms' },
  aggregate_tokens_per_second: {
    direction: 'benefit',
    label: 'aggregate tokens/s (concurrent)',
    unit: 'tok/s',
  },
  load_time: { direction: 'cost', label: 'cold load', unit: 'ms' },
  vram_usage: { direction: 'cost', label: 'VRAM used (peak)', unit: 'bytes' },
  ram_usage: { direction: 'cost', label: 'RAM used (peak)', unit: 'bytes' },
  joules_per_token: { direction: 'cost', label: 'energy per token', unit: 'J/token' },
  // Workloads (src/shared/workloadRankFigures.ts reads them from a test's levels).
  goodput_rps: {
    direction: 'benefit',
    label: 'goodput (requests/s within the SLO)',
    unit: 'req/s',
  },
  max_sustainable_rps: {
    direction: 'benefit',
    label: 'highest rate that meets the SLO',
    unit: 'req/s',
  },
  tokens_per_second_at_2k: { direction: 'benefit', label: 'tokens/s at depth 2048', unit: 'tok/s' },
  tokens_per_second_at_8k: { direction: 'benefit', label: 'tokens/s at depth 8192', unit: 'tok/s' },
  tokens_per_second_at_32k: {
    direction: 'benefit',
    label: 'tokens/s at depth 32768',
    unit: 'tok/s',
  },
  // Share of an eval set's items answered right (model_evaluations), in percent; the criterion's
  // suite names the set. The same on every machine.
  accuracy: { direction: 'benefit', label: 'accuracy (eval set)', unit: '%' },
} as const satisfies Record<string, { direction: Direction; label: string; unit: string }>;

/** A figure of the table, or tokens/s at any depth (`tokens_per_second_at_depth:16384`). */
export type RankFigure = keyof typeof RANK_FIGURES | DepthRankFigure;

export interface RankFigureInfo {
  direction: Direction;
  label: string;
  unit: string;
}

export function isRankFigure(name: unknown): name is RankFigure {
  return (typeof name === 'string' && Object.hasOwn(RANK_FIGURES, name)) || isDepthRankFigure(name);
}

/** How a figure ranks and reads: the table's entry, or tokens/s at the depth it names. */
export function rankFigureInfo(figure: RankFigure): RankFigureInfo {
  if (!isDepthRankFigure(figure)) return RANK_FIGURES[figure];
  return {
    direction: 'benefit',
    label: `tokens/s at depth ${depthOfFigure(figure) ?? ''} (interpolated)`,
    unit: 'tok/s',
  };
}

/** The figures a user can name, the depth form as its pattern. */
export const knownRankFigures = (): string =>
  [...Object.keys(RANK_FIGURES), `${DEPTH_FIGURE_PREFIX}D`].join(', ');

export function naturalDirection(figure: RankFigure): Direction {
  return rankFigureInfo(figure).direction;
}
