// `import`: JSON exports and .jsonl.gz archives into a store. Every file is read and every
// document checked first; only then is anything written, so a malformed file changes nothing.
// Idempotent by _id: a document the store already holds is skipped, never overwritten.
import type { Document } from 'bson';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { OpenedStore } from '../repositories/openedStore';
import type { WriteCount } from '../transfer/rawDocuments';
import { idKeyOf } from '../store/sampleBuckets';
import { DATA_COLLECTIONS, type DataCollection } from '../store/storeCollection';
import {
  ARCHIVE_EXTENSION,
  archiveEntries,
  TransferFormatError,
  type ArchiveEntry,
} from './archiveFormat';
import { documentProblem } from './documentChecks';
import { IMPORT_LIMITS, limitError } from './importLimits';
import { parseJsonExport } from './jsonExport';

const GZIP_MAGIC = [0x1f, 0x8b];

/** Unpacked bytes of archive documents kept from the check for the write; beyond, read again. */
const RETAINED_BYTES = 64 * 1024 * 1024;

export function isGzip(file: string): boolean {
  const head = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** One file checked for import: its documents when they were kept, else read again to write. */
interface CheckedFile {
  path: string;
  entries: ArchiveEntry[] | undefined;
  counts: Map<DataCollection, number>;
}

/** The checked files of one import; writeImport writes them. */
export class ImportBatch {
  constructor(readonly files: readonly CheckedFile[]) {}

  /** Documents per collection, over every file. */
  count(collection: DataCollection): number {
    return this.files.reduce((a, f) => a + (f.counts.get(collection) ?? 0), 0);
  }
}

function readJsonExport(file: string): ArchiveEntry[] {
  if (statSync(file).size > IMPORT_LIMITS.jsonExportBytes)
    throw limitError(file, 'byte offset 0', 'jsonExportBytes');
  return parseJsonExport(file, readFileSync(file, 'utf8'));
}

/** Checks every document of a file (one pass, bounded memory); keeps them while budget lasts. */
async function checkImportFile(file: string, budget: { bytes: number }): Promise<CheckedFile> {
  let gz: boolean;
  try {
    gz = isGzip(file);
  } catch (err) {
    throw new TransferFormatError(
      file,
      'start',
      `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  if (!gz && file.endsWith(ARCHIVE_EXTENSION))
    throw new TransferFormatError(file, 'byte offset 0', 'not gzip-compressed (an archive is)');
  const counts = new Map<DataCollection, number>();
  if (!gz) {
    const entries = readJsonExport(file);
    for (const e of entries) counts.set(e.collection, (counts.get(e.collection) ?? 0) + 1);
    return { path: file, entries, counts };
  }
  let entries: ArchiveEntry[] | undefined = [];
  const firstLine = new Map<string, number>();
  for await (const e of archiveEntries(file, (e) => documentProblem(e.collection, e.doc))) {
    const key = `${e.collection} ${idKeyOf(e.doc._id)}`;
    const first = firstLine.get(key);
    if (first !== undefined)
      throw new TransferFormatError(
        file,
        `line ${e.line}`,
        `a second ${e.collection} document with _id ${String(e.doc._id)} (the first is on line ${first})`,
      );
    firstLine.set(key, e.line);
    counts.set(e.collection, (counts.get(e.collection) ?? 0) + 1);
    budget.bytes -= e.bytes;
    if (budget.bytes < 0) entries = undefined;
    entries?.push({ collection: e.collection, doc: e.doc });
  }
  return { path: file, entries, counts };
}

/** The documents of one file (archive or JSON export), checked; throws TransferFormatError. */
export async function readImportFile(file: string): Promise<ArchiveEntry[]> {
  const checked = await checkImportFile(file, { bytes: Infinity });
  return checked.entries ?? [];
}

export interface ImportProgress {
  collection: DataCollection;
  done: number;
  total: number;
}

/**
 * Checks every document of every file, in bounded memory; throws TransferFormatError. Nothing is
 * written: the batch only says what writeImport will write.
 */
export async function readImportFiles(files: readonly string[]): Promise<ImportBatch> {
  const budget = { bytes: RETAINED_BYTES };
  const checked: CheckedFile[] = [];
  for (const file of files) checked.push(await checkImportFile(file, budget));
  return new ImportBatch(checked);
}

/** One collection's documents of a file, from what the check kept or read again. */
async function* documentsOf(
  file: CheckedFile,
  collection: DataCollection,
): AsyncGenerator<Document> {
  if (file.entries) {
    for (const e of file.entries) if (e.collection === collection) yield e.doc;
    return;
  }
  const check = (e: ArchiveEntry) => documentProblem(e.collection, e.doc);
  for await (const e of archiveEntries(file.path, check))
    if (e.collection === collection) yield e.doc;
}

/** Writes what the store lacks, collection by collection (what others refer to first). */
export async function writeImport(
  store: OpenedStore,
  batch: ImportBatch,
  onProgress?: (p: ImportProgress) => void,
): Promise<WriteCount> {
  const total: WriteCount = { added: 0, skipped: 0 };
  for (const collection of DATA_COLLECTIONS) {
    const all = batch.count(collection);
    let done = 0;
    let pending: Document[] = [];
    const flush = async () => {
      const n = await store.documents.write(collection, pending);
      total.added += n.added;
      total.skipped += n.skipped;
      done += pending.length;
      pending = [];
      onProgress?.({ collection, done, total: all });
    };
    for (const file of batch.files) {
      if (!file.counts.get(collection)) continue;
      for await (const doc of documentsOf(file, collection)) {
        pending.push(doc);
        if (pending.length >= WRITE_BATCH) await flush();
      }
    }
    if (pending.length) await flush();
  }
  return total;
}

/** Reads and checks every file, then writes: a malformed file changes nothing. */
export async function importFiles(
  store: OpenedStore,
  files: readonly string[],
  onProgress?: (p: ImportProgress) => void,
): Promise<WriteCount> {
  return writeImport(store, await readImportFiles(files), onProgress);
}

export const WRITE_BATCH = 500;

export async function writeInBatches(
  store: OpenedStore,
  collection: DataCollection,
  docs: Document[],
  onProgress?: (p: ImportProgress) => void,
): Promise<WriteCount> {
  const out: WriteCount = { added: 0, skipped: 0 };
  for (let i = 0; i < docs.length; i += WRITE_BATCH) {
    const n = await store.documents.write(collection, docs.slice(i, i + WRITE_BATCH));
    out.added += n.added;
    out.skipped += n.skipped;
    onProgress?.({ collection, done: Math.min(i + WRITE_BATCH, docs.length), total: docs.length });
  }
  return out;
}
