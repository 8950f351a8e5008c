// Replaying a journal of run writes (writeJournal.ts) into a store, in order. Ids a run made up
// while the store was away (a hardware config or model upserted by a natural key) are mapped to
// the ids the store really has, and later entries follow the mapping.
import type { HardwareConfig, ModelInfo, SessionDoc, TestResultDoc } from '../../shared/dto';
import type { RunWriteTarget } from './runWrites';
import { WriteJournal, type JournalEntry } from './writeJournal';

/** Made-up id → stored id. */
export type IdRemap = Map<string, string>;

export async function applyJournalEntry(
  store: RunWriteTarget,
  entry: JournalEntry,
  remap: IdRemap,
): Promise<void> {
  const mapId = (id: string | undefined) => (id === undefined ? undefined : (remap.get(id) ?? id));
  const arg = entry.arg as Record<string, unknown>;
  switch (entry.op) {
    case 'session': {
      const s = arg as unknown as SessionDoc & { _id: string };
      s.hardware_config_id = mapId(s.hardware_config_id);
      for (const m of s.models) m.model_id = mapId(m.model_id);
      await store.updateSession(s);
      return;
    }
    case 'result': {
      const r = arg as unknown as TestResultDoc & { _id: string };
      r.model_id = mapId(r.model_id);
      await store.replaceTestResult(r);
      return;
    }
    case 'hardware': {
      const real = await store.saveHardwareConfig(arg as unknown as HardwareConfig);
      if (real !== arg._id) remap.set(String(arg._id), real);
      return;
    }
    case 'model': {
      const real = await store.upsertModel(arg.model as ModelInfo);
      if (real !== arg.id) remap.set(String(arg.id), real);
      return;
    }
    case 'tags':
      await store.setSessionTags(String(arg.id), arg.tags as string[]);
      return;
    default:
      throw new Error(`unknown journal entry ${entry.op}`);
  }
}

/**
 * Writes what runs that could not reach this store left in its journals (processes that have
 * ended; see WriteJournal.adoptOrphans), then removes them. Returns how many writes were stored;
 * a store that still refuses keeps the rest for the next open.
 */
export async function replayJournals(
  store: RunWriteTarget,
  dirs: readonly string[],
  target: string,
): Promise<number> {
  let stored = 0;
  for (const dir of dirs) {
    const journal = new WriteJournal(dir, target);
    try {
      if (!journal.adoptOrphans()) continue;
    } catch {
      continue; // a journal folder this process cannot read or write: another may
    }
    const remap: IdRemap = new Map();
    let done = 0;
    try {
      for (const entry of journal.peek()) {
        await applyJournalEntry(store, entry, remap);
        done++;
      }
    } finally {
      journal.shift(done);
      stored += done;
    }
  }
  return stored;
}
