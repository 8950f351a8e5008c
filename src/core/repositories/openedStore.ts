// What openStore hands back beyond the BenchStore contract: which backend it is, retention, and
// (MongoDB) how many writes wait in the on-disk journal for the server to come back.
import type { BenchStore } from '../store/benchStore';
import type { StoreIntegrity } from '../store/storeIntegrity';
import type { DownsampleInterval } from '../retention/downsample';

export interface RetentionPolicy {
  /**
   * Hardware samples and the series inside test_results older than this many days become means
   * per downsampleInterval; 0 = keep full resolution.
   */
  downsampleAfterDays: number;
  /** Default '1m'. */
  downsampleInterval?: DownsampleInterval;
  /** Sessions (with their results and samples) older than this many days are deleted; 0 = forever. */
  sessionDays: number;
  /** Before deleting, sessions and all that belongs to them are written to a new file here. */
  archiveDir?: string;
  /** Count what would be archived, downsampled and deleted; change nothing. */
  dryRun?: boolean;
  /** The clock, passed in for tests. */
  now?: Date;
}

export interface PruneReport {
  sessionsDeleted: number;
  resultsDeleted: number;
  /** Test results whose hardware samples or series were downsampled. */
  resultsDownsampled: number;
  /** Sessions written to the archive (those deleted, when an archive folder is set). */
  sessionsArchived: number;
  /** The archive file this run wrote; null when none. */
  archiveFile: string | null;
  dryRun: boolean;
}

/** Retention's last real (not dry) run, kept in the `config` collection. */
export interface RetentionRun {
  at: string;
  policy: Omit<RetentionPolicy, 'now' | 'dryRun'>;
  report: PruneReport;
}

export interface OpenedStore extends BenchStore {
  readonly kind: 'embedded' | 'mongodb';
  prune(policy: RetentionPolicy): Promise<PruneReport>;
  /** The last retention run and what it did; undefined before the first. */
  lastRetentionRun(): Promise<RetentionRun | undefined>;
  /** Writes held in the on-disk journal because the server was unreachable (0 for embedded). */
  pendingWrites(): number;
  /** Tries to write journaled results now; resolves to how many are still held. */
  flushJournal(): Promise<number>;
  integrity(): Promise<StoreIntegrity>;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  downsampleAfterDays: 7,
  downsampleInterval: '1m',
  sessionDays: 0,
};
