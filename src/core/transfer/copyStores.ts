// `copy`: every data collection of one store into another (embedded → MongoDB or back),
// idempotent by _id, then verified: the target must hold every source document's _id.
import type { Document } from 'bson';
import type { OpenedStore } from '../repositories/openedStore';
import { DATA_COLLECTIONS, type DataCollection } from '../store/storeCollection';
import { writeInBatches, type ImportProgress } from './importFiles';

export interface CollectionCopy {
  collection: DataCollection;
  /** Documents in the source. */
  source: number;
  added: number;
  skipped: number;
  /** Source documents the target still lacks after the copy (see missingIds). */
  missing: number;
  /** The first few missing _ids, for the message. */
  missingIds: string[];
}

export interface CopyReport {
  collections: CollectionCopy[];
  added: number;
  skipped: number;
  missing: number;
}

const SHOWN_IDS = 5;

export async function copyStore(
  from: OpenedStore,
  to: OpenedStore,
  onProgress?: (p: ImportProgress) => void,
): Promise<CopyReport> {
  const report: CopyReport = { collections: [], added: 0, skipped: 0, missing: 0 };
  for (const collection of DATA_COLLECTIONS) {
    const docs: Document[] = await from.documents.read(collection);
    onProgress?.({ collection, done: 0, total: docs.length });
    const written = await writeInBatches(to, collection, docs, onProgress);
    const missing = await to.documents.missing(collection, docs);
    report.collections.push({
      collection,
      source: docs.length,
      ...written,
      missing: missing.length,
      missingIds: missing.slice(0, SHOWN_IDS).map((d) => String(d._id)),
    });
    report.added += written.added;
    report.skipped += written.skipped;
    report.missing += missing.length;
  }
  return report;
}

/** One line a person reads: the counts, and what did not arrive and why it may not have. */
export function describeCopy(report: CopyReport, target: string): string {
  const counts = `added ${report.added}, skipped ${report.skipped} (already there)`;
  if (!report.missing)
    return `Copied to ${target}: ${counts}; verified: the target holds every source document.`;
  const lacking = report.collections
    .filter((c) => c.missing)
    .map(
      (c) =>
        `${c.collection}: ${c.missing} (e.g. ${c.missingIds.join(', ')}${c.missing > c.missingIds.length ? ', …' : ''})`,
    )
    .join('; ');
  return `Copy to ${target} is INCOMPLETE: ${counts}, but ${report.missing} source document(s) are not in the target — ${lacking}. The target may already hold the same machine, model or suite under another _id; those are kept as they are, never overwritten.`;
}
