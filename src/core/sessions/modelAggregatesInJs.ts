// modelAggregates' $group computed from a plain find, for servers that lack its accumulators
// (code 238 on jongodb): the same rows, in the same order.
import type { Document } from 'bson';
import type { HistoryFilter } from '../../shared/history';

export function aggregateInJs(sessions: Document[], filter: HistoryFilter): Document[] {
  const groups = new Map<string, Document>();
  for (const s of sessions) {
    for (const m of s.models ?? []) {
      if (filter.models?.length && !filter.models.includes(m.name)) continue;
      for (const t of m.tests ?? []) {
        if (t.status !== 'completed') continue;
        if (filter.testTypes?.length && !filter.testTypes.includes(t.type)) continue;
        const key = JSON.stringify([m.name, t.type]);
        const g = groups.get(key) ?? {
          _id: { model: m.name, test_type: t.type },
          runs: 0,
          rates: [] as number[],
          last_run: undefined,
        };
        g.runs++;
        const rate = t.metrics?.tokens_per_second;
        if (typeof rate === 'number') g.rates.push(rate);
        if (!g.last_run || s.start_time > g.last_run) g.last_run = s.start_time;
        groups.set(key, g);
      }
    }
  }
  const rows: Document[] = [...groups.values()].map((g) => ({
    ...g,
    best: g.rates.length ? Math.max(...g.rates) : null,
    mean: g.rates.length
      ? g.rates.reduce((a: number, b: number) => a + b, 0) / g.rates.length
      : null,
  }));
  return rows.sort(
    (a, b) => cmp(a._id.model, b._id.model) || cmp(a._id.test_type, b._id.test_type),
  );
}

/** Binary order, as MongoDB's $sort compares strings (no locale). */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
