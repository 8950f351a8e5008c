// A run's writes as journal entries: what each write is, what it does to a store, and what it
// answers while it waits in a journal (an id made up now, mapped to the stored one on replay; see
// journalReplay.ts). The MongoDB outage journal (an unreachable server) and JournalingRunStore
// (any store that refuses a write) both describe their writes here, so the journal has one format.
import { ObjectId } from 'bson';
import type { HardwareConfig, ModelInfo, SessionDoc, TestResultDoc } from '../../shared/dto';
import type { RunWriteTarget } from './runWrites';
import type { JournalEntry } from './writeJournal';

export interface JournaledWrite<T> {
  entry: JournalEntry;
  apply: (store: RunWriteTarget) => Promise<T>;
  /** The answer while the write waits in the journal. */
  offline: T;
}

const newId = () => new ObjectId().toHexString();

export const journaledWrites = {
  saveHardwareConfig(config: HardwareConfig): JournaledWrite<string> {
    const withId = { ...config, _id: config._id ?? newId() };
    return {
      entry: { op: 'hardware', arg: withId },
      apply: (store) => store.saveHardwareConfig(config),
      offline: withId._id,
    };
  },
  upsertModel(model: ModelInfo): JournaledWrite<string> {
    const id = newId();
    return {
      entry: { op: 'model', arg: { model, id } },
      apply: (store) => store.upsertModel(model),
      offline: id,
    };
  },
  insertSession(session: SessionDoc): JournaledWrite<string> {
    const s = { ...session, _id: session._id ?? newId() };
    return {
      entry: { op: 'session', arg: s },
      apply: (store) => store.insertSession(s),
      offline: s._id,
    };
  },
  updateSession(session: SessionDoc & { _id: string }): JournaledWrite<void> {
    return {
      // A copy: the runner goes on changing its document after this write.
      entry: { op: 'session', arg: structuredClone(session) },
      apply: (store) => store.updateSession(session),
      offline: undefined,
    };
  },
  insertTestResult(result: TestResultDoc): JournaledWrite<string> {
    const r = { ...result, _id: result._id ?? newId() };
    return {
      entry: { op: 'result', arg: r },
      apply: (store) => store.insertTestResult(r),
      offline: r._id,
    };
  },
  replaceTestResult(result: TestResultDoc & { _id: string }): JournaledWrite<string> {
    return {
      entry: { op: 'result', arg: result },
      apply: (store) => store.replaceTestResult(result),
      offline: result._id,
    };
  },
  setSessionTags(id: string, tags: string[]): JournaledWrite<void> {
    return {
      entry: { op: 'tags', arg: { id, tags } },
      apply: (store) => store.setSessionTags(id, tags),
      offline: undefined,
    };
  },
};

/** Sends a write where it belongs: applied to the store now, or held in a journal. */
export type RunWriteRoute = <T>(write: JournaledWrite<T>) => Promise<T>;

/** Every run write, each described once (above) and handed to `route`. */
export function routedRunWrites(description: string, route: RunWriteRoute): RunWriteTarget {
  const w = journaledWrites;
  return {
    description,
    saveHardwareConfig: (config) => route(w.saveHardwareConfig(config)),
    upsertModel: (model) => route(w.upsertModel(model)),
    insertSession: (session) => route(w.insertSession(session)),
    updateSession: (session) => route(w.updateSession(session)),
    insertTestResult: (result) => route(w.insertTestResult(result)),
    replaceTestResult: (result) => route(w.replaceTestResult(result)),
    setSessionTags: (id, tags) => route(w.setSessionTags(id, tags)),
  };
}
