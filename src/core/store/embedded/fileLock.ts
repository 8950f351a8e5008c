// A lock file around each write to an embedded store folder. Every VS Code window and every CLI
// process is its own process, so writes to the same folder are serialised here: the lock is held
// for the milliseconds one append takes, readers never take it (they re-read what others appended).
// A holder that died (same host, pid gone) or that has held it implausibly long is broken.
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { isAlive } from '../../process/isAlive';

interface LockOwner {
  pid: number;
  host: string;
  at: string;
}

/** The folder is locked by another live process for longer than this caller may wait. */
export class StoreLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly owner: LockOwner | undefined,
  ) {
    super(
      `The embedded store at ${folder} is busy: ${
        owner
          ? `process ${owner.pid} on ${owner.host} (another VS Code window or ollama-bench) has held its write lock since ${owner.at}`
          : 'its write lock is held by another process'
      }. Nothing was written; try again, or remove ${folder}/.lock if that process no longer exists.`,
    );
    this.name = 'StoreLockedError';
  }
}

const STALE_AFTER_MS = 60_000;

function readOwner(path: string): { owner?: LockOwner; raw: string; mtimeMs: number } | undefined {
  try {
    const raw = readFileSync(path, 'utf8');
    const mtimeMs = statSync(path).mtimeMs;
    try {
      return { owner: JSON.parse(raw) as LockOwner, raw, mtimeMs };
    } catch {
      return { raw, mtimeMs };
    }
  } catch {
    return undefined; // released meanwhile
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FileLock {
  private readonly path: string;
  private readonly me: LockOwner;

  constructor(
    private readonly folder: string,
    private readonly waitMs = 10_000,
  ) {
    this.path = `${folder}/.lock`;
    this.me = { pid: process.pid, host: hostname(), at: '' };
  }

  async acquire(): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    // Waiters back off (2, 4, 8 … 50 ms) rather than poll every millisecond or two: with more
    // writers than cores, quick polls take the CPU from the holder, and bench:queue's 8-worker p95
    // claim went from 2–3 ms to 30–39 ms with them.
    let delay = 2;
    for (;;) {
      if (this.tryCreate()) return;
      const seen = readOwner(this.path);
      if (seen && this.isStale(seen)) {
        this.breakStale(seen.raw);
        continue;
      }
      if (Date.now() > deadline) throw new StoreLockedError(this.folder, seen?.owner);
      await sleep(delay);
      delay = Math.min(delay * 2, 50);
    }
  }

  release(): void {
    try {
      unlinkSync(this.path);
    } catch {
      // already gone (broken as stale by someone after a very long hold): nothing to undo
    }
  }

  private tryCreate(): boolean {
    let fd: number;
    try {
      fd = openSync(this.path, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
    try {
      writeSync(fd, JSON.stringify({ ...this.me, at: new Date().toISOString() }));
    } finally {
      closeSync(fd);
    }
    return true;
  }

  private isStale(seen: { owner?: LockOwner; mtimeMs: number }): boolean {
    const age = Date.now() - seen.mtimeMs;
    if (age > STALE_AFTER_MS) return true;
    if (!seen.owner) return age > 1_000; // a holder that died between create and write
    return seen.owner.host === this.me.host && !isAlive(seen.owner.pid);
  }

  /** Moves the stale lock aside atomically, so two processes breaking it cannot both win. */
  private breakStale(staleRaw: string): void {
    const aside = `${this.path}.stale-${process.pid}-${Date.now()}`;
    try {
      renameSync(this.path, aside);
    } catch {
      return; // someone else broke or released it first
    }
    let movedRaw = '';
    try {
      movedRaw = readFileSync(aside, 'utf8');
    } catch {
      // unreadable: treat as what we judged stale
      movedRaw = staleRaw;
    }
    if (movedRaw !== staleRaw) {
      // We moved a fresh lock someone took after our look: put it back unless a newer one exists.
      try {
        linkSync(aside, this.path);
      } catch {
        // a newer lock is in place; the fresh holder will find its lock file gone on release only
      }
    }
    try {
      unlinkSync(aside);
    } catch {
      // ignore
    }
  }
}
