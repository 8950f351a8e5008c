// Checking a use case (stored, or written by a user) and resolving the criteria a ranking uses:
// `--weights` overrides, directions, and vram_usage read as ram_usage on a machine without a GPU.
import { InputError } from '../failures/inputError';
import { defaultSuiteOf } from '../quality/accuracyInputs';
import {
  isRankFigure,
  knownRankFigures,
  naturalDirection,
  type RankFigure,
} from '../../shared/rank/rankFigures';
import type { RankCriterion } from '../../shared/rank/rankingReport';
import { isWorkloadRankFigure, workloadSuiteOf } from '../../shared/workloadRankFigures';
import { normaliseWeights } from '../../shared/rank/scoreRanking';
import type { UseCase, UseCaseCriterion } from '../../shared/rank/useCase';

/** A usage error: bad figure, bad weight, unknown use case. */
export class RankUsageError extends InputError {
  override readonly name = 'RankUsageError';
}

export function validateUseCase(input: unknown): UseCase {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new RankUsageError('a use case must be an object');
  const u = input as Partial<UseCase>;
  if (typeof u.name !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,63}$/i.test(u.name))
    throw new RankUsageError(
      `a use case needs a name of letters, digits, . _ - (at most 64), got ${JSON.stringify(u.name)}`,
    );
  if (!Array.isArray(u.criteria) || !u.criteria.length)
    throw new RankUsageError(`use case "${u.name}" needs at least one criterion`);
  const seen = new Set<string>();
  const criteria = u.criteria.map((c: UseCaseCriterion, i) => {
    if (!isRankFigure(c?.figure))
      throw new RankUsageError(
        `use case "${u.name}", criterion ${i + 1}: unknown figure ${JSON.stringify(c?.figure)} (known: ${knownRankFigures()})`,
      );
    if (seen.has(c.figure))
      throw new RankUsageError(`use case "${u.name}" names ${c.figure} twice`);
    seen.add(c.figure);
    if (
      typeof c.weight !== 'number' ||
      !Number.isFinite(c.weight) ||
      c.weight < 0 ||
      c.weight > MAX_WEIGHT
    )
      throw new RankUsageError(
        `use case "${u.name}", ${c.figure}: the weight must be a number from 0 to ${MAX_WEIGHT}`,
      );
    if (typeof c.suite !== 'string' || !c.suite.trim())
      throw new RankUsageError(
        `use case "${u.name}", ${c.figure}: name the suite that measures it`,
      );
    if (c.direction !== undefined && c.direction !== 'benefit' && c.direction !== 'cost')
      throw new RankUsageError(`use case "${u.name}", ${c.figure}: direction is benefit or cost`);
    const out: UseCaseCriterion = { figure: c.figure, suite: c.suite.trim(), weight: c.weight };
    if (c.direction) out.direction = c.direction;
    return out;
  });
  if (!criteria.some((c) => c.weight > 0))
    throw new RankUsageError(`use case "${u.name}": at least one weight must be above 0`);
  const out: UseCase = {
    name: u.name,
    title: typeof u.title === 'string' && u.title.trim() ? u.title.trim() : u.name,
    description: typeof u.description === 'string' ? u.description : '',
    criteria,
  };
  if (u.builtin) out.builtin = true;
  return out;
}

/** Largest weight: beyond, the weights' sum overflows and normalising loses them. */
export const MAX_WEIGHT = 1e6;

/** `figure=w,figure=w`: any positive numbers up to MAX_WEIGHT; unknown figures are usage errors. */
export function parseWeights(text: string): Map<RankFigure, number> {
  const out = new Map<RankFigure, number>();
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const figure = (eq > 0 ? part.slice(0, eq) : part).trim();
    const value = Number(eq > 0 ? part.slice(eq + 1) : NaN);
    if (!isRankFigure(figure))
      throw new RankUsageError(
        `--weights: unknown figure "${figure}" (known: ${knownRankFigures()})`,
      );
    if (!Number.isFinite(value) || value <= 0 || value > MAX_WEIGHT)
      throw new RankUsageError(
        `--weights: ${figure} needs a positive number up to ${MAX_WEIGHT}, as ${figure}=2`,
      );
    out.set(figure, value);
  }
  if (!out.size)
    throw new RankUsageError(
      '--weights needs figure=weight pairs, e.g. ttft_ms=2,tokens_per_second=1',
    );
  return out;
}

/** A criterion as ranked: its figure on this machine, the suite that measures it, its direction. */
export interface ResolvedCriterion extends RankCriterion {
  suite: string;
}

/**
 * The criteria of a ranking. `weights` replaces the use case's weights: figures it names that the
 * use case lacks are added (measured by suite A, accuracy by the set core, a workload figure by its
 * suite, with the figure's natural direction); figures
 * it leaves out drop. Without a GPU, vram_usage is read as ram_usage.
 */
export function resolveCriteria(
  useCase: UseCase,
  options: { weights?: Map<RankFigure, number>; hasGpu: boolean },
): ResolvedCriterion[] {
  let criteria: UseCaseCriterion[] = useCase.criteria;
  if (options.weights) {
    criteria = [...options.weights].map(([figure, weight]) => {
      const own = useCase.criteria.find((c) => c.figure === figure);
      const suite =
        own?.suite ??
        (isWorkloadRankFigure(figure) ? workloadSuiteOf(figure) : defaultSuiteOf(figure));
      return { figure, weight, suite, direction: own?.direction };
    });
  }
  const resolved: ResolvedCriterion[] = [];
  for (const c of criteria) {
    const figure: RankFigure =
      !options.hasGpu && c.figure === 'vram_usage' ? 'ram_usage' : c.figure;
    const existing = resolved.find((r) => r.figure === figure);
    if (existing) existing.weight += c.weight;
    else
      resolved.push({
        figure,
        weight: c.weight,
        direction: c.direction ?? naturalDirection(figure),
        suite: c.suite,
      });
  }
  return normaliseWeights(resolved.filter((c) => c.weight > 0));
}
