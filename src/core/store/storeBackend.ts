// What a backend is to everything above it: named collections in MongoDB's language (the
// contract in storeCollection.ts), a description, its integrity, its outage journal and close.
// Nothing here knows what the features keep in those collections: each feature builds its own
// repository over them (src/core/repositories/openedStore.ts wires them together).
import type { RunWriteTarget } from './runWrites';
import type { StoreCollections } from './storeCollection';
import type { StoreIntegrity } from './storeIntegrity';

/** How hardware samples are kept: one document per sample (time series) or one per result. */
export type SampleLayout = 'timeseries' | 'buckets';

export type BackendKind = 'embedded' | 'mongodb';

export interface StoreBackend {
  readonly kind: BackendKind;
  /** Human-readable description for logs and errors (password redacted). */
  readonly description: string;
  readonly collections: StoreCollections;
  readonly sampleLayout: SampleLayout;
  /** The server may have a text index on the suites ($text); the embedded engine has none. */
  readonly textSearch: boolean;
  /**
   * `findOneAndUpdate` is one atomic step here (the embedded engine runs it under its
   * cross-process lock). False where only single-document writes are atomic for certain.
   */
  readonly atomicFindAndModify: boolean;
  /**
   * The writes of a run (and tag edits) as this backend takes them: `target` itself, or, on
   * MongoDB, `target` behind the outage journal, which holds them while the server is away and
   * writes them into `target` when it answers (earlier runs' held writes are written now).
   */
  guardRunWrites(target: RunWriteTarget): Promise<RunWriteTarget>;
  /** Writes held in the outage journal because the server was unreachable (0 for embedded). */
  pendingWrites(): number;
  /** Tries to write journaled writes now; resolves to how many are still held. */
  flushJournal(): Promise<number>;
  /**
   * What is wrong with the stored data as this process found it (records left out, files gone),
   * for readers to warn about. MongoDB keeps its own data whole and reports none.
   */
  integrity(): Promise<StoreIntegrity>;
  close(): Promise<void>;
}
