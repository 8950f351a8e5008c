// The verdict on one figure of one test: baseline repetitions against candidate repetitions. A
// change counts only when it is both significant (Mann-Whitney p below alpha) and large enough to
// matter (the medians differ by at least the minimum effect); its direction follows the figure.
import { TREND_FIGURES, type TrendFigure } from '../../shared/trendFigures';
import { percentile } from '../bench/stats';
import { mannWhitneyU } from './mannWhitney';
import type { FigureVerdict, SampleSummary, Verdict } from '../../shared/trends';

export type { FigureVerdict, SampleSummary, Verdict };

export interface VerdictSettings {
  /** Significance level of the two-sided test (default 0.05). */
  alpha: number;
  /** Smallest change of the median that counts, in percent (default 5). */
  minEffectPct: number;
}

export const DEFAULT_VERDICT_SETTINGS: VerdictSettings = { alpha: 0.05, minEffectPct: 5 };

/** Fewer repetitions than this on a side give no verdict: 1 vs 1 says nothing about noise. */
export const MIN_SAMPLES = 4;

export const INSUFFICIENT_ADVICE = `run at least ${MIN_SAMPLES} repetitions`;

export function checkVerdictSettings(settings: VerdictSettings): VerdictSettings {
  if (!(settings.alpha > 0 && settings.alpha < 1))
    throw new RangeError(`alpha must be between 0 and 1 (e.g. 0.05), not ${settings.alpha}`);
  if (!(settings.minEffectPct >= 0 && Number.isFinite(settings.minEffectPct)))
    throw new RangeError(
      `the minimum effect is a percentage of 0 or more (e.g. 5), not ${settings.minEffectPct}`,
    );
  return settings;
}

const summary = (xs: readonly number[]): SampleSummary => ({
  median: xs.length ? percentile(xs, 0.5) : null,
  n: xs.length,
});

export function judge(
  figure: TrendFigure,
  baseline: readonly number[],
  candidate: readonly number[],
  settings: VerdictSettings = DEFAULT_VERDICT_SETTINGS,
): FigureVerdict {
  const b = summary(baseline);
  const c = summary(candidate);
  const delta =
    b.median !== null && c.median !== null && b.median !== 0
      ? ((c.median - b.median) / Math.abs(b.median)) * 100
      : null;
  const out = { figure, baseline: b, candidate: c, delta_pct: delta };
  if (b.n < MIN_SAMPLES || c.n < MIN_SAMPLES) {
    return {
      ...out,
      p_value: null,
      verdict: 'insufficient',
      reason:
        TREND_FIGURES[figure].per === 'test'
          ? `${b.n} baseline and ${c.n} candidate tests: ${TREND_FIGURES[figure].label} is one value per test, a verdict needs ${MIN_SAMPLES} on each side`
          : `${b.n} baseline and ${c.n} candidate repetitions: ${INSUFFICIENT_ADVICE}`,
    };
  }
  const { pValue } = mannWhitneyU(baseline, candidate);
  let verdict: Verdict = 'no_change';
  if (pValue < settings.alpha && delta !== null && Math.abs(delta) >= settings.minEffectPct) {
    const worse = TREND_FIGURES[figure].better === 'higher' ? delta < 0 : delta > 0;
    verdict = worse ? 'regression' : 'improvement';
  }
  return { ...out, p_value: pValue, verdict };
}
