// Sorting by scalar fields with MongoDB's order, without mingo's general (and, on 10 000 documents,
// slow) comparator. Used only when every sort key of every document is a scalar; array keys (which
// MongoDB sorts by their min/max element) go to mingo.
import { ObjectId, type Document } from 'bson';
import type { SortSpec } from '../storeCollection';

function valueAt(doc: Document, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
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

/** The sorted copy, or undefined when some key is not a scalar (the caller falls back to mingo). */
export function sortScalar(docs: readonly Document[], sort: SortSpec): Document[] | undefined {
  const fields = Object.entries(sort);
  const keyed: { doc: Document; keys: unknown[] }[] = [];
  for (const doc of docs) {
    const keys = fields.map(([f]) => valueAt(doc, f));
    if (keys.some((k) => rank(k) < 0)) return undefined;
    keyed.push({ doc, keys });
  }
  keyed.sort((x, y) => {
    let i = 0;
    for (const [, direction] of fields) {
      const c = compare(x.keys[i], y.keys[i]);
      if (c) return c * direction;
      i++;
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}
