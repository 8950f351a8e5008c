// The embedded engine's lookups: _id (the log's own Map) and the top-level field each of a
// collection's indexes leads with (results' session_id, sessions' config_id, configs' plan_id,
// …), each a Map from a value to the documents holding it. A filter naming one of them with a
// value or an $in of values is answered from the documents the lookup gives rather than by
// scanning every document, and only the rest of the filter is checked on them. Only text and
// ObjectId values are looked up: what MongoDB matches for them is equality, or an array holding
// the value, both of which the lookup records, so it answers that field's condition exactly.
import { ObjectId, type Document } from 'bson';
import { idKey, type DocKey } from './collectionLog';

type ValueKey = string;

/** A lookup is used while it gives under 1 / SCAN_SHARE of the collection's documents. */
const SCAN_SHARE = 4;

function valueKey(v: unknown): ValueKey | undefined {
  if (typeof v === 'string') return `s${v}`;
  if (v instanceof ObjectId) return `o${v.toHexString()}`;
  return undefined;
}

/** Whether `v` is a value a lookup can find: text, an ObjectId, or (for _id) a number. */
const lookedUp = (v: unknown, numbers: boolean) =>
  valueKey(v) !== undefined || (numbers && typeof v === 'number');

/** The values a filter's field asks for (a value or an $in of values), or undefined. */
function askedValues(cond: unknown, numbers: boolean): unknown[] | undefined {
  if (lookedUp(cond, numbers)) return [cond];
  if (!cond || typeof cond !== 'object' || Array.isArray(cond)) return undefined;
  // Only a bare $in: other operators beside it would be left unchecked.
  if (Object.keys(cond).length !== 1) return undefined;
  const $in = (cond as Document).$in;
  return Array.isArray($in) && $in.every((v) => lookedUp(v, numbers)) ? $in : undefined;
}

export class FieldLookup {
  private readonly byField = new Map<string, Map<ValueKey, Set<DocKey>>>();
  /** Each live document's place in the collection's natural order. */
  private readonly ordinal = new Map<DocKey, number>();
  private next = 0;

  constructor(private readonly docs: ReadonlyMap<DocKey, Document>) {}

  /** Starts looking up `field` (a top-level field), indexing the documents already read. */
  add(field: string): void {
    if (field === '_id' || field.includes('.') || this.byField.has(field)) return;
    const map = new Map<ValueKey, Set<DocKey>>();
    this.byField.set(field, map);
    for (const [key, doc] of this.docs) this.record(map, key, doc[field]);
  }

  put(key: DocKey, doc: Document, previous: Document | undefined): void {
    if (!this.ordinal.has(key)) this.ordinal.set(key, this.next++);
    for (const [field, map] of this.byField) {
      if (previous) this.forget(map, key, previous[field]);
      this.record(map, key, doc[field]);
    }
  }

  delete(key: DocKey, doc: Document): void {
    this.ordinal.delete(key);
    for (const [field, map] of this.byField) this.forget(map, key, doc[field]);
  }

  reset(): void {
    this.ordinal.clear();
    this.next = 0;
    for (const map of this.byField.values()) map.clear();
  }

  /**
   * The documents holding what `filter` asks of its narrowest looked-up field, in natural order,
   * and the rest of the filter they must still match (the lookup answers that field's condition
   * exactly: MongoDB's equality, an array holding the value, or any of an $in). Undefined when
   * the filter names no looked-up field (every document must then be scanned).
   */
  candidates(filter: Document): { docs: Document[]; rest: Document } | undefined {
    let best: { field: string; keys: DocKey[] } | undefined;
    for (const [field, cond] of Object.entries(filter)) {
      const values = askedValues(cond, field === '_id');
      if (!values) continue;
      const keys = field === '_id' ? this.idKeys(values) : this.fieldKeys(field, values);
      if (keys && (!best || keys.length < best.keys.length)) best = { field, keys };
    }
    // A lookup that gives a large share of the collection is slower than a scan (the scan keeps
    // natural order for free; the lookup's documents must be put back in it).
    if (!best || best.keys.length * SCAN_SHARE > this.docs.size) return undefined;
    const docs: Document[] = [];
    const order = [...new Set(best.keys)].sort(
      (a, b) => (this.ordinal.get(a) ?? 0) - (this.ordinal.get(b) ?? 0),
    );
    for (const key of order) {
      const doc = this.docs.get(key);
      if (doc) docs.push(doc);
    }
    const { [best.field]: _answered, ...rest } = filter;
    return { docs, rest };
  }

  private idKeys(values: unknown[]): DocKey[] {
    return values.map(idKey).filter((k) => this.docs.has(k));
  }

  private fieldKeys(field: string, values: unknown[]): DocKey[] | undefined {
    const map = this.byField.get(field);
    if (!map) return undefined;
    const keys: DocKey[] = [];
    for (const v of values) for (const key of map.get(valueKey(v) ?? '') ?? []) keys.push(key);
    return keys;
  }

  private record(map: Map<ValueKey, Set<DocKey>>, key: DocKey, value: unknown): void {
    for (const v of Array.isArray(value) ? value : [value]) {
      const k = valueKey(v);
      if (k === undefined) continue;
      let set = map.get(k);
      if (!set) map.set(k, (set = new Set()));
      set.add(key);
    }
  }

  private forget(map: Map<ValueKey, Set<DocKey>>, key: DocKey, value: unknown): void {
    for (const v of Array.isArray(value) ? value : [value]) {
      const k = valueKey(v);
      const set = k === undefined ? undefined : map.get(k);
      if (!set || k === undefined) continue;
      set.delete(key);
      if (!set.size) map.delete(k);
    }
  }
}
