// The store's archive format: gzip-compressed JSON Lines, one document per line,
// `{"collection": "<name>", "doc": {...}}`, the document in MongoDB Extended JSON (relaxed) so
// dates and ObjectIds come back as they were stored. `import` reads it; anything that keeps
// documents out of the store (copies, retention) writes it with writeArchive.
import { EJSON, type Document } from 'bson';
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { DATA_COLLECTIONS, isDataCollection, type DataCollection } from '../store/storeCollection';
import type { KindedError } from '../failures/failureKind';

export const ARCHIVE_EXTENSION = '.jsonl.gz';

export interface ArchiveEntry {
  collection: DataCollection;
  doc: Document;
}

/** A file that is not what it should be: which file, where (line or byte offset), and why. */
export class TransferFormatError extends Error implements KindedError {
  readonly kind = 'input' as const;
  constructor(
    readonly file: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${file}: ${where}: ${problem}`);
    this.name = 'TransferFormatError';
  }
}

export function encodeArchiveLine(entry: ArchiveEntry): string {
  return `${EJSON.stringify({ collection: entry.collection, doc: entry.doc }, { relaxed: true })}\n`;
}

/** One line → its entry; throws a plain message (the caller adds the file and line). */
export function decodeArchiveLine(line: string): ArchiveEntry {
  let value: unknown;
  try {
    value = EJSON.parse(line, { relaxed: true });
  } catch (err) {
    throw new Error(`not JSON (${(err as Error).message})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error('expected {"collection": …, "doc": {…}}');
  const { collection, doc, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) throw new Error(`unexpected field(s) ${extra.join(', ')}`);
  if (!isDataCollection(collection))
    throw new Error(
      `"collection" must be one of ${DATA_COLLECTIONS.join(', ')}, not ${JSON.stringify(collection)}`,
    );
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new Error('"doc" must be a document (an object)');
  return { collection, doc: doc as Document };
}

/**
 * Writes the entries to `path`, whole or not at all: into a temporary file beside it, renamed
 * over the name at the end. Returns how many entries were written.
 */
export async function writeArchive(
  path: string,
  entries: Iterable<ArchiveEntry> | AsyncIterable<ArchiveEntry>,
): Promise<number> {
  const tmp = `${path}.tmp-${process.pid}`;
  let count = 0;
  async function* lines() {
    for await (const entry of entries) {
      count++;
      yield encodeArchiveLine(entry);
    }
  }
  try {
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(tmp));
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return count;
}

/**
 * Every entry of an archive. A line that does not decode, or that `check` finds a problem with,
 * throws with its file and line number.
 */
export async function readArchive(
  path: string,
  check?: (entry: ArchiveEntry) => string | undefined,
): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  const file = createReadStream(path);
  const input = createGunzip();
  // A broken stream (unreadable file, bad gzip) ends the reading with the stream's own error.
  file.on('error', (err) => input.destroy(err));
  file.pipe(input);
  const reader = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of reader) {
      n++;
      if (!line.trim()) continue;
      let entry: ArchiveEntry;
      try {
        entry = decodeArchiveLine(line);
      } catch (err) {
        throw new TransferFormatError(path, `line ${n}`, (err as Error).message);
      }
      const problem = check?.(entry);
      if (problem) throw new TransferFormatError(path, `line ${n}`, problem);
      entries.push(entry);
    }
  } catch (err) {
    if (err instanceof TransferFormatError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new TransferFormatError(
      path,
      n ? `after line ${n}` : 'start',
      code === 'ENOENT' || code === 'EACCES'
        ? `cannot read the file (${code})`
        : `not a readable gzip archive (${(err as Error).message})`,
    );
  } finally {
    file.destroy();
  }
  return entries;
}
