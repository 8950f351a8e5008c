// MongoDB through the official driver: connect (ping), migrate, then the shared domain store over
// the driver's own collections. Writes of a run that cannot reach the server go to the journal.
import { MongoClient, type Collection, type Document } from 'mongodb';
import type { SuiteRun, WriteCount } from '../benchStore';
import { DocumentStore } from '../../sessions/sessionRepository';
import type { PlanStore } from '../../plans/planRepository';
import type {
  OpenedStore,
  PruneReport,
  RetentionPolicy,
  RetentionRun,
} from '../../repositories/openedStore';
import type { StoreIntegrity } from '../storeIntegrity';
import {
  CollectionNames,
  type DataCollection,
  type StoreCollection,
  type StoreCollections,
} from '../storeCollection';
import type {
  HardwareConfig,
  ModelInfo,
  SessionDoc,
  SuiteDefinition,
  TestResultDoc,
} from '../../../shared/dto';
import type {
  HistoryFilter,
  HistoryPage,
  HistoryQuery,
  ModelAggregate,
} from '../../../shared/history';
import type { DailyModelStats, DailyStatsFilter } from '../../../shared/trends';
import { redactText, redactUri, serverOf } from './connectionString';
import { classifyMongoError, isUnreachable } from './mongoErrors';
import { migrate } from './schema';
import { journaledWrites, type JournaledWrite } from '../journaledWrites';
import { applyJournalEntry } from '../journalReplay';
import type { RankingStore } from '../../rank/rankingRepository';
import { WriteJournal, type JournalEntry } from '../writeJournal';

// The driver's Collection is the store's collection interface as it is: checked here, at compile time.
const _driverFits = (c: Collection<Document>): StoreCollection => c;
void _driverFits;

export interface MongoStoreOptions {
  database: string;
  journalDir: string;
  log?: (msg: string) => void;
  serverSelectionTimeoutMS?: number;
  /** After a failed replay, wait this long before trying the server again (ms). */
  retryAfterMs?: number;
}

export async function openMongoStore(uri: string, options: MongoStoreOptions): Promise<MongoStore> {
  const log = (m: string) => options.log?.(redactText(m, uri));
  const timeout = options.serverSelectionTimeoutMS ?? 5_000;
  let client: MongoClient;
  try {
    client = new MongoClient(uri, {
      appName: 'ollama-bench',
      serverSelectionTimeoutMS: timeout,
      connectTimeoutMS: timeout,
      retryWrites: true,
      // Acknowledged by a majority of a replica set (a standalone server is its own majority).
      writeConcern: { w: 'majority' },
    });
  } catch (err) {
    throw classifyMongoError(err, uri);
  }
  try {
    await client.connect();
    const db = client.db(options.database);
    await db.command({ ping: 1 });
    const layout = await migrate(db, log);
    const collections = Object.fromEntries(
      Object.entries(CollectionNames).map(([key, name]) => [key, db.collection(name)]),
    ) as unknown as StoreCollections;
    const description = `MongoDB ${redactUri(uri)} (database ${options.database})`;
    const inner = new DocumentStore(collections, description, layout, undefined, true);
    const journal = new WriteJournal(options.journalDir, `${redactUri(uri)}|${options.database}`);
    const store = new MongoStore(inner, client, journal, uri, log, options.retryAfterMs ?? 10_000);
    await store.recoverJournal();
    return store;
  } catch (err) {
    await client.close().catch(() => undefined);
    throw classifyMongoError(err, uri);
  }
}

type Remap = Map<string, string>;

export class MongoStore implements OpenedStore {
  readonly kind = 'mongodb' as const;
  readonly description: string;
  private nextRetryAt = 0;
  private flushing: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Ids handed out while offline that the server stored under another id (same fingerprint/name). */
  private readonly remap: Remap = new Map();

  constructor(
    readonly inner: DocumentStore,
    private readonly client: MongoClient,
    readonly journal: WriteJournal,
    private readonly uri: string,
    private readonly log: (msg: string) => void,
    private readonly retryAfterMs: number,
  ) {
    this.description = inner.description;
  }

  /** On open: writes that an earlier run (or a crashed process) held are written now. */
  async recoverJournal(): Promise<void> {
    const adopted = this.journal.adoptOrphans();
    if (!adopted) return;
    this.log(
      `MongoDB: ${adopted} write(s) held from an earlier run; writing them to ${serverOf(this.uri)} now`,
    );
    const left = await this.flushJournal();
    if (left) this.warnHeld();
  }

  pendingWrites(): number {
    return this.journal.size;
  }

  /** The server keeps its own data whole; nothing is left out on this side. */
  async integrity(): Promise<StoreIntegrity> {
    return { damage: [], unverified: 0 };
  }

  async flushJournal(): Promise<number> {
    this.flushing ??= this.replay().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async replay(): Promise<number> {
    let done = 0;
    try {
      for (const entry of this.journal.peek()) {
        try {
          await this.apply(entry);
        } catch (err) {
          if (isUnreachable(err)) throw err;
          // A write the server rejects (validation) would block every later one: set it aside.
          this.log(
            `MongoDB rejected a held ${entry.op} and it was set aside in ${this.journal.path}.rejected: ${redactText(String((err as Error).message), this.uri)}`,
          );
          const { appendFileSync } = await import('node:fs');
          appendFileSync(`${this.journal.path}.rejected`, `${JSON.stringify(entry)}\n`);
        }
        done++;
      }
    } catch {
      this.nextRetryAt = Date.now() + this.retryAfterMs;
    } finally {
      if (done) this.journal.shift(done);
    }
    if (done && !this.journal.size) {
      this.log(
        `MongoDB at ${serverOf(this.uri)} answers again: all ${done} held write(s) are stored`,
      );
      this.stopTimer();
    }
    return this.journal.size;
  }

  private mapId(id: string | undefined): string | undefined {
    return id === undefined ? undefined : (this.remap.get(id) ?? id);
  }

  replaceTestResult(result: TestResultDoc & { _id: string }): Promise<string> {
    return this.write(journaledWrites.replaceTestResult(result));
  }

  private apply(entry: JournalEntry): Promise<void> {
    return applyJournalEntry(this.inner, entry, this.remap);
  }

  /**
   * A run's write: straight to MongoDB, or — the server unreachable, or earlier writes still
   * held — to the journal, in order, so nothing is lost and nothing is applied out of order.
   */
  private async write<T>({ entry, apply, offline }: JournaledWrite<T>): Promise<T> {
    if (this.journal.size && Date.now() >= this.nextRetryAt) await this.flushJournal();
    if (!this.journal.size) {
      try {
        return await apply(this.inner);
      } catch (err) {
        if (!isUnreachable(err)) throw this.clean(err);
        this.nextRetryAt = Date.now() + this.retryAfterMs;
      }
    }
    this.journal.append(entry);
    this.warnHeld();
    this.startTimer();
    return offline;
  }

  private warnHeld(): void {
    this.log(
      `warning: MongoDB at ${serverOf(this.uri)} is unreachable; ${this.journal.size} result write(s) held in ${this.journal.path}, written when it answers again (or on next start)`,
    );
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flushJournal(), this.retryAfterMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reads and user-initiated writes fail with a clear, redacted error instead. */
  private clean(err: unknown): Error {
    if (isUnreachable(err)) return classifyMongoError(err, this.uri);
    if (err instanceof Error) {
      err.message = redactText(err.message, this.uri);
      return err;
    }
    return new Error(redactText(String(err), this.uri));
  }

  private async read<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw this.clean(err);
    }
  }

  saveHardwareConfig(config: HardwareConfig): Promise<string> {
    return this.write(journaledWrites.saveHardwareConfig(config));
  }
  getHardwareConfig(id: string): Promise<HardwareConfig | undefined> {
    return this.read(() => this.inner.getHardwareConfig(this.mapId(id) ?? id));
  }
  listHardwareConfigs(): Promise<HardwareConfig[]> {
    return this.read(() => this.inner.listHardwareConfigs());
  }
  upsertModel(model: ModelInfo): Promise<string> {
    return this.write(journaledWrites.upsertModel(model));
  }
  insertSession(session: SessionDoc): Promise<string> {
    return this.write(journaledWrites.insertSession(session));
  }
  updateSession(session: SessionDoc & { _id: string }): Promise<void> {
    return this.write(journaledWrites.updateSession(session));
  }
  getSession(id: string): Promise<SessionDoc | undefined> {
    return this.read(() => this.inner.getSession(id));
  }
  querySessions(query: HistoryQuery): Promise<HistoryPage> {
    return this.read(() => this.inner.querySessions(query));
  }
  countSessions(filter: HistoryFilter): Promise<number> {
    return this.read(() => this.inner.countSessions(filter));
  }
  deleteSessions(ids: string[]): Promise<number> {
    return this.read(() => this.inner.deleteSessions(ids));
  }
  setSessionTags(id: string, tags: string[]): Promise<void> {
    return this.write(journaledWrites.setSessionTags(id, tags));
  }
  modelAggregates(filter: HistoryFilter): Promise<ModelAggregate[]> {
    return this.read(() => this.inner.modelAggregates(filter));
  }
  insertTestResult(result: TestResultDoc): Promise<string> {
    return this.write(journaledWrites.insertTestResult(result));
  }
  getTestResults(sessionId: string): Promise<TestResultDoc[]> {
    return this.read(() => this.inner.getTestResults(sessionId));
  }
  listSuites(): Promise<SuiteDefinition[]> {
    return this.read(() => this.inner.listSuites());
  }
  saveSuite(suite: SuiteDefinition): Promise<string> {
    return this.read(() => this.inner.saveSuite(suite));
  }
  deleteSuite(name: string): Promise<boolean> {
    return this.read(() => this.inner.deleteSuite(name));
  }
  searchSuites(text: string): Promise<SuiteDefinition[]> {
    return this.read(() => this.inner.searchSuites(text));
  }
  recordSuiteRun(name: string, run: SuiteRun): Promise<boolean> {
    return this.read(() => this.inner.recordSuiteRun(name, run));
  }
  readDocuments(collection: DataCollection): Promise<Document[]> {
    return this.read(() => this.inner.readDocuments(collection));
  }
  missingDocuments(collection: DataCollection, docs: Document[]): Promise<Document[]> {
    return this.read(() => this.inner.missingDocuments(collection, docs));
  }
  writeDocuments(collection: DataCollection, docs: Document[]): Promise<WriteCount> {
    return this.read(() => this.inner.writeDocuments(collection, docs));
  }
  // Benchmark plans: queue steps go straight to the server (a claim cannot wait in a journal).
  // Claims by compare-and-set: atomic on every wire-compatible server (planStore.ts says why).
  plans(): PlanStore {
    return this.inner.plans('compare-and-set');
  }
  prune(policy: RetentionPolicy): Promise<PruneReport> {
    return this.read(() => this.inner.prune(policy));
  }
  // Trends.
  dailyModelStats(filter: DailyStatsFilter): Promise<DailyModelStats[]> {
    return this.read(() => this.inner.dailyModelStats(filter));
  }
  lastRetentionRun(): Promise<RetentionRun | undefined> {
    return this.read(() => this.inner.lastRetentionRun());
  }

  // Rankings per use case: reads and cache writes go straight to the server.
  rankings(): RankingStore {
    return this.inner.rankings();
  }

  async close(): Promise<void> {
    this.stopTimer();
    if (this.journal.size) await this.flushJournal().catch(() => undefined);
    if (this.journal.size) this.warnHeld();
    await this.client.close().catch(() => undefined);
  }
}
