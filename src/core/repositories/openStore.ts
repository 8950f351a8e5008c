// The one way in: a folder path opens the embedded store, a mongodb:// or mongodb+srv:// URI opens
// MongoDB. The CLI passes --store, the extension the secret URI or its store.path setting; with
// neither, OLLAMA_BENCH_STORE, else the shared default folder (storeLocation.ts).
import { join } from 'node:path';
import { EmbeddedBackend, type EmbeddedOpenOptions } from '../store/embeddedBackend';
import { markInterruptedSessions } from '../sessions/interruptedSessions';
import { replayJournals } from '../store/journalReplay';
import { runJournalDirs, runJournalTarget } from '../store/runStore';
import { isMongoUri } from '../store/mongo/connectionString';
import { openMongoBackend, type MongoStoreOptions } from '../store/mongo/mongoBackend';
import { repositoriesOver, type OpenedStore } from './openedStore';
import { refuseKernelFilesystem } from '../store/storePathGuard';
import { DEFAULT_DATABASE, embeddedStoreDir, resolveStoreSpec } from '../store/storeLocation';

export interface OpenStoreOptions {
  /** Where the embedded store lives when no spec is given (also holds MongoDB's journal). */
  defaultDir?: string;
  /** MongoDB database name (default ollama_bench). */
  database?: string;
  log?: (msg: string) => void;
  /** MongoDB: give up finding a server after this long (ms). */
  serverSelectionTimeoutMS?: number;
  /** Embedded: how long a writer waits for another process's write lock (ms). */
  lockWaitMs?: number;
}

export { DEFAULT_DATABASE };

/** The embedded store in `folder`, every repository over it (no journal replay, no sweep). */
export async function openEmbeddedStore(
  folder: string,
  options: EmbeddedOpenOptions = {},
): Promise<OpenedStore> {
  return repositoriesOver(await EmbeddedBackend.open(folder, options));
}

/**
 * MongoDB at `uri`, every repository over it; writes its outage journal held from an earlier run
 * (no run-journal replay, no sweep).
 */
export async function openMongoStore(
  uri: string,
  options: MongoStoreOptions,
): Promise<OpenedStore> {
  const backend = await openMongoBackend(uri, options);
  try {
    return await repositoriesOver(backend);
  } catch (err) {
    await backend.close();
    throw err;
  }
}

export async function openStore(
  spec: string | undefined,
  options: OpenStoreOptions = {},
): Promise<OpenedStore> {
  const target = resolveStoreSpec(spec, options.defaultDir);
  const journalDir = options.defaultDir ?? embeddedStoreDir(spec);
  if (!isMongoUri(target)) refuseKernelFilesystem(target);
  const store = isMongoUri(target)
    ? await openMongoStore(target, {
        database: options.database?.trim() || DEFAULT_DATABASE,
        journalDir: join(journalDir, 'journal'),
        log: options.log,
        serverSelectionTimeoutMS: options.serverSelectionTimeoutMS,
      })
    : await openEmbeddedStore(target, { log: options.log, lockWaitMs: options.lockWaitMs });
  // Runs that could not write to this store left their results in a journal: store them first,
  // so the sweep below sees their sessions as they ended.
  await replayJournals(store.runWrites, runJournalDirs(journalDir), runJournalTarget(store)).then(
    (n) => {
      if (n)
        options.log?.(`${n} result write(s) held in a journal by an earlier run are now stored`);
    },
    (err: unknown) =>
      options.log?.(
        `warning: results held in a journal could not be stored yet (${err instanceof Error ? err.message : String(err)}); they are kept for the next open`,
      ),
  );
  await markInterruptedSessions(store).then(
    (ids) => {
      if (ids.length)
        options.log?.(
          `warning: ${ids.length} session(s) whose process ended mid-run marked interrupted: ${ids.join(', ')}`,
        );
    },
    // A store this process may only read (another writer holds it) is swept by that writer.
    () => undefined,
  );
  return store;
}
