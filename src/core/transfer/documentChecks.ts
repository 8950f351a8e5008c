// What a document must hold before import writes it: an _id (import is idempotent by _id), the
// fields the MongoDB validators require, and BSON dates where the store keeps dates. Checked for
// every document of every file before the first write, so a bad file changes nothing.
import type { Document } from 'bson';
import {
  HardwareFields,
  ModelFields,
  ResultFields,
  SessionFields,
} from '../sessions/sessionFields';
import { SuiteFields } from '../suites/suiteRepository';
import { VALIDATORS } from '../store/mongo/schema';
import { CollectionNames, type DataCollection } from '../store/storeCollection';

const TOP_LEVEL_DATES: Record<DataCollection, string[]> = {
  [CollectionNames.sessions]: SessionFields.dates,
  [CollectionNames.results]: ResultFields.dates,
  [CollectionNames.models]: ModelFields.dates,
  [CollectionNames.hardwareConfigs]: HardwareFields.dates,
  [CollectionNames.suites]: SuiteFields.dates,
  [CollectionNames.samples]: ['start', 'end'],
};

/** The problem with this document, or undefined when it may be written. */
export function documentProblem(collection: DataCollection, doc: Document): string | undefined {
  if (doc._id === undefined || doc._id === null || doc._id === '')
    return `a ${collection} document without an _id (import matches documents by _id)`;
  const required: string[] = VALIDATORS[collection]?.required ?? [];
  const absent = required.filter((f) => doc[f] === undefined);
  if (absent.length) return `${collection} document ${String(doc._id)} lacks ${absent.join(', ')}`;
  for (const field of TOP_LEVEL_DATES[collection].filter((p) => !p.includes('.'))) {
    if (doc[field] !== undefined && doc[field] !== null && !(doc[field] instanceof Date))
      return `${collection} document ${String(doc._id)}: "${field}" is not a date ({"$date": …})`;
  }
  if (collection === CollectionNames.samples) {
    if (doc.result_id === undefined)
      return `hardware_samples document ${String(doc._id)} lacks result_id`;
    if (
      !Array.isArray(doc.samples) ||
      doc.samples.some((s: unknown) => typeof (s as Document)?.t !== 'number')
    )
      return `hardware_samples document ${String(doc._id)}: "samples" must be a list of {t: milliseconds, …}`;
  }
  return undefined;
}
