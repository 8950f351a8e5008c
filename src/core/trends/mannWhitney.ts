// The Mann-Whitney U test (Wilcoxon rank-sum), two-sided: does one sample tend to lie above the
// other? It compares ranks, not means, so it assumes no normal distribution, and one outlier among
// a handful of repetitions cannot swing it — the test Go's benchstat uses for the same question.
//
// p-values: exact for small samples without ties (the null distribution of U counted by the
// classic recursion, so a table of critical values is reproduced exactly); otherwise the normal
// approximation with the tie correction of the variance and a continuity correction.

/** Both samples at most this large and no ties: the exact distribution is counted. */
export const EXACT_MAX_N = 25;

export interface MannWhitneyResult {
  /** U of the first sample: pairs (x, y) with x > y, ties counting one half. */
  u1: number;
  /** U of the second sample; u1 + u2 = n1 × n2. */
  u2: number;
  /** min(u1, u2), the statistic tables list. */
  u: number;
  /** Two-sided p-value. */
  pValue: number;
  method: 'exact' | 'normal';
}

/** Average ranks (1-based) of the pooled values; tied values share the mean of their ranks. */
export function averageRanks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  for (let start = 0; start < order.length;) {
    const value = order[start]?.v;
    let end = start + 1;
    while (end < order.length && order[end]?.v === value) end++;
    const rank = (start + 1 + end) / 2;
    for (const { i } of order.slice(start, end)) ranks[i] = rank;
    if (end - start > 1) tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

const exactCache = new Map<string, number[]>();

/**
 * How many of the C(n1 + n2, n1) equally likely arrangements give each U = 0 … n1·n2 when there
 * is no difference: f(n1, n2, u) = f(n1 − 1, n2, u − n2) + f(n1, n2 − 1, u) (the largest value
 * belongs to the first sample, which then beats all n2 of the second, or to the second).
 */
export function uDistribution(n1: number, n2: number): number[] {
  const key = `${n1},${n2}`;
  const cached = exactCache.get(key);
  if (cached) return cached;
  let out: number[];
  if (n1 === 0 || n2 === 0) out = [1];
  else {
    const a = uDistribution(n1 - 1, n2);
    const b = uDistribution(n1, n2 - 1);
    out = Array.from({ length: n1 * n2 + 1 }, (_, u) => (a[u - n2] ?? 0) + (b[u] ?? 0));
  }
  exactCache.set(key, out);
  return out;
}

/** Exact two-sided p of observing a U this extreme: 2 × P(U ≤ min(u1, u2)), at most 1. */
export function exactTwoSidedP(n1: number, n2: number, u: number): number {
  const dist = uDistribution(n1, n2);
  const total = dist.reduce((a, b) => a + b, 0);
  const lower = Math.min(u, n1 * n2 - u);
  let tail = 0;
  for (let k = 0; k <= Math.floor(lower + 1e-9); k++) tail += dist[k] ?? 0;
  return Math.min(1, (2 * tail) / total);
}

/** Standard normal upper tail, 1 − Φ(z), through erfc (accurate to about 1e-7). */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

// Numerical Recipes' erfc by Chebyshev fit (fractional error below 1.2e-7 everywhere).
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** The normal approximation: tie-corrected variance, continuity correction of ½. */
export function normalTwoSidedP(n1: number, n2: number, u1: number, tieSizes: number[]): number {
  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  const tieTerm = tieSizes.reduce((acc, t) => acc + (t ** 3 - t), 0) / (n * (n - 1));
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm);
  if (variance <= 0) return 1; // every value tied: nothing tells the samples apart
  const z = Math.max(0, Math.abs(u1 - mu) - 0.5) / Math.sqrt(variance);
  return Math.min(1, 2 * normalUpperTail(z));
}

export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (!n1 || !n2) throw new RangeError('the Mann-Whitney U test needs values on both sides');
  if ([...x, ...y].some((v) => !Number.isFinite(v)))
    throw new RangeError('the Mann-Whitney U test needs finite numbers');
  const { ranks, tieSizes } = averageRanks([...x, ...y]);
  const r1 = ranks.slice(0, n1).reduce((a, b) => a + b, 0);
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const exact = !tieSizes.length && n1 <= EXACT_MAX_N && n2 <= EXACT_MAX_N;
  return {
    u1,
    u2,
    u: Math.min(u1, u2),
    pValue: exact ? exactTwoSidedP(n1, n2, u1) : normalTwoSidedP(n1, n2, u1, tieSizes),
    method: exact ? 'exact' : 'normal',
  };
}
