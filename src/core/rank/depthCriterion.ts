// A `tokens_per_second_at_depth:D` criterion is refused when D lies outside every depth this
// machine's depth sweeps measured: no model could have a value, and the rate there would be a
// guess. Within the range, a model whose own sweep does not reach D is left unranked as for any
// missing figure.
import { depthOfFigure, measuredDepths } from '../../shared/depthRankFigure';
import type { RankableSession } from './comparableInputs';
import { RankUsageError, type ResolvedCriterion } from './useCaseRules';

export function checkDepthCriteria(
  sessions: readonly RankableSession[],
  criteria: readonly ResolvedCriterion[],
): void {
  const asked = criteria.flatMap((c) => {
    const d = depthOfFigure(c.figure);
    return d === undefined ? [] : [{ figure: c.figure, depth: d }];
  });
  if (!asked.length) return;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of sessions)
    for (const m of s.models)
      for (const t of m.tests) {
        if (t.status !== 'completed') continue;
        for (const l of measuredDepths(t.metrics?.depth_levels)) {
          lo = Math.min(lo, l.depth);
          hi = Math.max(hi, l.depth);
        }
      }
  for (const { figure, depth } of asked) {
    if (lo === Infinity)
      throw new RankUsageError(
        `${figure}: no depth sweep is stored for this machine; run one first, e.g. ollama-bench run --suite depth --depths 0,${depth}`,
      );
    if (depth < lo || depth > hi)
      throw new RankUsageError(
        `${figure}: depth ${depth} is outside the measured depths (${lo} to ${hi}); tokens/s is interpolated between measured depths, never extrapolated: choose a depth from ${lo} to ${hi}, or measure it (ollama-bench run --suite depth --depths …,${depth})`,
      );
  }
}
