// MongoDB's outage journal: a run's writes that cannot reach the server are held on disk, in
// order, and written when it answers again (a timer retries; the next open writes what a closed
// process held). Once a write is held, later ones follow it into the journal so the order holds.
import { appendFileSync } from 'node:fs';
import { routedRunWrites, type JournaledWrite } from '../journaledWrites';
import { applyJournalEntry, type IdRemap } from '../journalReplay';
import type { RunWriteTarget } from '../runWrites';
import type { WriteJournal } from '../writeJournal';
import { redactText, serverOf } from './connectionString';
import { isUnreachable } from './mongoErrors';

export class OutageJournal {
  private nextRetryAt = 0;
  private flushing: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Ids handed out while offline that the server stored under another id (same fingerprint/name). */
  private readonly remap: IdRemap = new Map();

  constructor(
    readonly journal: WriteJournal,
    /** Where held writes go when the server answers: the run writes over the server's collections. */
    private readonly target: RunWriteTarget,
    private readonly uri: string,
    private readonly log: (msg: string) => void,
    private readonly retryAfterMs: number,
    /** The error a user sees (redacted, classified). */
    private readonly clean: (err: unknown) => Error,
  ) {}

  /** The run writes, each straight to the server or into the journal. */
  writes(): RunWriteTarget {
    return routedRunWrites(this.target.description, (w) => this.write(w));
  }

  /** On open: writes that an earlier run (or a crashed process) held are written now. */
  async recover(): Promise<void> {
    const adopted = this.journal.adoptOrphans();
    if (!adopted) return;
    this.log(
      `MongoDB: ${adopted} write(s) held from an earlier run; writing them to ${serverOf(this.uri)} now`,
    );
    const left = await this.flush();
    if (left) this.warnHeld();
  }

  get size(): number {
    return this.journal.size;
  }

  async flush(): Promise<number> {
    this.flushing ??= this.replay().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async replay(): Promise<number> {
    let done = 0;
    try {
      for (const entry of this.journal.peek()) {
        try {
          await applyJournalEntry(this.target, entry, this.remap);
        } catch (err) {
          if (isUnreachable(err)) throw err;
          // A write the server rejects (validation) would block every later one: set it aside.
          this.log(
            `MongoDB rejected a held ${entry.op} and it was set aside in ${this.journal.path}.rejected: ${redactText(String((err as Error).message), this.uri)}`,
          );
          appendFileSync(`${this.journal.path}.rejected`, `${JSON.stringify(entry)}\n`);
        }
        done++;
      }
    } catch {
      this.nextRetryAt = Date.now() + this.retryAfterMs;
    } finally {
      if (done) this.journal.shift(done);
    }
    if (done && !this.journal.size) {
      this.log(
        `MongoDB at ${serverOf(this.uri)} answers again: all ${done} held write(s) are stored`,
      );
      this.stopTimer();
    }
    return this.journal.size;
  }

  /**
   * A run's write: straight to MongoDB, or — the server unreachable, or earlier writes still
   * held — to the journal, in order, so nothing is lost and nothing is applied out of order.
   */
  private async write<T>({ entry, apply, offline }: JournaledWrite<T>): Promise<T> {
    if (this.journal.size && Date.now() >= this.nextRetryAt) await this.flush();
    if (!this.journal.size) {
      try {
        return await apply(this.target);
      } catch (err) {
        if (!isUnreachable(err)) throw this.clean(err);
        this.nextRetryAt = Date.now() + this.retryAfterMs;
      }
    }
    this.journal.append(entry);
    this.warnHeld();
    this.startTimer();
    return offline;
  }

  warnHeld(): void {
    this.log(
      `warning: MongoDB at ${serverOf(this.uri)} is unreachable; ${this.journal.size} result write(s) held in ${this.journal.path}, written when it answers again (or on next start)`,
    );
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.retryAfterMs);
    this.timer.unref();
  }

  /** Stops retrying; writes still held stay on disk for the next open. */
  async close(): Promise<void> {
    this.stopTimer();
    if (this.journal.size) await this.flush().catch(() => undefined);
    if (this.journal.size) this.warnHeld();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
