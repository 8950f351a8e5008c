// The sessions table's row for a stored session: what the list shows, a fraction of the document.
import type { SessionDoc, ValidityFlag } from '../../shared/dto';
import type { RowsPage, SessionRow } from '../../shared/protocol';
import type { HistoryPage } from '../../shared/history';
import { bestTokensPerSecond } from '../../shared/throughput';

export function toSessionRow(s: SessionDoc): SessionRow {
  const tests = new Set<string>();
  const flags = new Set<ValidityFlag>();
  for (const m of s.models) {
    for (const t of m.tests) {
      tests.add(t.type);
      for (const f of t.metrics.flags ?? []) flags.add(f);
    }
  }
  const row: SessionRow = {
    id: s._id ?? '',
    start_time: s.start_time,
    status: s.status,
    models: s.models.map((m) => m.name),
    tests: [...tests],
    tags: [...s.tags],
    flags: [...flags],
  };
  if (s.end_time) {
    row.end_time = s.end_time;
    const ms = Date.parse(s.end_time) - Date.parse(s.start_time);
    if (Number.isFinite(ms) && ms >= 0) row.duration_ms = ms;
  }
  if (s.machine) row.machine = s.machine;
  const best = bestTokensPerSecond(s);
  if (best) row.best_tokens_per_second = best.tokensPerSecond;
  return row;
}

export function toRowsPage(page: HistoryPage): RowsPage {
  return {
    items: page.items.map(toSessionRow),
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
  };
}
