// The store's archive format: gzip-compressed JSON Lines, one document per line,
// `{"collection": "<name>", "doc": {...}}`, the document in MongoDB Extended JSON (relaxed) so
// dates and ObjectIds come back as they were stored. `import` reads it; anything that keeps
// documents out of the store (copies, retention) writes it with writeArchive.
import { EJSON, type Document } from 'bson';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { DATA_COLLECTIONS, isDataCollection, type DataCollection } from '../store/storeCollection';
import { sealOf } from '../machines/bundleSeal';
import { archiveLines } from './archiveLines';
import { documentLimitProblem } from './documentLimits';
import { IMPORT_LIMITS, limitProblem } from './importLimits';
import { nestsDeeperThan } from './jsonNesting';
import { TransferFormatError } from './transferFormatError';

export const ARCHIVE_EXTENSION = '.jsonl.gz';

export interface ArchiveEntry {
  collection: DataCollection;
  doc: Document;
}

export { TransferFormatError };

export function encodeArchiveLine(entry: ArchiveEntry): string {
  return `${EJSON.stringify({ collection: entry.collection, doc: entry.doc }, { relaxed: true })}\n`;
}

/** One line → its entry; throws a plain message (the caller adds the file and line). */
export function decodeArchiveLine(line: string): ArchiveEntry {
  if (nestsDeeperThan(line, IMPORT_LIMITS.nestingDepth + 1))
    throw new Error(limitProblem('nestingDepth'));
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
  const over = documentLimitProblem(doc as Document);
  if (over) throw new Error(over);
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
 * Every entry of an archive, one at a time, in bounded memory. A line that does not decode, or
 * that `check` finds a problem with, throws with its file and line number.
 */
export async function* archiveEntries(
  path: string,
  check?: (entry: ArchiveEntry) => string | undefined,
): AsyncGenerator<ArchiveEntry & { line: number; bytes: number }> {
  for await (const { n, text, bytes } of archiveLines(path)) {
    // A result bundle's seal, its first line (src/core/machines/bundleSeal.ts), is checked before
    // import reads.
    if (n === 1 && sealOf(text)) continue;
    let entry: ArchiveEntry;
    try {
      entry = decodeArchiveLine(text);
    } catch (err) {
      throw new TransferFormatError(path, `line ${n}`, (err as Error).message);
    }
    const problem = check?.(entry);
    if (problem) throw new TransferFormatError(path, `line ${n}`, problem);
    yield { ...entry, line: n, bytes };
  }
}

/** Every entry of an archive, in a list; throws as archiveEntries does. */
export async function readArchive(
  path: string,
  check?: (entry: ArchiveEntry) => string | undefined,
): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  for await (const { collection, doc } of archiveEntries(path, check))
    entries.push({ collection, doc });
  return entries;
}
