// What a benchmark run writes, and the guarantee around it: a finished repetition is never lost
// because the store cannot take it. A write the store refuses (its lock busy for longer than the
// wait, its folder read-only or full, MongoDB gone) goes to an on-disk journal instead; the run
// goes on, and every later write of the run follows into the journal so the order holds. The
// journal is replayed when the store next opens (journalReplay.ts, openStore.ts).
import { ObjectId } from 'bson';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HardwareConfig, ModelInfo, SessionDoc, TestResultDoc } from '../../shared/dto';
import type { BenchStore } from './benchStore';
import { WriteJournal, type JournalEntry } from './writeJournal';

/** The writes a run makes. */
export type RunStore = Pick<
  BenchStore,
  | 'description'
  | 'insertSession'
  | 'updateSession'
  | 'insertTestResult'
  | 'upsertModel'
  | 'saveHardwareConfig'
>;

/**
 * Where a run's journal may go: beside the default store, else the system's temporary folder
 * (the store's own folder may be what refuses writes).
 */
export function runJournalDirs(defaultDir: string): string[] {
  return [join(defaultDir, 'journal'), join(tmpdir(), 'ollama-bench-journal')];
}

/** The journal's name for a store: the same store gets the same files from every process. */
export const runJournalTarget = (store: Pick<BenchStore, 'description'>) =>
  `run|${store.description}`;

export class JournalingRunStore implements RunStore {
  private journal: WriteJournal | undefined;
  private held = 0;

  /**
   * dirs: where the journal may go, in order of preference (the first one that takes a write
   * wins: the store's own folder may be the very thing that turned read-only).
   */
  constructor(
    private readonly inner: RunStore,
    private readonly dirs: readonly string[],
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  get description(): string {
    return this.inner.description;
  }

  /** Writes of this run that wait in the journal. */
  heldWrites(): number {
    return this.held;
  }

  /** Where they wait. */
  journalPath(): string | undefined {
    return this.journal?.path;
  }

  private append(entry: JournalEntry, reason: unknown): void {
    const target = runJournalTarget(this.inner);
    const failures: string[] = [];
    const candidates = this.journal
      ? [this.journal, ...this.dirs.map((d) => new WriteJournal(d, target))]
      : this.dirs.map((d) => new WriteJournal(d, target));
    for (const journal of candidates) {
      try {
        journal.append(entry);
        if (!this.journal) {
          this.warn(
            `Could not write to the ${this.inner.description} (${messageOf(reason)}); this run's results are kept in ${journal.path} and stored when the store next opens.`,
          );
        } else if (journal !== this.journal) {
          this.warn(`The journal moved to ${journal.path}.`);
        }
        this.journal = journal;
        this.held++;
        return;
      } catch (err) {
        failures.push(`${journal.dir}: ${messageOf(err)}`);
      }
    }
    throw new Error(
      `Neither the store nor a journal could take this run's results (${messageOf(reason)}; ${failures.join('; ')}).`,
    );
  }

  private async write<T>(entry: JournalEntry, direct: () => Promise<T>, offline: T): Promise<T> {
    // Once a write waits in the journal, later ones follow it there: replay keeps their order.
    if (!this.held) {
      try {
        return await direct();
      } catch (err) {
        this.append(entry, err);
        return offline;
      }
    }
    this.append(entry, 'earlier writes of this run wait in the journal');
    return offline;
  }

  saveHardwareConfig(config: HardwareConfig): Promise<string> {
    const withId = { ...config, _id: config._id ?? new ObjectId().toHexString() };
    return this.write(
      { op: 'hardware', arg: withId },
      () => this.inner.saveHardwareConfig(config),
      withId._id,
    );
  }

  upsertModel(model: ModelInfo): Promise<string> {
    const id = new ObjectId().toHexString();
    return this.write({ op: 'model', arg: { model, id } }, () => this.inner.upsertModel(model), id);
  }

  insertSession(session: SessionDoc): Promise<string> {
    const s = { ...session, _id: session._id ?? new ObjectId().toHexString() };
    return this.write({ op: 'session', arg: s }, () => this.inner.insertSession(s), s._id);
  }

  updateSession(session: SessionDoc & { _id: string }): Promise<void> {
    return this.write(
      { op: 'session', arg: structuredClone(session) },
      () => this.inner.updateSession(session),
      undefined,
    );
  }

  insertTestResult(result: TestResultDoc): Promise<string> {
    const r = { ...result, _id: result._id ?? new ObjectId().toHexString() };
    return this.write({ op: 'result', arg: r }, () => this.inner.insertTestResult(r), r._id);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
