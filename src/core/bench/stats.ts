// Summary statistics of one figure over the repetitions of a test. Percentiles use linear
// interpolation between closest ranks (Hyndman & Fan type 7: numpy's default, Excel's
// PERCENTILE.INC), so p50 of an even count is the mean of the two middle values and p99 of three
// repetitions lies between the second and the largest. The standard deviation is the sample one
// (n − 1): repetitions are a sample of what the machine does, not the whole population.
import type { FigureStats } from '../../shared/dto';
import { confidenceInterval95 } from './confidence';

/** The p-th percentile (p in 0–1) of values, by linear interpolation; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  if (p < 0 || p > 1) throw new RangeError(`percentile wants p in [0, 1], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const low = sorted[lo] ?? Number.NaN;
  const high = sorted[Math.min(lo + 1, sorted.length - 1)] ?? Number.NaN;
  return low + (h - lo) * (high - low);
}

/** The middle value, or the mean of the middle two for an even count; NaN for no values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid];
  const lower = sorted[mid - 1];
  if (upper === undefined) return Number.NaN;
  return sorted.length % 2 || lower === undefined ? upper : (lower + upper) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
}

/** Sample standard deviation (n − 1); 0 for a single value. */
export function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((acc, v) => acc + (v - m) ** 2, 0) / (values.length - 1));
}

/** mean, sd, min, max, p50, p90, p99, cv (sd / mean) and n; undefined when there is no value. */
export function figureStats(values: readonly number[]): FigureStats | undefined {
  const xs = values.filter((v) => Number.isFinite(v));
  if (!xs.length) return undefined;
  const m = mean(xs);
  const sd = sampleSd(xs);
  const ci95 = confidenceInterval95(m, sd, xs.length);
  return {
    mean: m,
    sd,
    min: Math.min(...xs),
    max: Math.max(...xs),
    p50: percentile(xs, 0.5),
    p90: percentile(xs, 0.9),
    p99: percentile(xs, 0.99),
    cv: m !== 0 ? sd / Math.abs(m) : 0,
    n: xs.length,
    ...(ci95 ? { ci95 } : {}),
  };
}

/** Rounds to 2 decimals for the stored summary (raw figures stay unrounded). */
export function round2(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (String(value).includes('e')) return Math.round(value * 100) / 100;
  // Shifting by the decimal exponent, not by × 100, rounds 1.005 to 1.01 as a person would.
  const shifted = Math.round(Number(`${Math.abs(value)}e2`));
  return Math.sign(value) * Number(`${shifted}e-2`);
}
