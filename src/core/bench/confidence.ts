// 95 % confidence interval of a mean from a few repetitions: mean ± t(0.975, n − 1) × sd / √n.
// Student's t, not the normal 1.96, because a test has 3 to 10 repetitions, where the normal
// interval is far too narrow (with 3 repetitions t is 4.30).

/** Two-sided 97.5 % quantiles of Student's t for 1–30 degrees of freedom (standard tables). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];
/** Beyond 30: the table's anchors at 40, 60, 120 and ∞, interpolated in 1/df as tables advise. */
const T975_TAIL: [number, number][] = [
  [30, 2.042],
  [40, 2.021],
  [60, 2.0],
  [120, 1.98],
  [Infinity, 1.96],
];

export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1)
    throw new RangeError(`degrees of freedom must be ≥ 1: ${df}`);
  const tabled = T975[df - 1];
  if (tabled !== undefined) return tabled;
  let below: readonly [number, number] | undefined;
  for (const above of T975_TAIL) {
    const [hiDf, hiT] = above;
    if (below && df <= hiDf) {
      const [loDf, loT] = below;
      const x = (1 / df - 1 / loDf) / (1 / hiDf - 1 / loDf);
      return loT + x * (hiT - loT);
    }
    below = above;
  }
  return 1.96;
}

/** [low, high] of the 95 % interval of the mean; undefined below 2 values. */
export function confidenceInterval95(
  mean: number,
  sd: number,
  n: number,
): [number, number] | undefined {
  if (n < 2 || !Number.isFinite(mean) || !Number.isFinite(sd)) return undefined;
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return [mean - half, mean + half];
}
