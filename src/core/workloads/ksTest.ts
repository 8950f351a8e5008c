// The one-sample Kolmogorov–Smirnov test of inter-arrival gaps against the exponential
// distribution of the asked rate (a Poisson process's gaps): the statistic D, and its p-value from
// the Kolmogorov distribution with Stephens' small-sample correction,
// Q((√n + 0.12 + 0.11/√n) · D), Q(λ) = 2 Σ (−1)^(k−1) e^(−2k²λ²). Pure.

export interface KsResult {
  n: number;
  d: number;
  p: number;
}

/** The Kolmogorov distribution's upper tail Q(λ). */
export function kolmogorovQ(lambda: number): number {
  if (lambda < 1e-3) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

/** KS of the samples against the CDF. */
export function ksTest(samples: readonly number[], cdf: (x: number) => number): KsResult {
  const xs = [...samples].sort((a, b) => a - b);
  const n = xs.length;
  if (!n) return { n: 0, d: 0, p: 1 };
  let d = 0;
  xs.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  });
  const sqrtN = Math.sqrt(n);
  return { n, d, p: kolmogorovQ((sqrtN + 0.12 + 0.11 / sqrtN) * d) };
}

/** KS of gaps (ms) against the exponential of `rate` requests/s. */
export const ksExponential = (gapsMs: readonly number[], rate: number): KsResult =>
  ksTest(gapsMs, (x) => (x <= 0 ? 0 : 1 - Math.exp((-rate * x) / 1000)));
