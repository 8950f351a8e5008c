// Every collection's documents as stored, for import, copy and archives: read whole, find the ones
// a store lacks by _id, and write those (never overwriting). Hardware samples travel as buckets
// whatever the layout: a time-series layout is regrouped on read and expanded on write.
import type { Document } from 'bson';
import type { HardwareSample } from '../../shared/dto';
import { bucketsOf, idKeyOf } from '../store/sampleBuckets';
import type { SampleLayout } from '../store/storeBackend';
import {
  CollectionNames,
  DUPLICATE_KEY,
  errorCode,
  isDataCollection,
  type DataCollection,
  type StoreCollection,
  type StoreCollections,
} from '../store/storeCollection';

/** What write did: documents stored now, and documents the store already held. */
export interface WriteCount {
  added: number;
  skipped: number;
}

/** Ids asked for in one $in. */
const ID_BATCH = 500;

export class RawDocuments {
  constructor(
    private readonly c: StoreCollections,
    private readonly sampleLayout: SampleLayout,
    /** Sessions (by _id) whose documents or results were just written. */
    private readonly onSessionsImported: (sessionIds: unknown[]) => Promise<void>,
  ) {}

  private collection(name: DataCollection): StoreCollection {
    const key = (Object.keys(CollectionNames) as (keyof typeof CollectionNames)[]).find(
      (k) => CollectionNames[k] === name,
    );
    if (!key || !isDataCollection(name)) throw new TypeError(`no data collection ${name}`);
    return this.c[key];
  }

  private timeseriesSamples(name: DataCollection): boolean {
    return name === CollectionNames.samples && this.sampleLayout === 'timeseries';
  }

  async read(name: DataCollection): Promise<Document[]> {
    const docs = await this.collection(name).find({}).toArray();
    return this.timeseriesSamples(name) ? bucketsOf(docs) : docs;
  }

  async missing(name: DataCollection, docs: Document[]): Promise<Document[]> {
    if (this.timeseriesSamples(name)) {
      const missing: Document[] = [];
      for (const d of docs) {
        // A bucket without samples has nothing a time-series collection could hold.
        if (!Array.isArray(d.samples) || !d.samples.length) continue;
        if (!(await this.c.samples.countDocuments({ 'meta.result_id': d.result_id })))
          missing.push(d);
      }
      return missing;
    }
    const present = new Set<string>();
    for (let i = 0; i < docs.length; i += ID_BATCH) {
      const ids = docs.slice(i, i + ID_BATCH).map((d) => d._id);
      for (const d of await this.collection(name)
        .find({ _id: { $in: ids } })
        .toArray())
        present.add(idKeyOf(d._id));
    }
    return docs.filter((d) => !present.has(idKeyOf(d._id)));
  }

  async write(name: DataCollection, docs: Document[]): Promise<WriteCount> {
    const seen = new Set<string>();
    const unique = docs.filter((d) => {
      const key = idKeyOf(this.timeseriesSamples(name) ? d.result_id : d._id);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const missing = await this.missing(name, unique);
    let added = 0;
    for (const doc of missing) {
      if (this.timeseriesSamples(name)) {
        const meta: Document = { result_id: doc.result_id, session_id: doc.session_id };
        if (doc.downsampled) meta.downsampled = true;
        if (typeof doc.interval_ms === 'number') meta.interval_ms = doc.interval_ms;
        await this.c.samples.insertMany(
          (doc.samples as HardwareSample[]).map(({ t, ...figures }) => ({
            t: new Date(t),
            meta,
            ...figures,
          })),
          { ordered: true },
        );
        added++;
        continue;
      }
      try {
        await this.collection(name).insertOne(doc);
        added++;
      } catch (err) {
        // Written meanwhile by another process, or the same thing (a machine's fingerprint, a
        // model's or suite's name) held under another _id: kept as it is, never overwritten.
        if (errorCode(err) !== DUPLICATE_KEY) throw err;
      }
    }
    if (added && (name === CollectionNames.sessions || name === CollectionNames.results))
      await this.onSessionsImported(
        missing.map((d) => (name === CollectionNames.sessions ? d._id : d.session_id)),
      );
    return { added, skipped: docs.length - added };
  }
}
