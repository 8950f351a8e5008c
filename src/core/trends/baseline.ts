// Which earlier results a result is judged against. By default the previous comparable results —
// same machine, model name, test and options (the model's digest may differ: that is one of the
// changes a comparison shows) — pooled from up to five sessions back; or, when the user pinned a
// session with Pin as Baseline, that session alone.
import type { SessionDoc } from '../../shared/dto';
import { optionsKey } from './comparableKey';

import { PINNED_BASELINE_TAG } from '../../shared/trends';

export { PINNED_BASELINE_TAG };

/** How many earlier comparable sessions the default baseline pools. */
export const BASELINE_SESSIONS = 5;

/** One completed test of one model in one session: what a baseline is made of. */
export interface ResultSlot {
  sessionId: string;
  start: string;
  /** hardware_config_id, '' when the session has no inventory. */
  machine: string;
  model: string;
  test: string;
  optionsKey: string;
  digest?: string;
  pinned: boolean;
}

export function resultSlots(session: SessionDoc): ResultSlot[] {
  const out: ResultSlot[] = [];
  for (const m of session.models) {
    for (const t of m.tests) {
      if (t.status !== 'completed' || !session._id) continue;
      out.push({
        sessionId: session._id,
        start: session.start_time,
        machine: session.hardware_config_id ?? '',
        model: m.name,
        test: t.type,
        optionsKey: optionsKey(session.options, t.type, t.metrics?.loaded_context_length),
        digest: m.digest,
        pinned: session.tags.includes(PINNED_BASELINE_TAG),
      });
    }
  }
  return out;
}

export interface BaselineChoice {
  /** Newest first; empty when nothing is comparable. */
  slots: ResultSlot[];
  pinned: boolean;
}

const newestFirst = (a: ResultSlot, b: ResultSlot) =>
  a.start < b.start ? 1 : a.start > b.start ? -1 : 0;

export function chooseBaseline(
  candidate: ResultSlot,
  others: readonly ResultSlot[],
  maxSessions = BASELINE_SESSIONS,
): BaselineChoice {
  const same = others.filter(
    (s) =>
      s.sessionId !== candidate.sessionId &&
      s.machine === candidate.machine &&
      s.model === candidate.model &&
      s.test === candidate.test,
  );
  // A pin is the user's explicit choice: it wins even when its options differ (shown as a change).
  const pinned = same.filter((s) => s.pinned).sort(newestFirst);
  const [newestPin] = pinned;
  if (newestPin) return { slots: [newestPin], pinned: true };
  const earlier = same
    .filter((s) => s.optionsKey === candidate.optionsKey && s.start < candidate.start)
    .sort(newestFirst);
  const slots: ResultSlot[] = [];
  const sessions = new Set<string>();
  for (const s of earlier) {
    if (sessions.has(s.sessionId)) continue;
    if (sessions.size >= maxSessions) break;
    sessions.add(s.sessionId);
    slots.push(s);
  }
  return { slots, pinned: false };
}
