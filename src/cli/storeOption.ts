// `--store <path|uri>` for every subcommand that reads or writes results: a folder for the
// embedded store, or a mongodb:// / mongodb+srv:// URI. Unset: OLLAMA_BENCH_STORE, else ~/.ollama-bench,
// the folder the VS Code extension uses too (storeLocation.ts), so its dashboard shows CLI runs.
import type { Command } from 'commander';
import { openStore } from '../core/repositories/openStore';
import type { OpenedStore } from '../core/repositories/openedStore';

export interface StoreOptionValues {
  store?: string;
  database?: string;
}

export function addStoreOption<C extends Command>(command: C): C {
  command
    .option(
      '--store <path|uri>',
      'where results live: a folder (embedded store) or a mongodb:// / mongodb+srv:// URI (default: OLLAMA_BENCH_STORE, else ~/.ollama-bench, the store the VS Code extension shows)',
    )
    .option('--database <name>', 'MongoDB database name (default: ollama_bench)');
  return command;
}

/** Opens the store the options name; warnings (journal, torn writes) go to stderr. */
export function openStoreFromOptions(opts: StoreOptionValues): Promise<OpenedStore> {
  return openStore(opts.store, {
    database: opts.database ?? process.env.OLLAMA_BENCH_DATABASE,
    log: (msg) => process.stderr.write(`${msg}\n`),
    serverSelectionTimeoutMS: process.env.OLLAMA_BENCH_MONGO_TIMEOUT_MS
      ? Number(process.env.OLLAMA_BENCH_MONGO_TIMEOUT_MS)
      : undefined,
    // How long a write waits for another process's lock on the embedded store (default 10 s).
    lockWaitMs: process.env.OLLAMA_BENCH_LOCK_WAIT_MS
      ? Number(process.env.OLLAMA_BENCH_LOCK_WAIT_MS)
      : undefined,
  });
}

/** Runs fn with the opened store and always closes it (so a journal is flushed or reported). */
export async function withStore<T>(
  opts: StoreOptionValues,
  fn: (store: OpenedStore) => Promise<T>,
): Promise<T> {
  const store = await openStoreFromOptions(opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
