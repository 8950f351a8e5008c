// The key of one row of daily_model_stats: machine × model × test × options key × UTC day, and
// the keys a session's completed tests fall on.
import type { SessionDoc } from '../../shared/dto';
import { optionsKey } from './comparableKey';

export interface DayKey {
  machine: string;
  model: string;
  test_type: string;
  options_key: string;
  day: string;
}

/** The row's _id: the key's parts, each URI-encoded, joined by '|'. */
export const dayKeyId = (k: DayKey): string =>
  [k.machine, k.model, k.test_type, k.options_key, k.day].map(encodeURIComponent).join('|');

/** The days a session's completed tests fall on, one key per model × test. */
export function dayKeys(session: SessionDoc): DayKey[] {
  const keys = new Map<string, DayKey>();
  for (const m of session.models) {
    for (const t of m.tests) {
      if (t.status !== 'completed') continue;
      const k: DayKey = {
        machine: session.hardware_config_id ?? '',
        model: m.name,
        test_type: t.type,
        options_key: optionsKey(session.options, t.type, t.metrics?.loaded_context_length),
        day: session.start_time.slice(0, 10),
      };
      keys.set(dayKeyId(k), k);
    }
  }
  return [...keys.values()];
}
