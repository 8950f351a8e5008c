// Retention on the time-series sample layout (MongoDB ≥ 5.0): the repositories over real
// collections (the embedded engine standing in for the server), with every delete on the samples
// collection checked against what MongoDB 5.0–6.3 accept on a time-series collection — a filter on
// the metaField (`meta.*`) alone. Downsampling keeps the means, the archive round trip holds.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Document } from 'bson';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { storeOverCollections } from '../fixtures/storeOverCollections';
import { readArchive } from '../../src/core/transfer/archiveFormat';
import { readImportFiles, writeImport } from '../../src/core/transfer/importFiles';
import { EmbeddedDatabase } from '../../src/core/store/embedded/embeddedDatabase';
import {
  CollectionNames,
  type StoreCollection,
  type StoreCollections,
} from '../../src/core/store/storeCollection';
import type { SessionDoc } from '../../src/shared/dto';
import { samplesOnlyResult } from '../fixtures/testResults';

const DAY = 86_400_000;
const T0 = Date.parse('2025-01-01T00:00:00.000Z');

/** Every key of a filter, $and/$or/$nor operands included. */
function filterKeys(filter: Document): string[] {
  return Object.entries(filter).flatMap(([k, v]) =>
    ['$and', '$or', '$nor'].includes(k) ? (v as Document[]).flatMap(filterKeys) : [k],
  );
}

describe('retention on time-series samples: deletes filter on the metaField only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ob-ts-'));
  const db = new EmbeddedDatabase(dir, () => undefined);
  const sampleDeletes: Document[] = [];
  let store: OpenedStore;

  before(async () => {
    const collections = Object.fromEntries(
      Object.entries(CollectionNames).map(([key, name]) => {
        const c = db.collection(name);
        if (name !== CollectionNames.samples) return [key, c];
        const spy: StoreCollection = Object.assign(Object.create(c) as StoreCollection, {
          deleteMany: (filter: Document) => {
            sampleDeletes.push(filter);
            return c.deleteMany(filter);
          },
        });
        return [key, spy];
      }),
    ) as StoreCollections;
    store = await storeOverCollections(
      collections,
      'time-series test store',
      'timeseries',
      async () => {
        db.close();
      },
    );
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downsamples, archives and deletes with meta-only filters; import brings it all back', async () => {
    const session: SessionDoc = {
      status: 'completed',
      start_time: new Date(T0).toISOString(),
      models: [{ name: 'm', tests: [] }],
      tags: [],
      options: {
        host: 'h',
        suites: ['A'],
        repetitions: 1,
        warmup: false,
        num_ctx: 2048,
        seed: 1,
        temperature: 0,
        keep_alive: '5m',
      },
      created_at: new Date(T0).toISOString(),
      updated_at: new Date(T0).toISOString(),
    };
    const sid = await store.sessions.insertSession(session);
    await store.sessions.insertTestResult(
      samplesOnlyResult(
        sid,
        'm',
        Array.from({ length: 120 }, (_, i) => ({
          t: T0 + i * 1000,
          cpu_total: i < 60 ? 10 : 30,
          cpu_package_j: i,
        })),
        new Date(T0 + 120_000).toISOString(),
      ),
    );
    const now = new Date(T0 + 30 * DAY);

    const down = await store.retention.prune({ downsampleAfterDays: 7, sessionDays: 0, now });
    assert.equal(down.resultsDownsampled, 1);
    const [r] = await store.sessions.getTestResults(sid);
    // Means per minute; the energy counter keeps its last reading (growth stays exact).
    assert.deepEqual(r!.samples, [
      { t: T0, cpu_total: 10, cpu_package_j: 59 },
      { t: T0 + 60_000, cpu_total: 30, cpu_package_j: 119 },
    ]);
    // Coarser later: the one-minute means become one hourly mean.
    const hourly = await store.retention.prune({
      downsampleAfterDays: 7,
      downsampleInterval: '1h',
      sessionDays: 0,
      now,
    });
    assert.equal(hourly.resultsDownsampled, 1);
    assert.deepEqual((await store.sessions.getTestResults(sid))[0]!.samples, [
      { t: T0, cpu_total: 20, cpu_package_j: 119 },
    ]);
    const before = await store.sessions.getTestResults(sid);

    const archiveDir = join(dir, 'archive');
    const gone = await store.retention.prune({
      downsampleAfterDays: 0,
      sessionDays: 7,
      archiveDir,
      now,
    });
    assert.equal(gone.sessionsDeleted, 1);
    assert.deepEqual(await store.sessions.getTestResults(sid), []);

    assert.ok(sampleDeletes.length >= 3, 'downsampling twice and the session delete');
    for (const f of sampleDeletes) {
      for (const key of filterKeys(f))
        assert.ok(
          key.startsWith('meta.'),
          `delete filter ${JSON.stringify(f)} is on the metaField`,
        );
    }

    // The archive holds the samples as buckets, the form `import` reads whatever the layout.
    const entries = await readArchive(gone.archiveFile!);
    const buckets = entries.filter((e) => e.collection === 'hardware_samples');
    assert.equal(buckets.length, 1);
    assert.equal(buckets[0]!.doc.interval_ms, 3_600_000);
    await writeImport(store, await readImportFiles([gone.archiveFile!]));
    assert.deepEqual(await store.sessions.getTestResults(sid), before);
  });
});
