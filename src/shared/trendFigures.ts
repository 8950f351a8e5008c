// The figures a result can be compared and trended on, and which way is worse for each: a rate
// that drops is a regression, a time that grows is one. Shared by the core (verdicts, daily
// statistics), the CLI (`--figure`) and the webviews (labels).
import type { RepetitionFigures } from './dto';

export type TrendFigure = 'tokens_per_second' | 'prompt_tokens_per_second' | 'ttft_ms' | 'e2e_ms';

export interface TrendFigureInfo {
  /** How the figure reads in a sentence: "−12.4 % tokens/s". */
  label: string;
  unit: string;
  /** Rates: higher is better; times: lower is better. */
  better: 'higher' | 'lower';
}

export const TREND_FIGURES: Record<TrendFigure, TrendFigureInfo> = {
  tokens_per_second: { label: 'tokens/s', unit: 'tok/s', better: 'higher' },
  prompt_tokens_per_second: { label: 'prompt tokens/s', unit: 'tok/s', better: 'higher' },
  ttft_ms: { label: 'TTFT', unit: 'ms', better: 'lower' },
  e2e_ms: { label: 'end-to-end time', unit: 'ms', better: 'lower' },
};

/** The figures kept per day in daily_model_stats. */
export const DAILY_FIGURES = [
  'tokens_per_second',
  'prompt_tokens_per_second',
  'ttft_ms',
] as const satisfies readonly TrendFigure[];

export function isTrendFigure(value: unknown): value is TrendFigure {
  return typeof value === 'string' && Object.hasOwn(TREND_FIGURES, value);
}

/** One figure of every repetition that has it. */
export function repetitionValues(
  repetitions: readonly RepetitionFigures[] | undefined,
  figure: TrendFigure,
): number[] {
  return (repetitions ?? [])
    .map((r) => r[figure])
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}
