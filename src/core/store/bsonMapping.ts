// DTOs carry ISO strings and string ids (src/shared/dto.ts); MongoDB holds BSON dates and
// ObjectIds so that range queries, sorting and TTL work natively. This is the one translation,
// described per collection as paths (`[]` steps into arrays) and applied in both directions.
import { ObjectId, type Document } from 'bson';

interface FieldMap {
  dates: string[];
  ids: string[];
}

export const SessionFields: FieldMap = {
  dates: [
    'start_time',
    'end_time',
    'created_at',
    'updated_at',
    'models[].tests[].start_time',
    'models[].tests[].end_time',
  ],
  ids: [
    '_id',
    'hardware_config_id',
    'models[].model_id',
    'models[].tests[].result_id',
    // benchmark plans
    'config_id',
    'plan_id',
  ],
};

export const ResultFields: FieldMap = {
  dates: [
    'created_at',
    'metrics.ram_usage[].timestamp',
    'metrics.vram_usage[].timestamp',
    'metrics.cpu_usage[].timestamp',
    'metrics.gpu_usage[].timestamp',
  ],
  ids: ['_id', 'session_id', 'model_id', 'config_id', 'plan_id'],
};

export const ModelFields: FieldMap = {
  dates: ['modified_at', 'expires_at', 'created_at', 'updated_at', 'versions[].recorded_at'],
  ids: ['_id'],
};

export const HardwareFields: FieldMap = { dates: ['created_at', 'updated_at'], ids: ['_id'] };
export const SuiteFields: FieldMap = { dates: ['created_at', 'updated_at'], ids: ['_id'] };

/** A 24-hex id becomes an ObjectId; anything else (an id chosen by hand) stays a string. */
export function toObjectIdOr(id: string): ObjectId | string {
  return /^[0-9a-f]{24}$/i.test(id) ? new ObjectId(id) : id;
}

export function idToString(id: unknown): string {
  return id instanceof ObjectId ? id.toHexString() : String(id);
}

export function toDate(iso: string, what = 'date'): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new TypeError(`${what} "${iso}" is not a valid date`);
  return d;
}

function mapPath(obj: unknown, steps: string[], fn: (v: unknown) => unknown): void {
  if (!obj || typeof obj !== 'object') return;
  const [step, ...rest] = steps as [string, ...string[]];
  const isArray = step.endsWith('[]');
  const key = isArray ? step.slice(0, -2) : step;
  const holder = obj as Document;
  if (!(key in holder) || holder[key] === undefined) return;
  if (isArray) {
    const arr = holder[key];
    if (!Array.isArray(arr)) return;
    if (!rest.length) holder[key] = arr.map(fn);
    else for (const item of arr) mapPath(item, rest, fn);
  } else if (!rest.length) {
    holder[key] = fn(holder[key]);
  } else {
    mapPath(holder[key], rest, fn);
  }
}

function paths(path: string): string[] {
  // 'models[].tests[].start_time' → ['models[]', 'tests[]', 'start_time']
  return path.split('.');
}

/** A deep copy of a DTO with dates and ids in their BSON types. */
export function toStored<T extends object>(dto: T, map: FieldMap): Document {
  const doc = JSON.parse(JSON.stringify(dto)) as Document;
  for (const p of map.dates)
    mapPath(doc, paths(p), (v) => (typeof v === 'string' ? toDate(v, p) : v));
  for (const p of map.ids)
    mapPath(doc, paths(p), (v) => (typeof v === 'string' ? toObjectIdOr(v) : v));
  return doc;
}

/** The DTO of a stored document: ISO strings and string ids again. */
export function fromStored<T>(doc: Document, map: FieldMap): T {
  for (const p of map.dates)
    mapPath(doc, paths(p), (v) => (v instanceof Date ? v.toISOString() : v));
  for (const p of map.ids) mapPath(doc, paths(p), (v) => (v == null ? v : idToString(v)));
  return doc as T;
}
