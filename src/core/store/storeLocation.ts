// Where results live when nobody says otherwise, and how an override is read. The CLI and every
// VS Code window share ONE default embedded store, ~/.ollama-bench, so a session run from a
// terminal shows in the dashboard and the reverse. The home folder rather than each platform's
// app-data folder: it is the same path on Linux, macOS and Windows (easy to name in docs, scripts
// and OLLAMA_BENCH_STORE), and it is what the CLI has always used, so no CLI user's data moves.
//
// Overrides, strongest first: the extension's setting `ollamaBench.store.path` or the CLI's
// `--store` (each is "the spec" of its own program), then the environment variable
// OLLAMA_BENCH_STORE (both programs), then the default.
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { expandHome } from '../paths/expandHome';
import { isMongoUri } from './mongo/connectionString';

export const STORE_ENV = 'OLLAMA_BENCH_STORE';

/** The MongoDB database when neither the setting nor --database names one. */
export const DEFAULT_DATABASE = 'ollama_bench';

export function defaultStoreDir(): string {
  return join(homedir(), '.ollama-bench');
}

function absoluteFolder(raw: string): string {
  const expanded = expandHome(raw);
  return isAbsolute(expanded) ? expanded : resolve(expanded);
}

/** spec → what it names: a URI as is, a folder made absolute (`~` expanded). */
export function resolveStoreSpec(spec: string | undefined, defaultDir?: string): string {
  const raw = spec?.trim() || process.env[STORE_ENV]?.trim() || defaultDir || defaultStoreDir();
  return isMongoUri(raw) ? raw : absoluteFolder(raw);
}

/**
 * The embedded store folder for a spec that may be a URI: the folder it names, else (a MongoDB
 * URI) the folder that would be used without it. MongoDB's write journal lives there.
 */
export function embeddedStoreDir(spec: string | undefined): string {
  const target = resolveStoreSpec(spec);
  if (!isMongoUri(target)) return target;
  const env = process.env[STORE_ENV]?.trim();
  return env && !isMongoUri(env) ? absoluteFolder(env) : defaultStoreDir();
}
