// DTOs carry ISO strings and string ids (src/shared/dto.ts); MongoDB holds BSON dates and
// ObjectIds so that range queries, sorting and TTL work natively. This is the one translation,
// described per collection (by the repository that keeps it) as paths (`[]` steps into arrays) and applied in both directions.
import { ObjectId, type Document } from 'bson';

/** A collection's BSON dates and ids, as paths; each repository describes its own documents. */
export interface FieldMap {
  dates: string[];
  ids: string[];
}

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
