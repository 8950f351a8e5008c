// Sorting by scalar fields with MongoDB's order, without mingo's general (and, on 10 000 documents,
// slow) comparator. Used only when every sort key of every document is a scalar; array keys (which
// MongoDB sorts by their min/max element) go to mingo.
import { ObjectId, type Document } from 'bson';
import type { SortSpec } from '../storeCollection';

function valueAt(doc: Document, parts: readonly string[]): unknown {
  let cur: unknown = doc;
  for (const part of parts) {
    if (cur == null || typeof cur !== 'object' || Array.isArray(cur))
      return Array.isArray(cur) ? cur : undefined;
    cur = (cur as Document)[part];
  }
  return cur;
}

/** MongoDB's BSON comparison order for the types a store sorts by. */
function rank(v: unknown): number {
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (v instanceof ObjectId) return 7;
  if (typeof v === 'boolean') return 8;
  if (v instanceof Date) return 9;
  return -1;
}

function compare(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 2:
      return (a as number) - (b as number);
    case 3:
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 7:
      return Buffer.compare((a as ObjectId).id, (b as ObjectId).id);
    case 8:
      return Number(a) - Number(b);
    case 9:
      return (a as Date).getTime() - (b as Date).getTime();
    default:
      return 0;
  }
}

/** The sort's fields, each path split once, and its comparator of two key lists. */
function sortKeys(sort: SortSpec) {
  const fields = Object.entries(sort).map(([f, direction]) => ({ parts: f.split('.'), direction }));
  const keysOf = (doc: Document) => fields.map((f) => valueAt(doc, f.parts));
  const compareKeys = (x: unknown[], y: unknown[]) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compare(x[i], y[i]);
      if (c) return c * (fields[i]?.direction ?? 1);
    }
    return 0;
  };
  return { keysOf, compareKeys };
}

/** The sorted copy, or undefined when some key is not a scalar (the caller falls back to mingo). */
export function sortScalar(docs: readonly Document[], sort: SortSpec): Document[] | undefined {
  const { keysOf, compareKeys } = sortKeys(sort);
  const keyed: { doc: Document; keys: unknown[] }[] = [];
  for (const doc of docs) {
    const keys = keysOf(doc);
    if (keys.some((k) => rank(k) < 0)) return undefined;
    keyed.push({ doc, keys });
  }
  keyed.sort((x, y) => compareKeys(x.keys, y.keys));
  return keyed.map((k) => k.doc);
}

/**
 * sortScalar(docs, sort)[0] in one pass, without sorting (the claim of a queue takes only the
 * first): among equal keys the earliest, as the stable sort keeps it. `{ first: undefined }` for
 * no documents; undefined when some key is not a scalar.
 */
export function firstScalar(
  docs: readonly Document[],
  sort: SortSpec,
): { first: Document | undefined } | undefined {
  const { keysOf, compareKeys } = sortKeys(sort);
  let first: Document | undefined;
  let firstKeys: unknown[] = [];
  for (const doc of docs) {
    const keys = keysOf(doc);
    if (keys.some((k) => rank(k) < 0)) return undefined;
    if (first === undefined || compareKeys(keys, firstKeys) < 0) {
      first = doc;
      firstKeys = keys;
    }
  }
  return { first };
}
