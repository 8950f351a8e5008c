// `import`: JSON exports and .jsonl.gz archives into a store. Every file is read and every
// document checked first; only then is anything written, so a malformed file changes nothing.
// Idempotent by _id: a document the store already holds is skipped, never overwritten.
import type { Document } from 'bson';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { OpenedStore } from '../repositories/openedStore';
import type { WriteCount } from '../transfer/rawDocuments';
import { DATA_COLLECTIONS, type DataCollection } from '../store/storeCollection';
import {
  ARCHIVE_EXTENSION,
  readArchive,
  TransferFormatError,
  type ArchiveEntry,
} from './archiveFormat';
import { documentProblem } from './documentChecks';
import { parseJsonExport } from './jsonExport';

const GZIP_MAGIC = [0x1f, 0x8b];

function isGzip(file: string): boolean {
  const head = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** The documents of one file (archive or JSON export), checked; throws TransferFormatError. */
export async function readImportFile(file: string): Promise<ArchiveEntry[]> {
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
  if (!gz) return parseJsonExport(file, readFileSync(file, 'utf8'));
  return readArchive(file, (e) => documentProblem(e.collection, e.doc));
}

export interface ImportProgress {
  collection: DataCollection;
  done: number;
  total: number;
}

/** Every document of the files, by collection, checked; throws TransferFormatError. */
export type ImportBatch = Map<DataCollection, Document[]>;

export async function readImportFiles(files: readonly string[]): Promise<ImportBatch> {
  const batch: ImportBatch = new Map();
  for (const file of files) {
    for (const e of await readImportFile(file)) {
      const list = batch.get(e.collection) ?? [];
      list.push(e.doc);
      batch.set(e.collection, list);
    }
  }
  return batch;
}

/** Writes what the store lacks, collection by collection (what others refer to first). */
export async function writeImport(
  store: OpenedStore,
  batch: ImportBatch,
  onProgress?: (p: ImportProgress) => void,
): Promise<WriteCount> {
  const total: WriteCount = { added: 0, skipped: 0 };
  for (const collection of DATA_COLLECTIONS) {
    const n = await writeInBatches(store, collection, batch.get(collection) ?? [], onProgress);
    total.added += n.added;
    total.skipped += n.skipped;
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
