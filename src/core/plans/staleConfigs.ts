// Recovering the configs of workers that died: running configs whose heartbeat is older than the
// cutoff go back to pending with retry_count + 1, or fail once past max_retries ("worker lost N
// times; last on HOST"); their sessions are marked interrupted. Each config is taken back with a
// conditional update on the heartbeat it was seen with, so two workers resetting at once count
// one loss.
import type { Document } from 'bson';
import { cutError, type ClaimedBy } from '../../shared/plans';
import type { PlanCollections } from './planRepository';

export interface StaleReport {
  /** Back to pending, retry_count + 1. */
  reset: number;
  /** Past max_retries: failed. */
  failed: number;
}

export async function resetStaleConfigs(
  c: Pick<PlanCollections, 'configs' | 'sessions'>,
  olderThanMs: number,
  now: Date,
): Promise<StaleReport> {
  const cutoff = new Date(now.getTime() - olderThanMs);
  const stale = await c.configs
    .find({ status: 'running', heartbeat_at: { $lt: cutoff } })
    .toArray();
  const report: StaleReport = { reset: 0, failed: 0 };
  for (const doc of stale) {
    const retries = (typeof doc.retry_count === 'number' ? doc.retry_count : 0) + 1;
    const max = typeof doc.max_retries === 'number' ? doc.max_retries : 0;
    const host = (doc.claimed_by as ClaimedBy | undefined)?.hostname ?? 'an unknown machine';
    // $set of the whole list rather than $push: the update is conditional on this very
    // heartbeat, so nothing else writes the list meanwhile (and jongodb lacks $push).
    const earlier = Array.isArray(doc.lost_session_ids) ? doc.lost_session_ids : [];
    const lost = doc.session_id ? { lost_session_ids: [...earlier, doc.session_id] } : {};
    const update: Document =
      retries > max
        ? {
            $set: {
              status: 'failed',
              retry_count: retries,
              completed_at: now,
              error_message: cutError(`worker lost ${retries} times; last on ${host}`),
            },
          }
        : {
            $set: { status: 'pending', retry_count: retries, ...lost },
            $unset: { claimed_by: '', started_at: '', heartbeat_at: '', session_id: '' },
          };
    const r = await c.configs.updateOne(
      { _id: doc._id, status: 'running', heartbeat_at: doc.heartbeat_at },
      update,
    );
    if (!r.matchedCount) continue;
    if (retries > max) report.failed++;
    else report.reset++;
    if (doc.session_id) {
      await c.sessions.updateOne(
        { _id: doc.session_id, status: 'running' },
        {
          $set: {
            status: 'interrupted',
            end_time: now,
            updated_at: now,
            error: `The worker running this session on ${host} stopped sending heartbeats; its configuration went back to the queue.`,
          },
        },
      );
    }
  }
  return report;
}
