// From the inputs of the rankable models and the criteria to the ranked list: TOPSIS closeness,
// shared ranks for equal scores, the Pareto front, each criterion's contribution. The webview
// calls this as a slider moves, so a re-rank needs no round trip to the extension.
import { paretoFront } from './pareto';
import type { RankFigure } from './rankFigures';
import type { RankCriterion, RankedModel } from './rankingReport';
import { criterionValue, topsis } from './topsis';

export interface RankRow {
  model: string;
  inputs: Partial<Record<RankFigure, number>>;
}

/** Weights made positive-proportional and summing to 1 (all zero: equal weights). */
export function normaliseWeights<T extends { weight: number }>(criteria: readonly T[]): T[] {
  const sum = criteria.reduce((s, c) => s + Math.max(0, c.weight), 0);
  return criteria.map((c) => ({
    ...c,
    weight: sum > 0 ? Math.max(0, c.weight) / sum : 1 / criteria.length,
  }));
}

/** rows must hold every criterion's figure (the not-ranked ones are left out before). */
export function scoreRanking(
  rows: readonly RankRow[],
  criteria: readonly RankCriterion[],
): RankedModel[] {
  const weighted = normaliseWeights(criteria);
  const matrix = rows.map((r) =>
    weighted.map((c) => {
      const v = r.inputs[c.figure];
      if (v === undefined) throw new RangeError(`${r.model} has no ${c.figure} to rank by`);
      return v;
    }),
  );
  const t = topsis(matrix, weighted);
  const front = paretoFront(
    matrix,
    weighted.map((c) => c.direction),
  );
  const out: RankedModel[] = rows.map((r, i) => {
    const values = t.weighted[i];
    const score = t.closeness[i];
    const pareto = front[i];
    if (!values || score === undefined || pareto === undefined)
      throw new RangeError(`the ranking computed nothing for ${r.model}`);
    const breakdown: Partial<Record<RankFigure, number>> = {};
    weighted.forEach((c, j) => {
      const antiIdeal = criterionValue(t.antiIdeal, j);
      const span = criterionValue(t.ideal, j) - antiIdeal;
      const position = span === 0 ? 1 : (criterionValue(values, j) - antiIdeal) / span;
      breakdown[c.figure] = c.weight * position || 0; // never -0 (a cost at its anti-ideal)
    });
    return {
      model: r.model,
      score,
      rank: 0,
      pareto,
      breakdown,
      inputs: { ...r.inputs },
    };
  });
  out.sort((a, b) => b.score - a.score || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  out.forEach((m, i) => {
    const prev = out[i - 1];
    // Scores equal to 12 digits are a tie (floating-point noise is not a difference).
    m.rank = prev && Math.abs(prev.score - m.score) < 1e-12 ? prev.rank : i + 1;
  });
  return out;
}

/** One line on why a model ranks where it does: its strongest and weakest criterion. */
export function whyThisRank(m: RankedModel, criteria: readonly RankCriterion[]): string {
  const shares = criteria.map((c) => ({
    figure: c.figure,
    share: c.weight > 0 ? (m.breakdown[c.figure] ?? 0) / c.weight : 1,
  }));
  if (!shares.length) return '';
  const best = shares.reduce((a, b) => (b.share > a.share ? b : a));
  const worst = shares.reduce((a, b) => (b.share < a.share ? b : a));
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const parts = [
    `#${m.rank}, closeness ${m.score.toFixed(3)}`,
    `strongest: ${best.figure} (${pct(best.share)} of the way to the best)`,
  ];
  if (worst.figure !== best.figure) parts.push(`weakest: ${worst.figure} (${pct(worst.share)})`);
  if (m.pareto) parts.push('on the Pareto front');
  return parts.join('; ');
}
