// What retention is told (a policy), what a run of it did (a report), and its last real run.
import type { DownsampleInterval } from './downsample';

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

export const DEFAULT_RETENTION: RetentionPolicy = {
  downsampleAfterDays: 7,
  downsampleInterval: '1m',
  sessionDays: 0,
};
