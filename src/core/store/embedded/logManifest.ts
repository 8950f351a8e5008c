// `logs.json`: the names of the logs this store has written. A log that the manifest names and the
// folder no longer holds was lost (deleted, a partial copy or restore), and is reported as such;
// without the list an empty collection and a vanished one would look the same.
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_FILE = 'logs.json';

/** The logs the folder holds now (backups end in .bak, temp files in .tmp-PID: neither counts). */
export function logFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.log'))
    .sort();
}

/** The log file names the manifest lists (none when there is no manifest or it is unreadable). */
export function readManifest(folder: string): Set<string> {
  try {
    const parsed = JSON.parse(readFileSync(join(folder, MANIFEST_FILE), 'utf8')) as {
      logs?: unknown;
    };
    return new Set(
      Array.isArray(parsed.logs) ? parsed.logs.filter((x) => typeof x === 'string') : [],
    );
  } catch {
    return new Set();
  }
}

/** Replaces the manifest atomically (temp file, fsync, rename). The caller holds the lock. */
export function writeManifest(folder: string, logs: Iterable<string>): void {
  const path = join(folder, MANIFEST_FILE);
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, `${JSON.stringify({ logs: [...logs].sort() })}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
