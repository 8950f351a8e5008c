// Tokens/s at any context depth D as a ranking criterion, `tokens_per_second_at_depth:D`: read
// from a depth sweep's levels, linearly interpolated between the two measured depths around D
// (D itself when it was measured). A D outside a sweep's measured depths has no value: the decode
// rate beyond the last level is not extrapolated. Pure.
import type { DepthLevel } from './workloadTypes';

export const DEPTH_FIGURE_PREFIX = 'tokens_per_second_at_depth:';

export type DepthRankFigure = `${typeof DEPTH_FIGURE_PREFIX}${number}`;

/** The depth a `tokens_per_second_at_depth:D` names (a whole number of tokens), else undefined. */
export function depthOfFigure(figure: string): number | undefined {
  if (!figure.startsWith(DEPTH_FIGURE_PREFIX)) return undefined;
  const text = figure.slice(DEPTH_FIGURE_PREFIX.length);
  if (!/^\d{1,7}$/.test(text)) return undefined;
  return Number(text);
}

export const isDepthRankFigure = (figure: unknown): figure is DepthRankFigure =>
  typeof figure === 'string' && depthOfFigure(figure) !== undefined;

/** The measured depths that have a tokens/s, ascending. */
export function measuredDepths(levels: readonly DepthLevel[] | undefined): DepthLevel[] {
  return (levels ?? [])
    .filter((l) => typeof l.tokens_per_second === 'number' && Number.isFinite(l.tokens_per_second))
    .sort((a, b) => a.depth - b.depth);
}

/** Tokens/s at `depth`: the level's, or interpolated between the levels around it. */
export function tokensPerSecondAtDepth(
  levels: readonly DepthLevel[] | undefined,
  depth: number,
): number | undefined {
  const measured = measuredDepths(levels);
  for (let i = 0; i < measured.length; i++) {
    const hi = measured[i];
    if (!hi || hi.depth < depth) continue;
    if (hi.depth === depth) return hi.tokens_per_second;
    const lo = measured[i - 1];
    if (!lo || lo.tokens_per_second === undefined || hi.tokens_per_second === undefined)
      return undefined;
    const share = (depth - lo.depth) / (hi.depth - lo.depth);
    return lo.tokens_per_second + share * (hi.tokens_per_second - lo.tokens_per_second);
  }
  return undefined;
}
