// Pin as Baseline: the session's tag that makes it the baseline of later comparable results (the
// newest pinned session wins; see baseline.ts). Toggling again removes the pin.
import type { OpenedStore } from '../repositories/openedStore';
import { PINNED_BASELINE_TAG } from './baseline';

/** Pins the session, or unpins it when it was pinned; resolves to whether it is pinned now. */
export async function togglePinnedBaseline(
  store: OpenedStore,
  sessionId: string,
): Promise<boolean> {
  const session = await store.sessions.getSession(sessionId);
  if (!session) throw new Error(`no session with id ${sessionId}`);
  const pinned = session.tags.includes(PINNED_BASELINE_TAG);
  const tags = pinned
    ? session.tags.filter((t) => t !== PINNED_BASELINE_TAG)
    : [...session.tags, PINNED_BASELINE_TAG];
  await store.runWrites.setSessionTags(sessionId, tags);
  return !pinned;
}
