// The dashboard's and the CLI's history filter, translated into a MongoDB query through an
// allow-list: only the fields of HistoryFilter are read, each must have its documented type, and
// user text only ever becomes a literal value (free text is regex-escaped). Anything else —
// `$where`, a key starting with `$`, an object where a string belongs — is rejected, not dropped,
// so a caller learns its filter was wrong instead of seeing unfiltered results.
import type { Document } from 'bson';
import type { SessionStatus } from '../../shared/dto';
import {
  HISTORY_FILTER_KEYS,
  type HistoryFilter,
  type HistoryQuery,
  type HistorySortField,
} from '../../shared/history';
import { toDate, toObjectIdOr } from '../store/bsonMapping';
import type { SortSpec } from '../store/storeCollection';
import { InputError } from '../failures/inputError';

/** A filter a user wrote that cannot be read (bad status, date, sort). */
export class HistoryFilterError extends InputError {
  override readonly name = 'HistoryFilterError';
}

const STATUSES: readonly SessionStatus[] = [
  'running',
  'completed',
  'error',
  'cancelled',
  'interrupted',
];
const SORT_FIELDS: Record<HistorySortField, string> = {
  start_time: 'start_time',
  status: 'status',
  duration: 'summary.duration_ms',
  model: 'summary.model',
  tokens_per_second: 'summary.best_tokens_per_second',
};
export const MAX_PAGE_SIZE = 500;
const MAX_TEXT = 200;

function str(value: unknown, what: string): string {
  if (typeof value !== 'string')
    throw new HistoryFilterError(`${what} must be text, got ${describe(value)}`);
  if (value.length > MAX_TEXT)
    throw new HistoryFilterError(`${what} is longer than ${MAX_TEXT} characters`);
  return value;
}

function strList(value: unknown, what: string): string[] {
  if (!Array.isArray(value)) throw new HistoryFilterError(`${what} must be a list of text values`);
  if (value.length > 100) throw new HistoryFilterError(`${what} lists more than 100 values`);
  return value.map((v, i) => str(v, `${what}[${i}]`));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function isoDate(value: unknown, what: string): Date {
  const s = str(value, what);
  try {
    return toDate(s, what);
  } catch (err) {
    throw new HistoryFilterError((err as Error).message);
  }
}

/** Checks that `filter` holds only HistoryFilter's fields, each of its documented type. */
export function validateHistoryFilter(filter: unknown): HistoryFilter {
  if (filter === undefined || filter === null) return {};
  if (typeof filter !== 'object' || Array.isArray(filter)) {
    throw new HistoryFilterError(`a history filter must be an object, got ${describe(filter)}`);
  }
  for (const key of Object.keys(filter)) {
    if (!(HISTORY_FILTER_KEYS as readonly string[]).includes(key)) {
      throw new HistoryFilterError(
        `"${key}" is not a history filter field (allowed: ${HISTORY_FILTER_KEYS.join(', ')})`,
      );
    }
  }
  const f = filter as Record<string, unknown>;
  const out: HistoryFilter = {};
  if (f.models !== undefined) out.models = strList(f.models, 'models');
  if (f.testTypes !== undefined) out.testTypes = strList(f.testTypes, 'testTypes');
  if (f.tags !== undefined) out.tags = strList(f.tags, 'tags');
  if (f.statuses !== undefined) {
    out.statuses = strList(f.statuses, 'statuses').map((s) => {
      if (!(STATUSES as readonly string[]).includes(s)) {
        throw new HistoryFilterError(`status "${s}" is not one of ${STATUSES.join(', ')}`);
      }
      return s as SessionStatus;
    });
  }
  for (const k of ['cpuModel', 'gpuModel', 'hardwareConfigId', 'text', 'planId'] as const) {
    if (f[k] !== undefined) out[k] = str(f[k], k);
  }
  for (const k of ['since', 'until'] as const) {
    if (f[k] !== undefined) out[k] = isoDate(f[k], k).toISOString();
  }
  return out;
}

/** The session query for a validated filter; hardware ids come from the cpu/gpu lookup. */
export function sessionQuery(filter: HistoryFilter, hardwareIds?: unknown[]): Document {
  const and: Document[] = [];
  if (filter.models?.length) and.push({ 'models.name': { $in: filter.models } });
  if (filter.testTypes?.length) and.push({ 'models.tests.type': { $in: filter.testTypes } });
  if (filter.statuses?.length) and.push({ status: { $in: filter.statuses } });
  if (filter.tags?.length) and.push({ tags: { $all: filter.tags } });
  if (filter.hardwareConfigId !== undefined) {
    and.push({ hardware_config_id: toObjectIdOr(filter.hardwareConfigId) });
  }
  if (hardwareIds) and.push({ hardware_config_id: { $in: hardwareIds } });
  // Benchmark plans: sessions a worker ran for the plan carry its id.
  if (filter.planId !== undefined) and.push({ plan_id: toObjectIdOr(filter.planId) });
  if (filter.since !== undefined) and.push({ start_time: { $gte: new Date(filter.since) } });
  if (filter.until !== undefined) and.push({ start_time: { $lt: new Date(filter.until) } });
  if (filter.text?.trim()) {
    const pattern = escapeRegex(filter.text.trim());
    const like = { $regex: pattern, $options: 'i' };
    and.push({
      $or: [
        { 'models.name': like },
        { tags: like },
        { 'models.tests.type': like },
        { machine: like },
      ],
    });
  }
  const [only] = and;
  if (!only) return {};
  return and.length === 1 ? only : { $and: and };
}

/** Hardware configs matching the cpu/gpu filter, or undefined when it does not filter by them. */
export function hardwareQuery(filter: HistoryFilter): Document | undefined {
  const and: Document[] = [];
  if (filter.cpuModel)
    and.push({ 'cpu.model': { $regex: escapeRegex(filter.cpuModel), $options: 'i' } });
  if (filter.gpuModel)
    and.push({ 'gpu.model': { $regex: escapeRegex(filter.gpuModel), $options: 'i' } });
  if (!and.length) return undefined;
  return and.length === 1 ? and[0] : { $and: and };
}

export interface PageSpec {
  sort: SortSpec;
  skip: number;
  limit: number;
  page: number;
  pageSize: number;
}

/** Sort and page of a HistoryQuery, validated (a sort field is one of the allow-listed few). */
export function pageSpec(query: HistoryQuery): PageSpec {
  const field = query.sort?.field ?? 'start_time';
  const path = SORT_FIELDS[field as HistorySortField];
  if (!Object.hasOwn(SORT_FIELDS, field) || !path) {
    throw new HistoryFilterError(
      `cannot sort by "${String(field)}" (allowed: ${Object.keys(SORT_FIELDS).join(', ')})`,
    );
  }
  const direction = query.sort?.direction ?? 'desc';
  if (direction !== 'asc' && direction !== 'desc') {
    throw new HistoryFilterError(`sort direction must be asc or desc, not "${String(direction)}"`);
  }
  const page = query.page ?? 0;
  const pageSize = query.pageSize ?? 50;
  if (!Number.isInteger(page) || page < 0)
    throw new HistoryFilterError(`page must be a whole number ≥ 0`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new HistoryFilterError(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  const dir = direction === 'asc' ? 1 : -1;
  // _id breaks ties so pages never overlap or skip a session.
  const sort: SortSpec =
    path === 'start_time'
      ? { start_time: dir, _id: dir }
      : { [path]: dir, start_time: -1, _id: -1 };
  return { sort, skip: page * pageSize, limit: pageSize, page, pageSize };
}
