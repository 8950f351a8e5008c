// `logs.json`: the names of the logs this store has written. A log that the manifest names and the
// folder no longer holds was lost (deleted, a partial copy or restore), and is reported as such;
// without the list an empty collection and a vanished one would look the same. Its `format` says
// whether every record carries a checksum (CHECKSUMMED_FORMAT: a store created since checksums):
// there a record without one is damage, a checksum stripped to pass an edit; only a store from
// before checksums (no format) holds records that load unverified.
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_FILE = 'logs.json';

/** The format of a store every record of which carries its checksum. */
export const CHECKSUMMED_FORMAT = 2;
/** The format of a store that may hold records from before checksums. */
const LEGACY_FORMAT = 1;

function readManifestFile(folder: string): { logs?: unknown; format?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(join(folder, MANIFEST_FILE), 'utf8')) as {
      logs?: unknown;
      format?: unknown;
    };
  } catch {
    return undefined;
  }
}

/** The store's format: CHECKSUMMED_FORMAT, or 1 when its manifest does not say. */
export function readManifestFormat(folder: string): number {
  const format = readManifestFile(folder)?.format;
  return typeof format === 'number' ? format : LEGACY_FORMAT;
}

/** True when the log is no plain file (a directory, a device): nothing can be read from it. */
export function isNotAFile(path: string): boolean {
  try {
    return !statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The logs the folder holds now (backups end in .bak, temp files in .tmp-PID: neither counts). */
export function logFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.log'))
    .sort();
}

/** The log file names the manifest lists (none when there is no manifest or it is unreadable). */
export function readManifest(folder: string): Set<string> {
  const parsed = readManifestFile(folder);
  return new Set(
    Array.isArray(parsed?.logs) ? parsed.logs.filter((x) => typeof x === 'string') : [],
  );
}

/**
 * A new store (no manifest, no log) is marked CHECKSUMMED_FORMAT before its first record, so no
 * record of it can ever pass without a checksum. The caller can write the folder.
 */
export function markNewStoreChecksummed(folder: string): void {
  if (readManifestFile(folder) || logFiles(folder).length) return;
  writeManifest(folder, [], CHECKSUMMED_FORMAT);
}

/** Replaces the manifest atomically (temp file, fsync, rename), keeping the store's format. */
export function writeManifest(
  folder: string,
  logs: Iterable<string>,
  format = readManifestFormat(folder),
): void {
  const path = join(folder, MANIFEST_FILE);
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    const body =
      format === LEGACY_FORMAT ? { logs: [...logs].sort() } : { logs: [...logs].sort(), format };
    writeSync(fd, `${JSON.stringify(body)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
