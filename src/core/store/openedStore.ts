// What openStore hands back beyond the BenchStore contract: which backend it is, retention, and
// (MongoDB) how many writes wait in the on-disk journal for the server to come back.
import type { BenchStore } from './benchStore';
import type { StoreIntegrity } from './storeIntegrity';

export interface RetentionPolicy {
  /** Hardware samples older than this many days become one-minute means; 0 = keep all. */
  sampleDays: number;
  /** Sessions (with their results and samples) older than this many days are deleted; 0 = forever. */
  sessionDays: number;
  /** The clock, passed in for tests. */
  now?: Date;
}

export interface PruneReport {
  sessionsDeleted: number;
  resultsDeleted: number;
  /** Test results whose hardware samples were downsampled to one-minute means. */
  resultsDownsampled: number;
}

export interface OpenedStore extends BenchStore {
  readonly kind: 'embedded' | 'mongodb';
  prune(policy: RetentionPolicy): Promise<PruneReport>;
  /** Writes held in the on-disk journal because the server was unreachable (0 for embedded). */
  pendingWrites(): number;
  /** Tries to write journaled results now; resolves to how many are still held. */
  flushJournal(): Promise<number>;
  integrity(): Promise<StoreIntegrity>;
}

export const DEFAULT_RETENTION: RetentionPolicy = { sampleDays: 90, sessionDays: 0 };
