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

/** A session's models and tags must be what every reader of a session takes them for. */
export function sessionShapeProblem(doc: Document): string | undefined {
  if (doc.models !== undefined) {
    if (!Array.isArray(doc.models)) return '"models" must be a list';
    for (const [i, m] of (doc.models as unknown[]).entries()) {
      if (!m || typeof m !== 'object' || Array.isArray(m))
        return `"models[${i}]" must be an object`;
      if (typeof (m as Document).name !== 'string') return `"models[${i}].name" must be text`;
      if ((m as Document).tests !== undefined && !Array.isArray((m as Document).tests))
        return `"models[${i}].tests" must be a list`;
    }
  }
  if (doc.tags !== undefined) {
    if (!Array.isArray(doc.tags)) return '"tags" must be a list';
    const i = (doc.tags as unknown[]).findIndex((t) => typeof t !== 'string');
    if (i !== -1) return `"tags[${i}]" must be text`;
  }
  return undefined;
}

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
  if (collection === CollectionNames.sessions) {
    const shape = sessionShapeProblem(doc);
    if (shape) return `sessions document ${String(doc._id)}: ${shape}`;
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
