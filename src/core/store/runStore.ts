// What a benchmark run writes, and the guarantee around it: a finished repetition is never lost
// because the store cannot take it. A write the store refuses (its lock busy for longer than the
// wait, its folder read-only or full, MongoDB gone) goes to an on-disk journal instead; the run
// goes on, and every later write of the run follows into the journal so the order holds. The
// journal is replayed when the store next opens (journalReplay.ts, openStore.ts).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HardwareConfig, ModelInfo, SessionDoc, TestResultDoc } from '../../shared/dto';
import { journaledWrites, type JournaledWrite } from './journaledWrites';
import type { RunStore, RunWriteTarget } from './runWrites';
import { WriteJournal, type JournalEntry } from './writeJournal';

export type { RunStore };

/**
 * Where a run's journal may go: beside the default store, else the system's temporary folder
 * (the store's own folder may be what refuses writes).
 */
export function runJournalDirs(defaultDir: string): string[] {
  return [join(defaultDir, 'journal'), join(tmpdir(), 'ollama-bench-journal')];
}

/** The journal's name for a store: the same store gets the same files from every process. */
export const runJournalTarget = (store: Pick<RunStore, 'description'>) =>
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

  private async write<T>(w: JournaledWrite<T>): Promise<T> {
    // Once a write waits in the journal, later ones follow it there: replay keeps their order.
    if (!this.held) {
      try {
        // A run's writes use only the RunStore part of the target.
        return await w.apply(this.inner as RunWriteTarget);
      } catch (err) {
        this.append(w.entry, err);
        return w.offline;
      }
    }
    this.append(w.entry, 'earlier writes of this run wait in the journal');
    return w.offline;
  }

  saveHardwareConfig(config: HardwareConfig): Promise<string> {
    return this.write(journaledWrites.saveHardwareConfig(config));
  }

  upsertModel(model: ModelInfo): Promise<string> {
    return this.write(journaledWrites.upsertModel(model));
  }

  insertSession(session: SessionDoc): Promise<string> {
    return this.write(journaledWrites.insertSession(session));
  }

  updateSession(session: SessionDoc & { _id: string }): Promise<void> {
    return this.write(journaledWrites.updateSession(session));
  }

  insertTestResult(result: TestResultDoc): Promise<string> {
    return this.write(journaledWrites.insertTestResult(result));
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
