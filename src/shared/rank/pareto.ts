// The Pareto front: the alternatives no other alternative beats on every criterion. "Beats"
// means at least as good on all criteria and strictly better on one, so ties stay on the front
// together. A missing value (undefined) is worse than any value on its criterion and equal to
// another missing one: a model that lacks a figure cannot claim it, but can still lead on others.
import type { Direction } from './topsis';

/** true when a is at least as good as b on every criterion and better on one. */
export function dominates(
  a: readonly (number | undefined)[],
  b: readonly (number | undefined)[],
  directions: readonly Direction[],
): boolean {
  let better = false;
  for (const [j, direction] of directions.entries()) {
    const order = compare(a[j], b[j], direction);
    if (order < 0) return false;
    if (order > 0) better = true;
  }
  return better;
}

/** > 0: x is better; < 0: worse; 0: equal (or both missing). */
function compare(x: number | undefined, y: number | undefined, direction: Direction): number {
  if (x === undefined || !Number.isFinite(x))
    return y === undefined || !Number.isFinite(y) ? 0 : -1;
  if (y === undefined || !Number.isFinite(y)) return 1;
  return direction === 'benefit' ? x - y : y - x;
}

/** onFront[i]: alternative i is not dominated by any other. */
export function paretoFront(
  rows: readonly (readonly (number | undefined)[])[],
  directions: readonly Direction[],
): boolean[] {
  return rows.map(
    (row, i) => !rows.some((other, k) => k !== i && dominates(other, row, directions)),
  );
}
