// MongoDB through the official driver: connect (ping), migrate, then the driver's own collections
// (errors redacted). Writes of a run that cannot reach the server go to the outage journal.
import { MongoClient, type Collection, type Document } from 'mongodb';
import type { RunWriteTarget } from '../runWrites';
import type { SampleLayout, StoreBackend } from '../storeBackend';
import type { StoreIntegrity } from '../storeIntegrity';
import { CollectionNames, type StoreCollection, type StoreCollections } from '../storeCollection';
import { WriteJournal } from '../writeJournal';
import { cleanErrorCollection } from './cleanErrorCollection';
import { redactText, redactUri } from './connectionString';
import { classifyMongoError, isUnreachable } from './mongoErrors';
import { OutageJournal } from './outageJournal';
import { migrate } from './schema';

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

export async function openMongoBackend(
  uri: string,
  options: MongoStoreOptions,
): Promise<MongoBackend> {
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
    const description = `MongoDB ${redactUri(uri)} (database ${options.database})`;
    const journal = new WriteJournal(options.journalDir, `${redactUri(uri)}|${options.database}`);
    return new MongoBackend(db, client, journal, uri, description, layout, log, {
      retryAfterMs: options.retryAfterMs ?? 10_000,
    });
  } catch (err) {
    await client.close().catch(() => undefined);
    throw classifyMongoError(err, uri);
  }
}

export class MongoBackend implements StoreBackend {
  readonly kind = 'mongodb' as const;
  readonly textSearch = true;
  // Claims by compare-and-set: atomic on every wire-compatible server (planRepository.ts says why).
  readonly atomicFindAndModify = false;
  readonly collections: StoreCollections;
  private outage: OutageJournal | undefined;

  constructor(
    db: ReturnType<MongoClient['db']>,
    private readonly client: MongoClient,
    readonly journal: WriteJournal,
    private readonly uri: string,
    readonly description: string,
    readonly sampleLayout: SampleLayout,
    private readonly log: (msg: string) => void,
    private readonly options: { retryAfterMs: number },
  ) {
    const clean = (err: unknown) => this.clean(err);
    this.collections = Object.fromEntries(
      Object.entries(CollectionNames).map(([key, name]) => [
        key,
        cleanErrorCollection(db.collection(name), clean),
      ]),
    ) as unknown as StoreCollections;
  }

  async guardRunWrites(target: RunWriteTarget): Promise<RunWriteTarget> {
    this.outage = new OutageJournal(
      this.journal,
      target,
      this.uri,
      this.log,
      this.options.retryAfterMs,
      (err) => this.clean(err),
    );
    await this.outage.recover();
    return this.outage.writes();
  }

  pendingWrites(): number {
    return this.journal.size;
  }

  async flushJournal(): Promise<number> {
    return this.outage ? this.outage.flush() : this.journal.size;
  }

  /** The server keeps its own data whole; nothing is left out on this side. */
  async integrity(): Promise<StoreIntegrity> {
    return { damage: [], unverified: 0 };
  }

  /** Errors a user sees: unreachable said in one sentence, the password never shown. */
  private clean(err: unknown): Error {
    if (isUnreachable(err)) {
      const said = classifyMongoError(err, this.uri);
      if (said !== err && said.cause === undefined) said.cause = err;
      return said;
    }
    if (err instanceof Error) {
      err.message = redactText(err.message, this.uri);
      return err;
    }
    return new Error(redactText(String(err), this.uri));
  }

  async close(): Promise<void> {
    await this.outage?.close();
    await this.client.close().catch(() => undefined);
  }
}
