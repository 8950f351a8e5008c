// TOPSIS as Hwang and Yoon published it (1981): vector normalisation r_ij = x_ij / √(Σ_i x_ij²),
// weighting v_ij = w_j · r_ij, the ideal A⁺ and anti-ideal A⁻ per criterion by its direction
// (benefit: the largest is ideal; cost: the smallest), Euclidean distances S⁺ and S⁻ to them,
// and closeness C = S⁻ / (S⁺ + S⁻). Pure, so the CLI, the store and the webview rank alike.

export type Direction = 'benefit' | 'cost';

export interface TopsisCriterion {
  /** Used as given: the caller normalises weights (they need not sum to 1 here). */
  weight: number;
  direction: Direction;
}

export interface TopsisResult {
  /** r_ij */
  normalized: number[][];
  /** v_ij = w_j · r_ij */
  weighted: number[][];
  /** A⁺_j */
  ideal: number[];
  /** A⁻_j */
  antiIdeal: number[];
  /** S⁺_i: distance to the ideal. */
  sPlus: number[];
  /** S⁻_i: distance to the anti-ideal. */
  sMinus: number[];
  /** C_i = S⁻ / (S⁺ + S⁻), 0–1; 1 for an alternative that is the ideal (S⁺ = 0). */
  closeness: number[];
}

/**
 * values[j] of a row or column that holds one value per criterion (topsis checks every row's
 * length first); a RangeError names the gap if one does not.
 */
export function criterionValue(values: readonly number[], j: number): number {
  const v = values[j];
  if (v === undefined) throw new RangeError(`no value for criterion ${j} among ${values.length}`);
  return v;
}

/** matrix[i][j]: alternative i on criterion j; every value finite. */
export function topsis(
  matrix: readonly (readonly number[])[],
  criteria: readonly TopsisCriterion[],
): TopsisResult {
  const m = matrix.length;
  const n = criteria.length;
  for (const [i, row] of matrix.entries()) {
    if (row.length !== n)
      throw new RangeError(`row ${i} has ${row.length} values for ${n} criteria`);
    for (const x of row)
      if (!Number.isFinite(x))
        throw new RangeError(`row ${i} holds a value that is not a finite number`);
  }
  const norms = criteria.map((_, j) =>
    Math.sqrt(matrix.reduce((s, row) => s + criterionValue(row, j) ** 2, 0)),
  );
  // A column of zeros has no scale: every alternative is equal on it, so r = 0 (not 0/0).
  const normalized = matrix.map((row) =>
    row.map((x, j) => {
      const norm = criterionValue(norms, j);
      return norm > 0 ? x / norm : 0;
    }),
  );
  const weights = criteria.map((c) => c.weight);
  const weighted = normalized.map((row) => row.map((r, j) => r * criterionValue(weights, j)));
  const column = (j: number) => weighted.map((row) => criterionValue(row, j));
  const ideal = criteria.map((c, j) =>
    m ? (c.direction === 'benefit' ? Math.max(...column(j)) : Math.min(...column(j))) : 0,
  );
  const antiIdeal = criteria.map((c, j) =>
    m ? (c.direction === 'benefit' ? Math.min(...column(j)) : Math.max(...column(j))) : 0,
  );
  const distance = (row: number[], to: number[]) =>
    Math.sqrt(row.reduce((s, v, j) => s + (v - criterionValue(to, j)) ** 2, 0));
  const distances = weighted.map((row) => ({
    plus: distance(row, ideal),
    minus: distance(row, antiIdeal),
  }));
  const sPlus = distances.map((d) => d.plus);
  const sMinus = distances.map((d) => d.minus);
  const closeness = distances.map(({ plus, minus }) => (plus === 0 ? 1 : minus / (plus + minus)));
  return { normalized, weighted, ideal, antiIdeal, sPlus, sMinus, closeness };
}
