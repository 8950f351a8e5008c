// The dashboard footer's account of retention (kept apart from retentionRepository.ts so the extension's
// own bundle reads it without the store layer).
import type { RetentionRun } from './retentionPolicy';

/** The dashboard footer's line: when retention last ran and what it did. */
export function retentionRunText(run: RetentionRun | undefined): string {
  if (!run) return 'Retention has not run yet.';
  const r = run.report;
  const p = run.policy;
  const did = [
    r.sessionsArchived ? `${r.sessionsArchived} session(s) archived` : '',
    `${r.sessionsDeleted} session(s) deleted`,
    `${r.resultsDownsampled} result(s) downsampled${p.downsampleAfterDays > 0 ? ` (to ${p.downsampleInterval ?? '1m'} after ${p.downsampleAfterDays} days)` : ''}`,
  ].filter(Boolean);
  return `Retention last ran ${run.at.replace('T', ' ').slice(0, 16)} UTC: ${did.join(', ')}.`;
}

/** The store's last retention run, where the store keeps one (every OpenedStore does). */
export async function lastRetentionRunOf(store: object): Promise<RetentionRun | undefined> {
  const retention = (store as { retention?: { lastRun?: () => Promise<RetentionRun | undefined> } })
    .retention;
  return typeof retention?.lastRun === 'function' ? retention.lastRun() : undefined;
}
