// The Wilson score interval of a proportion: well behaved at 0 and 100 % and for small counts,
// where the normal approximation leaves [0, 1] or collapses to a point.

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/** [low, high] of `correct` out of `total` at confidence z (95 % by default); [0, 0] when empty. */
export function wilsonInterval(correct: number, total: number, z = Z_95): [number, number] {
  if (total <= 0) return [0, 0];
  const p = correct / total;
  const z2 = z * z;
  const centre = p + z2 / (2 * total);
  const spread = z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  const denominator = 1 + z2 / total;
  // At 0 and at every item right the bound is exactly 0 or 1; rounding would miss it by an ulp.
  return [
    correct === 0 ? 0 : Math.max(0, (centre - spread) / denominator),
    correct === total ? 1 : Math.min(1, (centre + spread) / denominator),
  ];
}
