// Sessions whose process died mid-run (a crash, a killed window, kill -9 on the CLI) stay "running"
// in the store forever unless someone notices. Whoever opens the store next notices: a session
// started on this machine by a process that no longer exists is marked "interrupted", its finished
// tests kept as they are. Sessions of other machines (a shared MongoDB) are left to their own.
import { hostname as osHostname } from 'node:os';
import type { SessionDoc } from '../../shared/dto';
import { isAlive as processAlive } from '../process/isAlive';
import type { RunWriteTarget } from '../store/runWrites';
import { MAX_PAGE_SIZE } from './historyQuery';
import type { SessionRepository } from './sessionRepository';

/** Where the sweep reads running sessions, and where it writes them (as a run would). */
export interface SweptStore {
  sessions: Pick<SessionRepository, 'querySessions'>;
  runWrites: Pick<RunWriteTarget, 'updateSession'>;
}

export interface InterruptedSweepOptions {
  hostname?: string;
  isAlive?: (pid: number) => boolean;
  now?: () => Date;
}

function cutOff(
  session: SessionDoc,
  host: string,
  isAlive: (pid: number) => boolean,
): session is SessionDoc & Required<Pick<SessionDoc, 'runner'>> {
  const runner = session.runner;
  return runner !== undefined && runner.hostname === host && !isAlive(runner.pid);
}

/** Marks this machine's orphaned "running" sessions as "interrupted"; returns their ids. */
export async function markInterruptedSessions(
  store: SweptStore,
  options: InterruptedSweepOptions = {},
): Promise<string[]> {
  const host = options.hostname ?? osHostname();
  const isAlive = options.isAlive ?? processAlive;
  const now = (options.now ?? (() => new Date()))().toISOString();
  const page = await store.sessions.querySessions({
    filter: { statuses: ['running'] },
    pageSize: MAX_PAGE_SIZE,
  });
  const marked: string[] = [];
  for (const session of page.items) {
    // A dead process writes nothing more, so the document as queried is the one to update.
    if (!session._id || !cutOff(session, host, isAlive)) continue;
    for (const model of session.models)
      for (const test of model.tests) {
        if (test.status !== 'running' && test.status !== 'pending') continue;
        // The runner saved the figures of each finished repetition as it went: they stay.
        const kept = test.partial_repetitions?.length ?? 0;
        if (kept) test.error = `Interrupted after ${kept} repetition(s); their figures are kept.`;
        test.status = 'cancelled';
      }
    await store.runWrites.updateSession({
      ...session,
      _id: session._id,
      status: 'interrupted',
      end_time: session.updated_at,
      error: `Interrupted: the process running it (pid ${session.runner.pid}) ended before the session did. Finished tests are kept.`,
      updated_at: now,
    });
    marked.push(session._id);
  }
  return marked;
}
