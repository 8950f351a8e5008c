// The dashboard's filter form ⇄ the store's HistoryFilter. Dates in the form are local calendar
// days, both inclusive; the filter holds ISO instants with `until` exclusive (the next midnight).
import type { SessionStatus } from '../../src/shared/dto';
import type { HistoryFilter } from '../../src/shared/history';

export interface FilterForm {
  models: string[];
  testTypes: string[];
  statuses: SessionStatus[];
  tags: string[];
  cpuModel: string;
  gpuModel: string;
  /** YYYY-MM-DD or ''. */
  since: string;
  /** YYYY-MM-DD or '' (inclusive). */
  until: string;
  text: string;
  /** Benchmark plans: the plan whose sessions to show ('' for all); set from the matrix view. */
  planId: string;
}

export function emptyForm(): FilterForm {
  return {
    models: [],
    testTypes: [],
    statuses: [],
    tags: [],
    cpuModel: '',
    gpuModel: '',
    since: '',
    until: '',
    text: '',
    planId: '',
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function localMidnight(day: string, addDays = 0): string | undefined {
  if (!DAY.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d + addDays);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function localDay(iso: string | undefined, addDays = 0): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  t.setDate(t.getDate() + addDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

export function formToFilter(f: FilterForm): HistoryFilter {
  const out: HistoryFilter = {};
  if (f.models.length) out.models = [...f.models];
  if (f.testTypes.length) out.testTypes = [...f.testTypes];
  if (f.statuses.length) out.statuses = [...f.statuses];
  if (f.tags.length) out.tags = [...f.tags];
  if (f.cpuModel) out.cpuModel = f.cpuModel;
  if (f.gpuModel) out.gpuModel = f.gpuModel;
  const since = localMidnight(f.since);
  if (since) out.since = since;
  const until = localMidnight(f.until, 1);
  if (until) out.until = until;
  const text = f.text.trim();
  if (text) out.text = text;
  if (f.planId) out.planId = f.planId;
  return out;
}

export function filterToForm(filter: HistoryFilter): FilterForm {
  return {
    models: [...(filter.models ?? [])],
    testTypes: [...(filter.testTypes ?? [])],
    statuses: [...(filter.statuses ?? [])],
    tags: [...(filter.tags ?? [])],
    cpuModel: filter.cpuModel ?? '',
    gpuModel: filter.gpuModel ?? '',
    since: localDay(filter.since),
    until: localDay(filter.until, -1),
    text: filter.text ?? '',
    planId: filter.planId ?? '',
  };
}

/** How many filters are set, for the "Clear filters (n)" label. */
export function activeFilters(filter: HistoryFilter): number {
  return Object.values(filter).filter((v) => (Array.isArray(v) ? v.length > 0 : Boolean(v))).length;
}
