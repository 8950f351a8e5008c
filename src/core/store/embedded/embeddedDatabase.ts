// An embedded store folder: one `<collection>.log` per collection, one `.lock` for writers.
// Collections load lazily, so opening the history never reads the hardware sample logs.
// Appends reach the disk by group commit, as MongoDB's journal does: a process that dies loses
// nothing (the page cache has the bytes), and a crash of the machine itself at most the last
// SYNC_DELAY_MS of writes rather than the kernel's half-minute of dirty pages.
import { accessSync, closeSync, constants, fdatasyncSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { FileLock } from './fileLock';
import { EmbeddedCollection } from './embeddedCollection';
import type { StoreCollection } from '../storeCollection';

/** MongoDB's default journal commit interval. */
export const SYNC_DELAY_MS = 100;

export interface EmbeddedDatabaseOptions {
  lockWaitMs?: number;
  syncDelayMs?: number;
  /** Forces one file's written bytes to the disk (tests count the calls). */
  sync?: (path: string) => void;
}

function syncFile(path: string): void {
  // r+: Windows flushes only through a handle that may write.
  const fd = openSync(path, 'r+');
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class EmbeddedDatabase {
  private readonly lock: FileLock;
  private readonly unsynced = new Set<string>();
  private syncTimer: NodeJS.Timeout | undefined;
  private syncFailed = false;
  private readonly collections = new Map<string, EmbeddedCollection>();
  /** Serialises this process's writers so they queue here rather than spin on the lock file. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly folder: string,
    private readonly warn: (msg: string) => void,
    private readonly options: EmbeddedDatabaseOptions = {},
  ) {
    try {
      mkdirSync(folder, { recursive: true });
      accessSync(folder, constants.R_OK | constants.W_OK);
    } catch (err) {
      throw new Error(
        `Cannot use ${folder} as the embedded store: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Choose another folder (--store PATH or OLLAMA_BENCH_STORE).`,
      );
    }
    this.lock = new FileLock(folder, options.lockWaitMs);
  }

  collection(name: string): StoreCollection {
    let c = this.collections.get(name);
    if (!c) {
      c = new EmbeddedCollection(name, join(this.folder, `${name}.log`), this, this.warn);
      this.collections.set(name, c);
    }
    return c;
  }

  /** Collections this process has read so far (tests check samples stay unloaded). */
  loadedCollections(): string[] {
    return [...this.collections.values()].filter((c) => c.isLoaded).map((c) => c.collectionName);
  }

  withLock<T>(fn: () => T): Promise<T> {
    const run = async () => {
      await this.lock.acquire();
      try {
        return fn();
      } finally {
        this.lock.release();
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  appended(path: string): void {
    this.unsynced.add(path);
    if (this.syncTimer) return;
    this.syncTimer = setTimeout(() => this.sync(), this.options.syncDelayMs ?? SYNC_DELAY_MS);
    // A pending commit must not hold a CLI open; close() commits what is left.
    this.syncTimer.unref();
  }

  /** Forces every log written since the last commit to the disk. */
  sync(): void {
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    const sync = this.options.sync ?? syncFile;
    for (const path of this.unsynced) {
      try {
        sync(path);
      } catch (err) {
        // Some filesystems refuse fdatasync; the write itself succeeded, so say it once and go on.
        if (!this.syncFailed) {
          this.syncFailed = true;
          this.warn(
            `cannot force ${path} to disk (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); writes stay in the OS cache until it flushes them`,
          );
        }
      }
    }
    this.unsynced.clear();
  }

  close(): void {
    this.sync();
  }
}
