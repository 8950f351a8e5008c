// The writes a benchmark run makes, named over the shared DTOs. The sessions repository
// (src/core/sessions) implements them; journaling (runStore.ts, the MongoDB outage journal) wraps
// them, and a journal replays into them, without knowing anything else about the store's users.
import type { HardwareConfig, ModelInfo, SessionDoc, TestResultDoc } from '../../shared/dto';

export interface RunWriteTarget {
  /** Human-readable description for logs and errors (password redacted). */
  readonly description: string;
  /** Upsert by fingerprint; returns the stored id (the same machine is stored once). */
  saveHardwareConfig(config: HardwareConfig): Promise<string>;
  /** Upsert by name; a changed digest is recorded as a new version. Returns the model id. */
  upsertModel(model: ModelInfo): Promise<string>;
  /** Inserts a new session (status running); returns its id. */
  insertSession(session: SessionDoc): Promise<string>;
  /** Replaces the stored session with this one (same _id). */
  updateSession(session: SessionDoc & { _id: string }): Promise<void>;
  insertTestResult(result: TestResultDoc): Promise<string>;
  /** Insert that may repeat (journal replay): an earlier copy with this _id is replaced whole. */
  replaceTestResult(result: TestResultDoc & { _id: string }): Promise<string>;
  setSessionTags(id: string, tags: string[]): Promise<void>;
}

/** The writes a run makes. */
export type RunStore = Pick<
  RunWriteTarget,
  | 'description'
  | 'insertSession'
  | 'updateSession'
  | 'insertTestResult'
  | 'upsertModel'
  | 'saveHardwareConfig'
>;
