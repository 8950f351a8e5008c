// An embedded store folder: one `<collection>.log` per collection, one `.lock` for writers, and
// `logs.json` naming the logs written so far (so one that vanishes is reported missing).
// Collections load lazily, so opening the history never parses the hardware sample logs (opening
// only checks their records' checksums, and of those only the ones appended since it last looked).
// Appends reach the disk by group commit, as MongoDB's journal does: a process that dies loses
// nothing (the page cache has the bytes), and a crash of the machine itself at most the last
// SYNC_DELAY_MS of writes rather than the kernel's half-minute of dirty pages.
// A folder this process may not write opens read-only: reads work, writes fail with a clear error.
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fdatasyncSync,
  mkdirSync,
  openSync,
  statSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FileLock } from './fileLock';
import { EmbeddedCollection } from './embeddedCollection';
import { LogVerifier } from './logScan';
import {
  CHECKSUMMED_FORMAT,
  isNotAFile,
  logFiles,
  markNewStoreChecksummed,
  readManifest,
  readManifestFormat,
  writeManifest,
} from './logManifest';
import { isReadOnlyError, StoreReadOnlyError } from './storeReadOnlyError';
import type { StoreCollection } from '../storeCollection';
import type { Damage, StoreIntegrity } from '../storeIntegrity';

/** MongoDB's default journal commit interval. */
export const SYNC_DELAY_MS = 100;

export interface EmbeddedDatabaseOptions {
  lockWaitMs?: number;
  syncDelayMs?: number;
  /** Forces one file's written bytes to the disk (tests count the calls). */
  sync?: (path: string) => void;
}

const errCode = (err: unknown) =>
  (err as NodeJS.ErrnoException).code ?? (err as Error).message ?? String(err);

function syncFile(path: string): void {
  // r+: Windows flushes only through a handle that may write.
  const fd = openSync(path, 'r+');
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The same, off the event loop: a write or a claim waiting for its turn is not held up by it. */
async function syncFileLater(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

export class EmbeddedDatabase {
  private readonly lock: FileLock;
  private readonly unsynced = new Set<string>();
  private syncTimer: NodeJS.Timeout | undefined;
  private syncFailed = false;
  /** Logs whose group commit is under way (close() forces them at once). */
  private readonly committing = new Set<string>();
  private readonly collections = new Map<string, EmbeddedCollection>();
  /** Serialises this process's writers so they queue here rather than spin on the lock file. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly verifier = new LogVerifier();
  /** Logs this process has seen listed in the manifest (or put there). */
  private readonly listed = new Set<string>();
  /** Why this process cannot write here; undefined while it can. */
  private readOnlyReason: string | undefined;
  /** The manifest's format, read once. */
  private format: number | undefined;

  constructor(
    readonly folder: string,
    private readonly warn: (msg: string) => void,
    private readonly options: EmbeddedDatabaseOptions = {},
  ) {
    try {
      if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
      if (!statSync(folder).isDirectory())
        throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      accessSync(folder, constants.R_OK | constants.X_OK);
    } catch (err) {
      throw new Error(
        `Cannot use ${folder} as the embedded store: ${errCode(err)}. Choose another folder (--store PATH or OLLAMA_BENCH_STORE).`,
      );
    }
    try {
      accessSync(folder, constants.W_OK);
    } catch (err) {
      if (!isReadOnlyError(err)) throw err;
      this.readOnlyReason = `cannot write to the folder (${errCode(err)})`;
    }
    this.lock = new FileLock(folder, options.lockWaitMs);
    if (!this.readOnlyReason) {
      try {
        markNewStoreChecksummed(folder);
      } catch (err) {
        if (!isReadOnlyError(err)) throw err;
      }
    }
  }

  legacyRecords(): boolean {
    this.format ??= readManifestFormat(this.folder);
    return this.format < CHECKSUMMED_FORMAT;
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
      if (this.readOnlyReason) throw new StoreReadOnlyError(this.folder, this.readOnlyReason);
      try {
        await this.lock.acquire();
      } catch (err) {
        // Root passes the folder's permission check yet a read-only mount still refuses it.
        if (!isReadOnlyError(err)) throw err;
        this.readOnlyReason = `cannot create its lock file (${errCode(err)})`;
        throw new StoreReadOnlyError(this.folder, this.readOnlyReason);
      }
      try {
        return fn();
      } catch (err) {
        // A log file without write permission in a writable folder: refused before any byte.
        if (!isReadOnlyError(err)) throw err;
        throw new StoreReadOnlyError(this.folder, `cannot write its logs (${errCode(err)})`);
      } finally {
        this.lock.release();
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  appended(path: string): void {
    this.list(basename(path));
    this.unsynced.add(path);
    if (this.syncTimer) return;
    this.syncTimer = setTimeout(
      () => void this.commit(),
      this.options.syncDelayMs ?? SYNC_DELAY_MS,
    );
    // A pending commit must not hold a CLI open; close() commits what is left.
    this.syncTimer.unref();
  }

  /** The group commit: every log written since the last one, forced to disk off the event loop. */
  private async commit(): Promise<void> {
    // A caller's own sync (tests count its calls) runs as sync() runs it.
    if (this.options.sync) return this.sync();
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    const paths = [...this.unsynced];
    this.unsynced.clear();
    await Promise.all(
      paths.map(async (path) => {
        this.committing.add(path);
        try {
          await syncFileLater(path);
        } catch (err) {
          this.cannotSync(path, err);
        } finally {
          this.committing.delete(path);
        }
      }),
    );
  }

  /** Forces every log written since the last commit (or still being committed) to the disk now. */
  sync(): void {
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    const sync = this.options.sync ?? syncFile;
    for (const path of new Set([...this.unsynced, ...this.committing])) {
      try {
        sync(path);
      } catch (err) {
        this.cannotSync(path, err);
      }
    }
    this.unsynced.clear();
  }

  /** Some filesystems refuse fdatasync; the write itself succeeded, so say it once and go on. */
  private cannotSync(path: string, err: unknown): void {
    if (this.syncFailed) return;
    this.syncFailed = true;
    this.warn(
      `cannot force ${path} to disk (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); writes stay in the OS cache until it flushes them`,
    );
  }

  /**
   * Puts a log into the manifest (once per log and process), with every log the folder already
   * holds, so a store written before the manifest existed is covered too. The lock is held.
   */
  private list(file: string): void {
    if (this.listed.has(file)) return;
    const listed = readManifest(this.folder);
    const before = listed.size;
    for (const f of [file, ...logFiles(this.folder)]) listed.add(f);
    try {
      if (listed.size !== before) writeManifest(this.folder, listed);
    } catch (err) {
      // The write itself landed; only the watch for a vanishing log is weaker. Said once.
      this.warn(
        `cannot update logs.json (${errCode(err)}); a log that vanishes later may go unreported`,
      );
    }
    for (const f of listed) this.listed.add(f);
  }

  /**
   * What is wrong with the folder's logs: records whose checksum fails or that are no record,
   * a cut-short last line, logs the manifest names that are gone. Reads only checksums, and only
   * what was appended since the last call.
   */
  integrity(): StoreIntegrity {
    const damage: Damage[] = [];
    let unverified = 0;
    const present = new Set(logFiles(this.folder));
    for (const file of readManifest(this.folder))
      if (!present.has(file)) damage.push({ file, kind: 'missing' });
    for (const file of present) {
      if (isNotAFile(join(this.folder, file))) {
        damage.push({ file, kind: 'not-a-file' });
        continue;
      }
      const r = this.verifier.verify(join(this.folder, file), this.legacyRecords());
      damage.push(...r.damage);
      unverified += r.unverified;
    }
    return {
      damage,
      unverified,
      ...(this.readOnlyReason ? { readOnly: this.readOnlyReason } : {}),
    };
  }

  close(): void {
    this.sync();
  }
}
