// Results must survive a store that cannot take them: a MongoDB outage, or an embedded store whose
// lock stays busy or whose folder turned read-only or full. The write is appended to an on-disk
// journal (one relaxed-EJSON line per write, fsynced) and replayed, in order, when the server
// answers again or when the store next opens (journalReplay.ts). One file per process, so two processes never
// interleave lines; a dead process's file is replayed by the next one to open the same target.
import { EJSON } from 'bson';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '../process/isAlive';

export interface JournalEntry {
  op: string;
  arg: unknown;
}

export class WriteJournal {
  readonly path: string;
  private readonly prefix: string;
  private entries: JournalEntry[] = [];

  /** target: the redacted URI and database, hashed so the file name holds no secret. */
  constructor(
    readonly dir: string,
    target: string,
  ) {
    this.prefix = createHash('sha256').update(target).digest('hex').slice(0, 16);
    this.path = join(dir, `${this.prefix}-${process.pid}.ndjson`);
  }

  get size(): number {
    return this.entries.length;
  }

  peek(): readonly JournalEntry[] {
    return this.entries;
  }

  append(entry: JournalEntry): void {
    mkdirSync(this.dir, { recursive: true });
    const fd = openSync(this.path, 'a');
    try {
      writeSync(fd, `${EJSON.stringify(entry, { relaxed: true })}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.entries.push(entry);
  }

  /** Drops the first n entries (written to the server) and rewrites the file atomically. */
  shift(n: number): void {
    this.entries = this.entries.slice(n);
    if (!this.entries.length) {
      if (existsSync(this.path)) unlinkSync(this.path);
      return;
    }
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, this.entries.map((e) => `${EJSON.stringify(e, { relaxed: true })}\n`).join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }

  /**
   * Adopts the journals that processes which have exited left for this target (and one of this
   * pid left by an earlier run): their entries go first, in file order, into this journal.
   */
  adoptOrphans(): number {
    if (!existsSync(this.dir)) return 0;
    const mine = `${this.prefix}-${process.pid}.ndjson`;
    let adopted = 0;
    for (const name of readdirSync(this.dir).sort()) {
      const m = new RegExp(`^${this.prefix}-(\\d+)\\.ndjson$`).exec(name);
      if (!m) continue;
      if (name !== mine && isAlive(Number(m[1]))) continue;
      const file = join(this.dir, name);
      const claimed = `${file}.adopting-${process.pid}`;
      try {
        renameSync(file, claimed); // atomic: only one process adopts a file
      } catch {
        continue;
      }
      const lines = readFileSync(claimed, 'utf8').split('\n');
      const entries: JournalEntry[] = [];
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          entries.push(EJSON.parse(line, { relaxed: true }) as JournalEntry);
        } catch {
          // a torn last line: the write it held never returned to its caller as done
        }
      }
      for (const e of entries) this.append(e);
      unlinkSync(claimed);
      adopted += entries.length;
    }
    return adopted;
  }
}
