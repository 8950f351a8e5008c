// An embedded store folder: one `<collection>.log` per collection, one `.lock` for writers.
// Collections load lazily, so opening the history never reads the hardware sample logs.
import { mkdirSync, accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { FileLock } from './fileLock';
import { EmbeddedCollection } from './embeddedCollection';
import type { StoreCollection } from '../storeCollection';

export class EmbeddedDatabase {
  private readonly lock: FileLock;
  private readonly collections = new Map<string, EmbeddedCollection>();
  /** Serialises this process's writers so they queue here rather than spin on the lock file. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly folder: string,
    private readonly warn: (msg: string) => void,
    lockWaitMs?: number,
  ) {
    try {
      mkdirSync(folder, { recursive: true });
      accessSync(folder, constants.R_OK | constants.W_OK);
    } catch (err) {
      throw new Error(
        `Cannot use ${folder} as the embedded store: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Choose another folder (--store PATH or OLLAMA_BENCH_STORE).`,
      );
    }
    this.lock = new FileLock(folder, lockWaitMs);
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
}
