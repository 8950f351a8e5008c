// The one interface the engine, the host and the CLI store through. Implementations: the embedded
// store (mingo over append-only logs) and MongoDB (official driver); both share their domain code
// written in MongoDB's language. A contract test suite runs unchanged against each.
import type {
  HardwareConfig,
  ModelInfo,
  SessionDoc,
  SuiteDefinition,
  TestResultDoc,
} from '../../shared/dto';
import type { RankingStore } from '../rank/rankingRepository';
import type {
  HistoryFilter,
  HistoryPage,
  HistoryQuery,
  ModelAggregate,
} from '../../shared/history';
import type { StoreIntegrity } from './storeIntegrity';
import type { DataCollection, Document } from './storeCollection';

/** One run of a saved suite, as recordSuiteRun counts it. */
export interface SuiteRun {
  succeeded: boolean;
  duration_ms: number;
}

/** What writeDocuments did: documents stored now, and documents the store already held. */
export interface WriteCount {
  added: number;
  skipped: number;
}
import type { DailyModelStats, DailyStatsFilter } from '../../shared/trends';
import type { PlanStore } from '../plans/planRepository';

export interface BenchStore {
  /** Human-readable description for logs and errors (password redacted). */
  readonly description: string;

  /** Upsert by fingerprint; returns the stored id (the same machine is stored once). */
  saveHardwareConfig(config: HardwareConfig): Promise<string>;
  getHardwareConfig(id: string): Promise<HardwareConfig | undefined>;
  listHardwareConfigs(): Promise<HardwareConfig[]>;

  /** Upsert by name; a changed digest is recorded as a new version. Returns the model id. */
  upsertModel(model: ModelInfo): Promise<string>;

  /** Inserts a new session (status running); returns its id. */
  insertSession(session: SessionDoc): Promise<string>;
  /** Replaces the stored session with this one (same _id). */
  updateSession(session: SessionDoc & { _id: string }): Promise<void>;
  getSession(id: string): Promise<SessionDoc | undefined>;
  querySessions(query: HistoryQuery): Promise<HistoryPage>;
  countSessions(filter: HistoryFilter): Promise<number>;
  deleteSessions(ids: string[]): Promise<number>;
  setSessionTags(id: string, tags: string[]): Promise<void>;
  modelAggregates(filter: HistoryFilter): Promise<ModelAggregate[]>;

  insertTestResult(result: TestResultDoc): Promise<string>;
  /** Insert that may repeat (journal replay): an earlier copy with this _id is replaced whole. */
  replaceTestResult(result: TestResultDoc & { _id: string }): Promise<string>;
  getTestResults(sessionId: string): Promise<TestResultDoc[]>;

  listSuites(): Promise<SuiteDefinition[]>;
  /** Upsert by name. */
  saveSuite(suite: SuiteDefinition): Promise<string>;
  deleteSuite(name: string): Promise<boolean>;
  /**
   * Saved suites whose name, description or tags hold any word of `text` (case-insensitive),
   * by name. MongoDB answers with its text index ($text); the embedded store matches words.
   */
  searchSuites(text: string): Promise<SuiteDefinition[]>;
  /** Counts one run of a saved suite into its usage_count and execution_stats; false if unknown. */
  recordSuiteRun(name: string, run: SuiteRun): Promise<boolean>;

  // Raw documents, as stored (BSON dates and ids), for import, copy and archives. Hardware
  // samples travel as one document per test result (the bucket layout) whatever the store keeps.
  readDocuments(collection: DataCollection): Promise<Document[]>;
  /** Those of `docs` that this store lacks (by _id; sample buckets by their result). */
  missingDocuments(collection: DataCollection, docs: Document[]): Promise<Document[]>;
  /** Inserts the documents this store lacks and never overwrites one: running it twice adds nothing. */
  writeDocuments(collection: DataCollection, docs: Document[]): Promise<WriteCount>;

  /**
   * What is wrong with the stored data as this process found it (records left out, files gone),
   * for readers to warn about. Stores that cannot be damaged that way (MongoDB) report none.
   */
  integrity?(): Promise<StoreIntegrity>;

  // ---- trends ----
  /**
   * daily_model_stats: per machine × model × test × options key and day, the statistics of every
   * repetition; kept up to date as sessions land (updateSession with a final status) or go.
   */
  dailyModelStats(filter: DailyStatsFilter): Promise<DailyModelStats[]>;
  // ---- benchmark plans: the plan and config collections, as a work queue (planStore.ts) ----
  plans(): PlanStore;
  /** Use cases and rankings per use case (src/core/rank), over this store's collections. */
  rankings(): RankingStore;

  close(): Promise<void>;
}
