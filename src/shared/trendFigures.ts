// The figures a result can be compared and trended on, and which way is worse for each: a rate
// that drops is a regression, a time that grows is one. Shared by the core (verdicts, daily
// statistics), the CLI (`--figure`) and the webviews (labels). The workload figures are read from
// the tests that have them (workloadTrendValues.ts); other tests simply have no value.
import type { RepetitionFigures } from './dto';
import type { WorkloadMetrics } from './workloadTypes';
import {
  workloadRepetitionValues,
  workloadTestValue,
  type WorkloadTrendFigure,
} from './workloadTrendValues';

export type TrendFigure =
  'tokens_per_second' | 'prompt_tokens_per_second' | 'ttft_ms' | 'e2e_ms' | WorkloadTrendFigure;

export interface TrendFigureInfo {
  /** How the figure reads in a sentence: "−12.4 % tokens/s". */
  label: string;
  unit: string;
  /** Rates: higher is better; times: lower is better. */
  better: 'higher' | 'lower';
  /**
   * What one value of the figure is: a repetition's (a verdict weighs the repetitions of both
   * sides), or a whole test's (goodput, the highest sustainable rate: one value per session).
   */
  per: 'repetition' | 'test';
}

export const TREND_FIGURES: Record<TrendFigure, TrendFigureInfo> = {
  tokens_per_second: { label: 'tokens/s', unit: 'tok/s', better: 'higher', per: 'repetition' },
  prompt_tokens_per_second: {
    label: 'prompt tokens/s',
    unit: 'tok/s',
    better: 'higher',
    per: 'repetition',
  },
  ttft_ms: { label: 'TTFT', unit: 'ms', better: 'lower', per: 'repetition' },
  e2e_ms: { label: 'end-to-end time', unit: 'ms', better: 'lower', per: 'repetition' },
  ttft_warm_ms: {
    label: 'TTFT with a warm prefix',
    unit: 'ms',
    better: 'lower',
    per: 'repetition',
  },
  tokens_per_second_at_2k: {
    label: 'tokens/s at depth 2048',
    unit: 'tok/s',
    better: 'higher',
    per: 'repetition',
  },
  tokens_per_second_at_8k: {
    label: 'tokens/s at depth 8192',
    unit: 'tok/s',
    better: 'higher',
    per: 'repetition',
  },
  tokens_per_second_at_32k: {
    label: 'tokens/s at depth 32768',
    unit: 'tok/s',
    better: 'higher',
    per: 'repetition',
  },
  goodput_rps: { label: 'goodput', unit: 'req/s', better: 'higher', per: 'test' },
  max_sustainable_rps: {
    label: 'highest sustainable rate',
    unit: 'req/s',
    better: 'higher',
    per: 'test',
  },
};

/**
 * The figures kept per day in daily_model_stats. A row only holds the values its test has, so
 * the workload figures add values to the rows of workload tests alone (one per repetition at that
 * depth, per warm request, or one per test for goodput and the sustainable rate).
 */
export const DAILY_FIGURES = [
  'tokens_per_second',
  'prompt_tokens_per_second',
  'ttft_ms',
  'ttft_warm_ms',
  'tokens_per_second_at_2k',
  'tokens_per_second_at_8k',
  'tokens_per_second_at_32k',
  'goodput_rps',
  'max_sustainable_rps',
] as const satisfies readonly TrendFigure[];

export function isTrendFigure(value: unknown): value is TrendFigure {
  return typeof value === 'string' && Object.hasOwn(TREND_FIGURES, value);
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** One figure of every repetition that has it (none for a figure kept per test). */
export function repetitionValues(
  repetitions: readonly RepetitionFigures[] | undefined,
  figure: TrendFigure,
): number[] {
  const reps = repetitions ?? [];
  if (
    figure === 'tokens_per_second' ||
    figure === 'prompt_tokens_per_second' ||
    figure === 'ttft_ms' ||
    figure === 'e2e_ms'
  )
    return reps.map((r) => r[figure]).filter(finite);
  return workloadRepetitionValues(reps, figure).filter(finite);
}

/** The summary metrics a test's figure is read from (a session's test or a stored result). */
export interface FigureMetrics extends WorkloadMetrics {
  tokens_per_second?: number;
  prompt_tokens_per_second?: number;
  ttft_ms?: number;
  e2e_ms?: number;
  repetitions?: RepetitionFigures[];
}

/** The test-level value of a figure: mean rates, p50 times, a depth's level, goodput. */
export function testFigureValue(
  metrics: FigureMetrics | undefined,
  figure: TrendFigure,
): number | undefined {
  if (!metrics) return undefined;
  const v =
    figure === 'tokens_per_second' ||
    figure === 'prompt_tokens_per_second' ||
    figure === 'ttft_ms' ||
    figure === 'e2e_ms'
      ? metrics[figure]
      : workloadTestValue(metrics, figure);
  return finite(v) ? v : undefined;
}

/** The values a verdict or a day weighs: the repetitions', or the test's one value. */
export function figureValues(metrics: FigureMetrics | undefined, figure: TrendFigure): number[] {
  if (TREND_FIGURES[figure].per === 'repetition')
    return repetitionValues(metrics?.repetitions, figure);
  const v = testFigureValue(metrics, figure);
  return v === undefined ? [] : [v];
}
