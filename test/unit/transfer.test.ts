// Import, archives and copy on real stores: the embedded store in a temp folder and MongoDB over
// the wire (the official driver against jongodb). Every document arrives once, a second run adds
// nothing, and a malformed file changes nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EJSON, type Document } from 'bson';
import { after, before, describe, it } from 'node:test';
import { toJson } from '../../src/core/export/formats';
import { EmbeddedDatabase } from '../../src/core/store/embedded/embeddedDatabase';
import { openEmbeddedStore, openMongoStore } from '../../src/core/repositories/openStore';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import {
  CollectionNames,
  DATA_COLLECTIONS,
  type StoreCollections,
} from '../../src/core/store/storeCollection';
import {
  encodeArchiveLine,
  readArchive,
  TransferFormatError,
  writeArchive,
  type ArchiveEntry,
} from '../../src/core/transfer/archiveFormat';
import { copyStore } from '../../src/core/transfer/copyStores';
import { importFiles } from '../../src/core/transfer/importFiles';
import { jongodbAvailable, startJongodb, type Jongodb } from '../fixtures/jongodb';
import { counts, populate } from '../fixtures/populatedStore';
import { storeOverCollections } from '../fixtures/storeOverCollections';

const dir = mkdtempSync(join(tmpdir(), 'ob-transfer-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const folder = () => join(dir, `s${n++}`);

async function everyDocument(store: OpenedStore): Promise<Map<string, Document>> {
  const out = new Map<string, Document>();
  for (const c of DATA_COLLECTIONS)
    for (const d of await store.documents.read(c))
      out.set(`${c} ${EJSON.stringify({ id: d._id }, { relaxed: false })}`, d);
  return out;
}

async function archiveOf(store: OpenedStore, path: string): Promise<number> {
  async function* entries(): AsyncGenerator<ArchiveEntry> {
    for (const collection of DATA_COLLECTIONS)
      for (const doc of await store.documents.read(collection)) yield { collection, doc };
  }
  return writeArchive(path, entries());
}

interface Backend {
  name: string;
  open(): Promise<OpenedStore>;
}

const backends: Backend[] = [{ name: 'embedded', open: () => openEmbeddedStore(folder()) }];
let server: Jongodb | undefined;
let db = 0;
if (jongodbAvailable()) {
  backends.push({
    name: 'MongoDB (jongodb)',
    open: () =>
      openMongoStore(server!.uri, {
        database: `transfer${db++}`,
        journalDir: join(dir, `journal${db}`),
        serverSelectionTimeoutMS: 1_500,
      }),
  });
}

before(async () => {
  if (jongodbAvailable()) server = await startJongodb();
});
after(async () => server?.stop());

describe('the archive format', () => {
  it('writes gzip JSON Lines and reads back dates and ObjectIds as they were', async () => {
    const source = await openEmbeddedStore(folder());
    await populate(source, 2);
    const path = join(dir, 'a.jsonl.gz');
    const written = await archiveOf(source, path);
    const back = await readArchive(path);
    assert.equal(back.length, written);
    const original = await everyDocument(source);
    assert.equal(back.length, original.size);
    for (const e of back) {
      const key = `${e.collection} ${EJSON.stringify({ id: e.doc._id }, { relaxed: false })}`;
      assert.deepEqual(e.doc, original.get(key));
    }
    assert.ok(back.some((e) => e.doc.start_time instanceof Date));
    await source.close();
  });

  it('names the file and the first bad line', async () => {
    const path = join(dir, 'bad-line.jsonl.gz');
    const good = encodeArchiveLine({ collection: 'models', doc: { _id: 'm1', name: 'x' } });
    writeFileSync(path, gzipSync(`${good}${good}{"collection":"nope","doc":{}}\n${good}`));
    const err = await readArchive(path).then(
      () => assert.fail('read a bad archive'),
      (e: unknown) => e as TransferFormatError,
    );
    assert.ok(err instanceof TransferFormatError);
    assert.equal(err.where, 'line 3');
    assert.match(err.message, /bad-line\.jsonl\.gz: line 3: "collection" must be one of/);
  });
});

for (const backend of backends) {
  describe(`import and copy into ${backend.name}`, () => {
    it('imports an archive once: every document arrives, a second import adds nothing', async () => {
      const source = await openEmbeddedStore(folder());
      await populate(source);
      const path = join(dir, `full-${n}.jsonl.gz`);
      const total = await archiveOf(source, path);
      const target = await backend.open();
      assert.deepEqual(await importFiles(target, [path]), { added: total, skipped: 0 });
      assert.deepEqual(await counts(target), await counts(source));
      assert.deepEqual(await everyDocument(target), await everyDocument(source));
      assert.deepEqual(await importFiles(target, [path]), { added: 0, skipped: total });
      assert.deepEqual(await counts(target), await counts(source));
      // The domain reads work on what arrived.
      const page = await target.sessions.querySessions({ filter: {} });
      assert.equal(page.total, 3);
      const results = await target.sessions.getTestResults(page.items[0]!._id!);
      assert.equal(results[0]!.samples!.length, 2);
      await Promise.all([source.close(), target.close()]);
    });

    it('imports the JSON export of sessions by _id', async () => {
      const source = await openEmbeddedStore(folder());
      await populate(source, 2);
      const exported = (await source.sessions.querySessions({ filter: {} })).items;
      const path = join(dir, `export-${n}.json`);
      writeFileSync(path, toJson(exported));
      const target = await backend.open();
      assert.deepEqual(await importFiles(target, [path]), { added: 2, skipped: 0 });
      assert.deepEqual(await importFiles(target, [path, path]), { added: 0, skipped: 4 });
      for (const s of exported) assert.deepEqual(await target.sessions.getSession(s._id!), s);
      await Promise.all([source.close(), target.close()]);
    });

    it('changes nothing when any file is malformed', async () => {
      const source = await openEmbeddedStore(folder());
      await populate(source, 2);
      const good = join(dir, `good-${n}.jsonl.gz`);
      await archiveOf(source, good);
      const target = await backend.open();
      await populate(target, 1);
      const before = await counts(target);

      const badJson = join(dir, `bad-${n}.json`);
      writeFileSync(badJson, '[{"_id": "a", "status": "completed",, }]');
      const e1 = await importFiles(target, [good, badJson]).catch((e: unknown) => e);
      assert.ok(e1 instanceof TransferFormatError);
      assert.match(e1.message, /bad-\d+\.json: byte offset 36: not valid JSON/);

      const exported = (await source.sessions.querySessions({ filter: {} })).items;
      const badSession = join(dir, `bad-session-${n}.json`);
      writeFileSync(
        badSession,
        toJson([exported[0]!, { ...exported[1]!, start_time: 'yesterday' }]),
      );
      const e2 = await importFiles(target, [badSession]).catch((e: unknown) => e);
      assert.ok(e2 instanceof TransferFormatError);
      assert.match(e2.message, /session 2 at byte offset \d+: .*start_time.*not a valid date/);

      const noId = join(dir, `no-id-${n}.jsonl.gz`);
      writeFileSync(
        noId,
        gzipSync(encodeArchiveLine({ collection: 'models', doc: { name: 'x' } as Document })),
      );
      const e3 = await importFiles(target, [good, noId]).catch((e: unknown) => e);
      assert.ok(e3 instanceof TransferFormatError);
      assert.match(e3.message, /line 1: a models document without an _id/);

      const plain = join(dir, `plain-${n}.jsonl.gz`);
      writeFileSync(plain, encodeArchiveLine({ collection: 'models', doc: { _id: 'm' } }));
      const e4 = await importFiles(target, [plain]).catch((e: unknown) => e);
      assert.ok(e4 instanceof TransferFormatError);
      assert.match(e4.message, /byte offset 0: not gzip-compressed/);

      assert.deepEqual(await counts(target), before);
      await Promise.all([source.close(), target.close()]);
    });

    it('copies an embedded store in, verified, and running it twice adds nothing', async () => {
      const source = await openEmbeddedStore(folder());
      await populate(source);
      const target = await backend.open();
      const progress: string[] = [];
      const first = await copyStore(source, target, (p) =>
        progress.push(`${p.collection} ${p.done}/${p.total}`),
      );
      const sourceDocs = await everyDocument(source);
      assert.equal(first.added, sourceDocs.size);
      assert.equal(first.missing, 0);
      assert.ok(progress.includes('test_sessions 3/3'));
      assert.deepEqual(await everyDocument(target), sourceDocs);
      const second = await copyStore(source, target);
      assert.deepEqual([second.added, second.skipped, second.missing], [0, sourceDocs.size, 0]);

      // And back, into a fresh embedded store: the same documents.
      const back = await openEmbeddedStore(folder());
      const third = await copyStore(target, back);
      assert.deepEqual([third.added, third.missing], [sourceDocs.size, 0]);
      assert.deepEqual(await everyDocument(back), sourceDocs);
      await Promise.all([source.close(), target.close(), back.close()]);
    });

    it('says which documents did not arrive when the target holds the same thing under another _id', async () => {
      const source = await openEmbeddedStore(folder());
      await populate(source, 1);
      const target = await backend.open();
      // The same machine (fingerprint), stored by the target itself first.
      await populate(target, 0);
      const report = await copyStore(source, target);
      const hw = report.collections.find((c) => c.collection === 'hardware_configs')!;
      assert.equal(hw.missing, 1);
      assert.equal(report.missing, 3); // hardware, model, suite: unique by fingerprint or name
      await Promise.all([source.close(), target.close()]);
    });
  });
}

describe('a time-series sample layout (MongoDB 5+)', () => {
  // The repositories over embedded collections, told to keep samples one document per sample as
  // a MongoDB time-series collection does: the layout jongodb cannot show.
  function timeseriesStore(): Promise<OpenedStore> {
    const db = new EmbeddedDatabase(folder(), () => undefined);
    const collections = Object.fromEntries(
      Object.entries(CollectionNames).map(([key, name]) => [key, db.collection(name)]),
    ) as StoreCollections;
    return storeOverCollections(collections, 'time-series test store', 'timeseries', async () =>
      db.close(),
    );
  }

  it('takes buckets in as samples, gives them back as buckets, and copies once', async () => {
    const source = await openEmbeddedStore(folder());
    await populate(source);
    const ts = await timeseriesStore();
    const first = await copyStore(source, ts);
    assert.equal(first.missing, 0);
    assert.equal(first.added, (await everyDocument(source)).size);
    const raw = await ts.documents.read('hardware_samples');
    assert.equal(raw.length, 3);
    const second = await copyStore(source, ts);
    assert.deepEqual([second.added, second.missing], [0, 0]);

    const back = await openEmbeddedStore(folder());
    const third = await copyStore(ts, back);
    assert.equal(third.missing, 0);
    assert.deepEqual(await counts(back), await counts(source));
    for (const s of (await source.sessions.querySessions({ filter: {} })).items) {
      const want = (await source.sessions.getTestResults(s._id!)).map((r) => r.samples);
      assert.deepEqual(
        (await ts.sessions.getTestResults(s._id!)).map((r) => r.samples),
        want,
      );
      assert.deepEqual(
        (await back.sessions.getTestResults(s._id!)).map((r) => r.samples),
        want,
      );
    }
    await Promise.all([source.close(), ts.close(), back.close()]);
  });
});
