// The retention archive: before retention deletes sessions, they and everything that belongs to
// them are written to one gzip JSON Lines file per run, one `{"collection": "…", "doc": {…}}` per
// line in relaxed EJSON (dates and ids keep their BSON types), the form `ollama-bench import`
// reads back. The file is written under a temporary name and renamed once complete, so a crash
// never leaves a partial archive that looks whole.
import { EJSON, type Document } from 'bson';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

export interface ArchiveEntry {
  /** The collection the document came from (test_sessions, test_results, hardware_samples, …). */
  collection: string;
  doc: Document;
}

/** `ollama-bench-archive-20250301T100000Z.jsonl.gz`, with -2, -3 … when one exists already. */
export function archiveFileName(dir: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  for (let n = 1; ; n++) {
    const file = join(dir, `ollama-bench-archive-${stamp}${n > 1 ? `-${n}` : ''}.jsonl.gz`);
    if (!existsSync(file) && !existsSync(`${file}.partial`)) return file;
  }
}

/** Writes the entries to a new archive file in dir (created if needed); returns its path. */
export async function writeArchive(
  dir: string,
  entries: Iterable<ArchiveEntry>,
  now = new Date(),
): Promise<string> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new Error(`cannot create the archive folder ${dir}: ${(err as Error).message}`);
  }
  const file = archiveFileName(dir, now);
  const partial = `${file}.partial`;
  function* lines(): Generator<string> {
    for (const e of entries) {
      yield `${EJSON.stringify({ collection: e.collection, doc: e.doc }, { relaxed: true })}\n`;
    }
  }
  try {
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial));
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    throw new Error(`cannot write the archive ${file}: ${(err as Error).message}`);
  }
  return file;
}

/** Reads an archive back, line by line; a line that is not an entry is an error naming it. */
export async function* readArchive(file: string): AsyncGenerator<ArchiveEntry> {
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let entry: unknown;
    try {
      entry = EJSON.parse(line);
    } catch (err) {
      throw new Error(`${file}, line ${n}: not EJSON (${(err as Error).message})`);
    }
    const e = entry as Partial<ArchiveEntry> | null;
    if (!e || typeof e.collection !== 'string' || typeof e.doc !== 'object' || e.doc === null) {
      throw new Error(`${file}, line ${n}: expected {"collection": "…", "doc": {…}}`);
    }
    yield { collection: e.collection, doc: e.doc };
  }
}
