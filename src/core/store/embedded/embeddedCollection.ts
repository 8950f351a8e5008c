// A StoreCollection over a CollectionLog, with mingo evaluating MongoDB's query, update and
// aggregation language. Reads catch up with other processes' appends first; writes take the
// folder's lock, catch up, check unique indexes against the now-current data, then append.
import { EJSON, ObjectId, type Document } from 'bson';
import { Aggregator, Query, update as applyUpdate } from 'mingo';
import type { FindOptions, SortSpec, StoreCollection, StoreCursor } from '../storeCollection';
import { DUPLICATE_KEY } from '../storeCollection';
import { CollectionLog, idKey, type DocKey } from './collectionLog';
import { compileFilter } from './fastMatch';
import { FieldLookup } from './fieldLookup';
import { firstScalar, sortScalar } from './fastSort';
import { applySimpleUpdate } from './fastUpdate';

/** The same shape (name, code) as the driver's MongoServerError for a duplicate key. */
export class DuplicateKeyError extends Error {
  readonly code = DUPLICATE_KEY;
  constructor(collection: string, index: string, value: string) {
    super(`E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${value}`);
    this.name = 'MongoServerError';
  }
}

/** Deep copy that keeps BSON values (ObjectId is immutable; Dates are copied). */
function clone<T>(v: T): T {
  // Most of what a find copies is numbers and text: returned before any other check.
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Document = {};
    for (const [k, x] of Object.entries(v)) out[k] = clone(x);
    return out as T;
  }
  return v;
}

/** An inclusion projection as a tree of paths: { 'a.b': 1, c: 1 } → { a: { b: true }, c: true }. */
type PathTree = { [key: string]: PathTree | true };

function pathTree(projection: Record<string, 1>): PathTree {
  const root: PathTree = { _id: true };
  for (const path of Object.keys(projection)) {
    const parts = path.split('.');
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = true;
      else {
        const next = node[part];
        if (next === true) return;
        node = node[part] = next ?? {};
      }
    });
  }
  return root;
}

/**
 * A copier of the projected paths only, compiled once per find (keys listed up front, no
 * per-document allocation of entries); arrays on the way project each element, as MongoDB does.
 */
function compileProjection(tree: PathTree | true): (v: unknown) => unknown {
  if (tree === true) return clone;
  const subs = Object.entries(tree).map(([key, sub]) => [key, compileProjection(sub)] as const);
  const one = (v: unknown): unknown => {
    if (!v || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype)
      return undefined;
    const out: Document = {};
    for (const [key, sub] of subs) {
      const x = (v as Document)[key];
      if (x !== undefined) out[key] = sub(x);
    }
    return out;
  };
  return (v) => {
    if (!Array.isArray(v)) return one(v);
    // One pass: the elements that are documents, each projected.
    const out: unknown[] = [];
    for (const x of v) if (x && typeof x === 'object') out.push(one(x));
    return out;
  };
}

export function getPath(doc: Document, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = (cur as Document)[part];
  }
  return cur;
}

interface UniqueIndex {
  name: string;
  fields: string[];
  keys: Map<string, DocKey>;
}

export interface WriteGate {
  /** Runs fn holding the folder's write lock. */
  withLock<T>(fn: () => T): Promise<T>;
  /** A log file was appended to: its bytes reach the disk at the next group commit. */
  appended(path: string): void;
  /** True when the store may hold records from before checksums (they load unverified). */
  legacyRecords(): boolean;
}

const isOperatorObject = (v: unknown) =>
  !!v &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  !(v instanceof Date) &&
  !(v instanceof ObjectId) &&
  Object.keys(v).some((k) => k.startsWith('$'));

export class EmbeddedCollection implements StoreCollection {
  private readonly log: CollectionLog;
  private readonly unique: UniqueIndex[] = [];
  private readonly lookup: FieldLookup;
  private loaded = false;
  /** Bumped on every change seen (own write or another process's), so cached matches expire. */
  private version = 0;
  /**
   * The last filter's matches: a history page asks find() and countDocuments() with the same
   * filter back to back, and one scan answers both.
   */
  private lastMatch: { key: string; version: number; docs: Document[] } | undefined;

  constructor(
    readonly collectionName: string,
    path: string,
    private readonly gate: WriteGate,
    warn: (msg: string) => void,
  ) {
    this.log = new CollectionLog(
      path,
      {
        put: (doc, previous, key) => {
          this.version++;
          if (previous) this.unindex(previous);
          this.index(doc);
          this.lookup.put(key, doc, previous);
        },
        delete: (key, doc) => {
          this.version++;
          this.unindex(doc);
          this.lookup.delete(key, doc);
        },
        reset: () => {
          this.version++;
          this.unique.forEach((u) => u.keys.clear());
          this.lookup.reset();
        },
      },
      warn,
      () => gate.legacyRecords(),
    );
    this.lookup = new FieldLookup(this.log.docs);
  }

  /**
   * The documents matching `filter`, in natural order: those its _id or a looked-up field names,
   * checked against the rest of the filter, else every document checked against all of it. The
   * history filter's shapes compile to a plain predicate; anything else stays with mingo.
   */
  private select(filter: Document, compiled?: (doc: Document) => boolean): Document[] {
    const found = this.lookup.candidates(filter);
    const docs = found?.docs ?? [...this.log.docs.values()];
    const rest = found?.rest ?? filter;
    if (!Object.keys(rest).length) return docs;
    const predicate = (found ? undefined : compiled) ?? compileFilter(rest);
    return predicate ? docs.filter(predicate) : new Query(rest).find<Document>(docs).all();
  }

  /** Number of complete log lines that could not be read (reported, never fatal). */
  get corruptLines(): number {
    return this.log.corruptLines;
  }

  private current(): Document[] {
    this.log.catchUp();
    this.loaded = true;
    return [...this.log.docs.values()];
  }

  async insertOne(doc: Document): Promise<{ insertedId: unknown }> {
    const stored = clone(doc);
    if (stored._id === undefined) stored._id = new ObjectId();
    await this.write(() => {
      this.checkUnique([stored], true);
      this.log.append({ p: [stored] });
    });
    return { insertedId: stored._id };
  }

  async insertMany(docs: Document[]): Promise<{ insertedCount: number }> {
    const stored = docs.map((d) => {
      const c = clone(d);
      if (c._id === undefined) c._id = new ObjectId();
      return c;
    });
    // One line for the whole batch: it lands entirely or (torn) not at all.
    await this.write(() => {
      this.checkUnique(stored, true);
      if (stored.length) this.log.append({ p: stored });
    });
    return { insertedCount: stored.length };
  }

  async findOne(filter: Document): Promise<Document | null> {
    const [doc] = await this.find(filter, { limit: 1 }).toArray();
    return doc ?? null;
  }

  private matching(filter: Document, compiled?: (doc: Document) => boolean): Document[] {
    this.log.catchUp();
    this.loaded = true;
    const key = EJSON.stringify(filter, { relaxed: false });
    if (this.lastMatch?.key === key && this.lastMatch.version === this.version)
      return this.lastMatch.docs;
    const docs = this.select(filter, compiled);
    this.lastMatch = { key, version: this.version, docs };
    return docs;
  }

  find(filter: Document, options: FindOptions = {}): StoreCursor<Document> {
    return {
      toArray: async () => {
        const matched = this.matching(filter);
        const { sort } = options;
        // mingo sorts what sortScalar cannot (a key that is not a scalar).
        const sorted = sort
          ? (sortScalar(matched, sort) ?? new Query({}).find<Document>(matched).sort(sort).all())
          : matched;
        const copy = options.projection
          ? (compileProjection(pathTree(options.projection)) as (d: Document) => Document)
          : clone<Document>;
        const from = options.skip ?? 0;
        return sorted.slice(from, options.limit ? from + options.limit : undefined).map(copy);
      },
    };
  }

  /** Stored documents are never changed in place (a write stores a changed copy): shared safely. */
  async visitStored(filter: Document, visit: (doc: Document) => void): Promise<void> {
    for (const doc of this.matching(filter)) visit(doc);
  }

  async countDocuments(filter: Document): Promise<number> {
    return this.matching(filter).length;
  }

  aggregate(pipeline: Document[]): StoreCursor<Document> {
    return {
      toArray: async () => {
        // A leading $match is answered like find(): the same compiled filter (MongoDB's array
        // traversal, which mingo lacks for nested arrays) and the same cached matches.
        const [first, ...rest] = pipeline;
        const lead =
          first && Object.keys(first).length === 1 ? (first.$match as unknown) : undefined;
        const compiled =
          lead && typeof lead === 'object' ? compileFilter(lead as Document) : undefined;
        if (compiled) {
          const docs = this.matching(lead as Document, compiled);
          return (rest.length ? new Aggregator(rest).run(docs) : docs).map(clone);
        }
        return new Aggregator(pipeline).run(this.current()).map(clone);
      },
    };
  }

  async updateOne(
    filter: Document,
    update: Document,
    options: { upsert?: boolean } = {},
  ): Promise<{ matchedCount: number; upsertedCount: number }> {
    const { $setOnInsert, ...onMatch } = update as { $setOnInsert?: Document } & Document;
    return this.write(() => {
      const found = this.firstMatch(filter);
      if (found) {
        const next = this.updated(found, onMatch);
        this.checkUnique([next]);
        this.log.append({ p: [next] });
        return { matchedCount: 1, upsertedCount: 0 };
      }
      if (!options.upsert) return { matchedCount: 0, upsertedCount: 0 };
      const seed = this.seedFromFilter(filter);
      applyUpdate(
        seed,
        { ...onMatch, ...($setOnInsert ? { $set: { ...onMatch.$set, ...$setOnInsert } } : {}) },
        undefined,
        undefined,
        {
          cloneMode: 'deep',
        },
      );
      if (seed._id === undefined) seed._id = new ObjectId();
      this.checkUnique([seed]);
      this.log.append({ p: [seed] });
      return { matchedCount: 0, upsertedCount: 1 };
    });
  }

  async replaceOne(
    filter: Document,
    replacement: Document,
    options: { upsert?: boolean } = {},
  ): Promise<{ matchedCount: number; upsertedCount: number }> {
    return this.write(() => {
      const found = this.firstMatch(filter);
      if (!found && !options.upsert) return { matchedCount: 0, upsertedCount: 0 };
      const next = clone(replacement);
      next._id = found?._id ?? replacement._id ?? this.seedFromFilter(filter)._id ?? new ObjectId();
      this.checkUnique([next]);
      this.log.append({ p: [next] });
      return found ? { matchedCount: 1, upsertedCount: 0 } : { matchedCount: 0, upsertedCount: 1 };
    });
  }

  // ---- benchmark plans: the work queue's atomic steps, under the folder's cross-process lock ----

  async updateMany(filter: Document, update: Document): Promise<{ matchedCount: number }> {
    return this.write(() => {
      const next = this.select(filter).map((found) => this.updated(found, update));
      this.checkUnique(next);
      if (next.length) this.log.append({ p: next });
      return { matchedCount: next.length };
    });
  }

  async findOneAndUpdate(
    filter: Document,
    update: Document,
    options: { sort?: SortSpec; returnDocument?: 'before' | 'after' } = {},
  ): Promise<Document | null> {
    return this.write(() => {
      // Matched, ordered, updated and appended while this process holds the lock: no other
      // process can read the same document as unclaimed in between. Only the first in sort order
      // is taken, found in one pass (a sort only where a key is not a scalar): a long queue holds
      // the lock for less.
      const matched = this.select(filter);
      if (!matched.length) return null;
      const found = options.sort
        ? (
            firstScalar(matched, options.sort) ?? {
              first: new Query({}).find<Document>(matched).sort(options.sort).all()[0],
            }
          ).first
        : matched[0];
      if (!found) return null;
      const next = this.updated(found, update);
      this.checkUnique([next]);
      this.log.append({ p: [next] });
      return clone(options.returnDocument === 'after' ? next : found);
    });
  }

  private updated(found: Document, update: Document): Document {
    const next = clone(found);
    if (!applySimpleUpdate(next, update))
      applyUpdate(next, update, undefined, undefined, { cloneMode: 'deep' });
    next._id = found._id;
    return next;
  }

  async deleteMany(filter: Document): Promise<{ deletedCount: number }> {
    return this.write(() => {
      const ids = this.select(filter).map((d) => d._id);
      if (ids.length) this.log.append({ d: ids });
      return { deletedCount: ids.length };
    });
  }

  async createIndex(
    keys: SortSpec,
    options: { unique?: boolean; name?: string } = {},
  ): Promise<string> {
    const fields = Object.keys(keys);
    const name = options.name ?? fields.map((f) => `${f}_${keys[f]}`).join('_');
    // An index's leading field is looked up (unique or not); only a unique index is checked.
    const [leading] = fields;
    if (leading !== undefined) this.lookup.add(leading);
    if (!options.unique || this.unique.some((u) => u.name === name)) return name;
    const index: UniqueIndex = { name, fields, keys: new Map() };
    this.current();
    for (const [key, doc] of this.log.docs) {
      const k = this.keyOf(index, doc);
      if (index.keys.has(k)) throw new DuplicateKeyError(this.collectionName, name, k);
      index.keys.set(k, key);
    }
    this.unique.push(index);
    return name;
  }

  private async write<T>(fn: () => T): Promise<T> {
    return this.gate.withLock(() => {
      this.log.catchUp();
      this.loaded = true;
      this.log.cutTornTail();
      const offset = this.log.size;
      const out = fn();
      if (this.log.size !== offset) this.gate.appended(this.log.path);
      if (this.log.needsCompaction()) this.log.compact();
      return out;
    });
  }

  private firstMatch(filter: Document): Document | undefined {
    return this.select(filter)[0];
  }

  /** An upsert starts from the filter's equality fields, as MongoDB does. */
  private seedFromFilter(filter: Document): Document {
    const seed: Document = {};
    for (const [k, v] of Object.entries(filter)) {
      if (k.startsWith('$') || isOperatorObject(v)) continue;
      applyUpdate(seed, { $set: { [k]: clone(v) } });
    }
    return seed;
  }

  private keyOf(index: UniqueIndex, doc: Document): string {
    return idKey(index.fields.map((f) => getPath(doc, f) ?? null));
  }

  private checkUnique(docs: Document[], inserting = false): void {
    const pending = new Map<string, DocKey>();
    for (const doc of docs) {
      const own = idKey(doc._id);
      if (pending.has(`_id ${own}`) || (inserting && this.log.docs.has(own)))
        throw new DuplicateKeyError(this.collectionName, '_id_', own);
      pending.set(`_id ${own}`, own);
      for (const u of this.unique) {
        const k = this.keyOf(u, doc);
        const holder = u.keys.get(k) ?? pending.get(`${u.name} ${k}`);
        if (holder !== undefined && holder !== own)
          throw new DuplicateKeyError(this.collectionName, u.name, k);
        pending.set(`${u.name} ${k}`, own);
      }
    }
  }

  private index(doc: Document): void {
    const own = idKey(doc._id);
    for (const u of this.unique) u.keys.set(this.keyOf(u, doc), own);
  }

  private unindex(doc: Document): void {
    const own = idKey(doc._id);
    for (const u of this.unique) {
      const k = this.keyOf(u, doc);
      if (u.keys.get(k) === own) u.keys.delete(k);
    }
  }

  get isLoaded(): boolean {
    return this.loaded;
  }
}
