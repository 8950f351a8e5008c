// A machine's figure over its results: the median and a distribution-free 95 % interval of the
// median from order statistics (the binomial interval: the smallest symmetric pair of ranks that
// holds the median with at least 95 % probability). Below 6 results no such pair exists and the
// interval is the whole range, [min, max]; one result with its own interval over its repetitions
// keeps that interval.
import type { MachineFigure } from '../../shared/machines';
import { median } from '../bench/stats';

/** P(X ≤ k) for X ~ Binomial(n, ½). */
function binomialHalfCdf(n: number, k: number): number {
  let sum = 0;
  let term = 0.5 ** n;
  for (let i = 0; i <= k; i++) {
    sum += term;
    term = (term * (n - i)) / (i + 1);
  }
  return sum;
}

/** 0-based ranks [lo, hi] of the median's 95 % interval in n sorted values. */
export function medianIntervalRanks(n: number): [number, number] {
  // The largest j with P(X < j) ≤ 2.5 %: the interval is the j-th to the (n − j + 1)-th value.
  let j = 0;
  while (j + 1 <= n / 2 && binomialHalfCdf(n, j) <= 0.025) j++;
  return j === 0 ? [0, n - 1] : [j - 1, n - j];
}

/** Median and 95 % interval of finite values; undefined without any. */
export function medianWithInterval(
  values: readonly number[],
  single?: [number, number],
): MachineFigure | undefined {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const m = median(xs);
  if (!xs.length || !Number.isFinite(m)) return undefined;
  if (xs.length === 1 && single) return { median: m, ci95: [single[0], single[1]] };
  const [lo, hi] = medianIntervalRanks(xs.length);
  return { median: m, ci95: [xs[lo] ?? m, xs[hi] ?? m] };
}
