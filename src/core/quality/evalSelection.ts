// Which items an eval asks: every item, or `limit` of them taken in turn from each category (so a
// short eval still covers every category), always the same ones for the same set and limit. The
// chosen items are grouped by category, in the order the categories first appear, so progress is
// reported one group at a time.
import type { EvalItem } from './evalItem';

export function selectItems(items: readonly EvalItem[], limit: number | null): EvalItem[] {
  const byCategory = new Map<string, EvalItem[]>();
  for (const item of items) {
    const list = byCategory.get(item.category) ?? [];
    list.push(item);
    byCategory.set(item.category, list);
  }
  const groups = [...byCategory.values()];
  if (limit === null || limit >= items.length) return groups.flat();
  const taken = groups.map(() => 0);
  let left = limit;
  while (left > 0) {
    for (let g = 0; g < groups.length && left > 0; g++) {
      if ((taken[g] ?? 0) < (groups[g]?.length ?? 0)) {
        taken[g] = (taken[g] ?? 0) + 1;
        left--;
      }
    }
  }
  return groups.flatMap((list, g) => list.slice(0, taken[g] ?? 0));
}
