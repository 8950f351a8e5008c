// Repetitions until the figure is trustworthy: with a CI target (`--target-ci PCT`), a test goes
// on until the 95 % confidence interval of its main figure is at most PCT % of the mean on either
// side, never with fewer than the minimum (a CI from two values is luck) and never past the cap.
// A quiet machine stops after 3; a noisy one spends repetitions where they buy certainty.
import type { RepetitionFigures, SuiteKind } from '../../shared/dto';
import type { AdaptiveRepetitions } from './runOptions';
import { figureStats } from './stats';

/** The figure a suite of this kind is about: the one its CI is judged on. */
export function mainFigure(
  kind: SuiteKind,
):
  | 'tokens_per_second'
  | 'prompt_tokens_per_second'
  | 'aggregate_tokens_per_second'
  | 'inputs_per_second' {
  if (kind === 'prompt') return 'prompt_tokens_per_second';
  if (kind === 'embedding') return 'inputs_per_second';
  if (kind === 'concurrency') return 'aggregate_tokens_per_second';
  return 'tokens_per_second';
}

/** Whether the 95 % CI half-width of the values is at most pct % of their mean. */
export function ciWithin(values: readonly number[], pct: number): boolean {
  const stats = figureStats(values);
  if (!stats?.ci95 || stats.mean === 0) return false;
  const half = (stats.ci95[1] - stats.ci95[0]) / 2;
  return half <= (pct / 100) * Math.abs(stats.mean);
}

/** The main figure of each repetition that has one. */
export function mainValues(kind: SuiteKind, reps: readonly RepetitionFigures[]): number[] {
  const figure = mainFigure(kind);
  return reps.map((r) => r[figure]).filter((v): v is number => v !== undefined);
}

/**
 * Whether one more repetition runs after `done` of them: the fixed count without a target;
 * with one, until the CI is reached (from the minimum on) or the cap.
 */
export function wantsAnother(
  done: number,
  fixed: number,
  adaptive: AdaptiveRepetitions | undefined,
  values: () => readonly number[],
): boolean {
  if (!adaptive) return done < fixed;
  if (done >= adaptive.max) return false;
  return done < adaptive.min || !ciWithin(values(), adaptive.targetCiPercent);
}
