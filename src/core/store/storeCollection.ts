// The collection contract: the small slice of a MongoDB collection the repositories use. The
// official driver's `Collection<Document>` satisfies it as it is (checked at compile time in
// mongo/mongoBackend.ts), and the embedded engine implements it with mingo, so every repository is
// written once, in MongoDB's language, for both.
import type { Document } from 'bson';

export type { Document };

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  /** Inclusion only ({ 'a.b': 1 }; _id always comes): a reader that needs a few fields copies less. */
  projection?: Record<string, 1>;
}

export interface StoreCursor<T> {
  toArray(): Promise<T[]>;
}

export interface StoreCollection {
  readonly collectionName: string;
  insertOne(doc: Document): Promise<{ insertedId: unknown }>;
  insertMany(docs: Document[], options?: { ordered?: boolean }): Promise<{ insertedCount: number }>;
  findOne(filter: Document): Promise<Document | null>;
  find(filter: Document, options?: FindOptions): StoreCursor<Document>;
  updateOne(
    filter: Document,
    update: Document,
    options?: { upsert?: boolean },
  ): Promise<{ matchedCount: number; upsertedCount: number }>;
  replaceOne(
    filter: Document,
    replacement: Document,
    options?: { upsert?: boolean },
  ): Promise<{ matchedCount: number; upsertedCount: number }>;
  deleteMany(filter: Document): Promise<{ deletedCount: number }>;
  countDocuments(filter: Document): Promise<number>;
  aggregate(pipeline: Document[]): StoreCursor<Document>;
  createIndex(keys: SortSpec, options?: { unique?: boolean; name?: string }): Promise<string>;

  // ---- benchmark plans: a work queue shared by many processes and machines ----
  /** Every match updated in one write (embedded: one log line under the lock). */
  updateMany(filter: Document, update: Document): Promise<{ matchedCount: number }>;
  /**
   * The first match in sort order, updated and returned in one atomic step: the claim of a work
   * queue, so two workers never take the same document.
   */
  findOneAndUpdate(
    filter: Document,
    update: Document,
    options: { sort?: SortSpec; returnDocument?: 'before' | 'after' },
  ): Promise<Document | null>;

  /**
   * The embedded engine only: hands each stored match to `visit`, in natural order, without
   * copying it (a large read allocates nothing per document). The documents are shared with the
   * store: never change them. Read through visitMatches(), which falls back to find().
   */
  visitStored?(filter: Document, visit: (doc: Document) => void): Promise<void>;
}

/** Every collection of the data model (docs/ARCHITECTURE.md, "Data model"). */
export const CollectionNames = {
  hardwareConfigs: 'hardware_configs',
  models: 'models',
  sessions: 'test_sessions',
  results: 'test_results',
  samples: 'hardware_samples',
  suites: 'custom_suites',
  meta: 'store_meta',
  // Trends: per machine × model × test × options and day, recomputed when a session lands.
  dailyStats: 'daily_model_stats',
  // Benchmark plans (src/core/plans/): what to run, apart from what happened (sessions, results).
  plans: 'benchmark_plans',
  configs: 'benchmark_configs',
  // Rankings per use case (src/core/rank): the user's use cases and the stored rankings.
  useCases: 'use_cases',
  rankings: 'model_rankings',
  // Retention's last run and what it did (src/core/retention/), shown in the dashboard.
  storeConfig: 'config',
  // A model's score on an eval set (src/core/quality/): keyed by digest, set hash and options.
  modelEvaluations: 'model_evaluations',
} as const;

export type CollectionName = (typeof CollectionNames)[keyof typeof CollectionNames];

export type StoreCollections = Record<keyof typeof CollectionNames, StoreCollection>;

/**
 * The collections that hold results, in the order a copy writes them (what documents refer to
 * comes first). store_meta stays with each store: it describes that store's own schema and layout.
 */
export const DATA_COLLECTIONS = [
  CollectionNames.hardwareConfigs,
  CollectionNames.models,
  CollectionNames.suites,
  CollectionNames.sessions,
  CollectionNames.results,
  CollectionNames.samples,
] as const;

export type DataCollection = (typeof DATA_COLLECTIONS)[number];

export const isDataCollection = (name: unknown): name is DataCollection =>
  (DATA_COLLECTIONS as readonly unknown[]).includes(name);

/** MongoDB's duplicate-key error code; the embedded engine throws the same. */
export const DUPLICATE_KEY = 11000;

/** The code a server answers for a command or operator it does not implement (e.g. jongodb). */
export const NOT_IMPLEMENTED = 238;

export function errorCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}
