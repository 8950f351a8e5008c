// The saved test suites (custom_suites): authorship and usage kept by the store, a text search
// (MongoDB's text index where the server has one, the same word match computed here otherwise),
// and run statistics counted with compare-and-set so two windows finishing at once both count.
import { ObjectId, type Document } from 'bson';
import { hostname, userInfo } from 'node:os';
import type { SuiteDefinition } from '../../shared/dto';
import { fromStored, idToString, toStored, type FieldMap } from '../store/bsonMapping';
import { NOT_IMPLEMENTED, errorCode, type StoreCollection } from '../store/storeCollection';
import { searchWords, suiteMatches } from './suiteSearch';

/** Where a saved suite holds BSON dates and ids. */
export const SuiteFields: FieldMap = { dates: ['created_at', 'updated_at'], ids: ['_id'] };

/** MongoDB's answer to $text on a collection without a text index. */
const INDEX_NOT_FOUND = 27;
const NO_RUNS = { runs: 0, success_rate: 0, avg_duration_ms: 0 };

/** One run of a saved suite, as recordRun counts it. */
export interface SuiteRun {
  succeeded: boolean;
  duration_ms: number;
}

export class SuiteRepository {
  constructor(
    private readonly suites: StoreCollection,
    /** The server may have a text index on the suites ($text); the embedded engine has none. */
    private readonly textSearch: boolean,
  ) {}

  async list(): Promise<SuiteDefinition[]> {
    const docs = await this.suites.find({}, { sort: { name: 1 } }).toArray();
    return docs.map((d) => fromStored<SuiteDefinition>(d, SuiteFields));
  }

  async save(suite: SuiteDefinition): Promise<string> {
    if (typeof suite.name !== 'string' || !suite.name.trim())
      throw new TypeError('a suite needs a name');
    const now = new Date();
    // Authorship and usage are the store's to keep: an edited suite cannot reset them.
    const {
      _id,
      created_at: _c,
      updated_at: _u,
      usage_count: _n,
      execution_stats: _x,
      created_by: _b,
      ...fields
    } = toStored(suite, SuiteFields);
    const existing = await this.suites.findOne({ name: suite.name });
    if (existing) {
      await this.suites.replaceOne(
        { _id: existing._id },
        {
          ...fields,
          created_by: existing.created_by ?? suite.created_by ?? defaultAuthor(),
          usage_count: existing.usage_count ?? 0,
          execution_stats: existing.execution_stats ?? NO_RUNS,
          created_at: existing.created_at ?? now,
          updated_at: now,
        },
      );
      return idToString(existing._id);
    }
    const doc = {
      ...fields,
      _id: _id ?? new ObjectId(),
      created_by: suite.created_by ?? defaultAuthor(),
      usage_count: 0,
      execution_stats: NO_RUNS,
      created_at: now,
      updated_at: now,
    };
    await this.suites.insertOne(doc);
    return idToString(doc._id);
  }

  async search(text: string): Promise<SuiteDefinition[]> {
    if (typeof text !== 'string') throw new TypeError('the search is text');
    const words = searchWords(text);
    if (!words.length) return this.list();
    let docs: Document[] | undefined;
    if (this.textSearch) {
      try {
        docs = await this.suites
          .find({ $text: { $search: words.join(' ') } }, { sort: { name: 1 } })
          .toArray();
      } catch (err) {
        // No text index (a server that cannot build one): the same match, computed here.
        if (![NOT_IMPLEMENTED, INDEX_NOT_FOUND].includes(errorCode(err) ?? -1)) throw err;
      }
    }
    docs ??= (await this.suites.find({}, { sort: { name: 1 } }).toArray()).filter((d) =>
      suiteMatches(d, words),
    );
    return docs.map((d) => fromStored<SuiteDefinition>(d, SuiteFields));
  }

  async recordRun(name: string, run: SuiteRun): Promise<boolean> {
    if (typeof name !== 'string') throw new TypeError('a suite name is text');
    if (!Number.isFinite(run.duration_ms) || run.duration_ms < 0)
      throw new TypeError('a suite run lasts a finite number of milliseconds ≥ 0');
    // Compare-and-set on the run count, so two windows finishing at once both count.
    for (let attempt = 0; attempt < 10; attempt++) {
      const doc = await this.suites.findOne({ name });
      if (!doc) return false;
      const prev = (doc.execution_stats as Document | undefined) ?? NO_RUNS;
      const runs = prev.runs + 1;
      const stats = {
        runs,
        success_rate: (prev.success_rate * prev.runs + (run.succeeded ? 1 : 0)) / runs,
        avg_duration_ms: (prev.avg_duration_ms * prev.runs + run.duration_ms) / runs,
      };
      const { matchedCount } = await this.suites.updateOne(
        {
          _id: doc._id,
          'execution_stats.runs': doc.execution_stats ? prev.runs : { $exists: false },
        },
        {
          $set: {
            execution_stats: stats,
            usage_count: (typeof doc.usage_count === 'number' ? doc.usage_count : 0) + 1,
          },
        },
      );
      if (matchedCount) return true;
    }
    throw new Error(`suite "${name}" is being updated by another writer; its run was not counted`);
  }

  async delete(name: string): Promise<boolean> {
    if (typeof name !== 'string') throw new TypeError('a suite name is text');
    const { deletedCount } = await this.suites.deleteMany({ name });
    return deletedCount > 0;
  }
}

function defaultAuthor(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (a container's uid): the host still says where it came from.
  }
  return `${user}@${hostname()}`;
}
