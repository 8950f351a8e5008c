// Tampering with an embedded store's logs: a checksum with a digit that is no hex digit, a checksum
// stripped from a record of a store created with checksums, a log that is a directory. Each is
// damage, named, left out, and `store check --repair` deals with it; only a store from before
// checksums loads records without one (unverified).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkStore } from '../../src/core/store/embedded/storeCheck';
import { checkRecord, encodeRecord } from '../../src/core/store/embedded/logRecord';
import { openEmbeddedStore } from '../../src/core/repositories/openStore';
import type { EmbeddedBackend } from '../../src/core/store/embeddedBackend';
import { describeDamage } from '../../src/core/store/storeIntegrity';
import { scratchFolders } from '../fixtures/scratchFolders';

const fresh = scratchFolders('ob-tamper-');
const quiet = { log: () => undefined };

/** A store with two models: `a` (26.9) and `b` (41.5). */
async function seeded(folder: string): Promise<void> {
  const store = await openEmbeddedStore(folder, quiet);
  const models = (store.backend as EmbeddedBackend).db.collection('models');
  await models.insertOne({ _id: 'a', name: 'a', figure: 26.9 });
  await models.insertOne({ _id: 'b', name: 'b', figure: 41.5 });
  await store.close();
}

async function figures(folder: string): Promise<Record<string, number>> {
  const store = await openEmbeddedStore(folder, quiet);
  try {
    const docs = await (store.backend as EmbeddedBackend).db
      .collection('models')
      .find({})
      .toArray();
    return Object.fromEntries(docs.map((d) => [String(d._id), d.figure as number]));
  } finally {
    await store.close();
  }
}

function edit(folder: string, fn: (line: string) => string): void {
  const path = join(folder, 'models.log');
  const lines = readFileSync(path, 'utf8').split('\n');
  lines[0] = fn(lines[0]!);
  writeFileSync(path, lines.join('\n'));
}

describe('tampered logs', () => {
  it('a checksum digit that is no hex digit, with the body edited, is damage', async () => {
    const folder = fresh();
    await seeded(folder);
    edit(folder, (l) => l.replace(/^\{"c":"./, '{"c":"g').replace('26.9', '96.9'));
    const report = await checkStore(folder);
    assert.deepEqual(
      report.damage.map((d) => [d.file, d.kind, d.line]),
      [['models.log', 'checksum', 1]],
    );
    assert.deepEqual(await figures(folder), { b: 41.5 }, 'the edited value is never read');
    const rec = encodeRecord({ p: [{ _id: 'x' }] });
    rec[7] = 'g'.charCodeAt(0);
    assert.equal(checkRecord(rec, 0, rec.length - 1), 'checksum');
  });

  it('a checksum stripped from a record of a checksummed store is damage (a downgrade)', async () => {
    const folder = fresh();
    await seeded(folder);
    assert.equal(JSON.parse(readFileSync(join(folder, 'logs.json'), 'utf8')).format, 2);
    edit(folder, (l) => l.replace(/^\{"c":"[0-9a-f]{8}",/, '{').replace('26.9', '96.9'));
    const store = await openEmbeddedStore(folder, quiet);
    const integrity = await store.backend.integrity();
    await store.close();
    assert.deepEqual(
      integrity.damage.map((d) => [d.kind, d.line]),
      [['checksum', 1]],
    );
    assert.equal(integrity.unverified, 0);
    assert.deepEqual(await figures(folder), { b: 41.5 });
    const repaired = await checkStore(folder, { repair: true });
    assert.equal(repaired.repaired, true);
  });

  it('the same line in a store from before checksums loads, unverified', async () => {
    const folder = fresh();
    await seeded(folder);
    edit(folder, (l) => l.replace(/^\{"c":"[0-9a-f]{8}",/, '{'));
    unlinkSync(join(folder, 'logs.json'));
    const report = await checkStore(folder);
    assert.deepEqual(report.damage, []);
    assert.equal(report.logs.find((l) => l.file === 'models.log')?.unverified, 1);
    assert.deepEqual(await figures(folder), { a: 26.9, b: 41.5 });
  });

  it('a log that is a directory is named, the rest of the store works, and repair moves it aside', async () => {
    const folder = fresh();
    await seeded(folder);
    mkdirSync(join(folder, 'test_results.log'));
    const store = await openEmbeddedStore(folder, quiet);
    const integrity = await store.backend.integrity();
    assert.deepEqual(integrity.damage, [{ file: 'test_results.log', kind: 'not-a-file' }]);
    assert.match(describeDamage(integrity.damage)[0]!, /test_results\.log: not a file/);
    assert.equal(
      (await (store.backend as EmbeddedBackend).db.collection('models').find({}).toArray()).length,
      2,
    );
    await assert.rejects(
      (store.backend as EmbeddedBackend).db.collection('test_results').find({}).toArray(),
      /test_results\.log is not a file, .*store check --repair/,
    );
    await store.close();
    const report = await checkStore(folder, { repair: true });
    assert.equal(report.repaired, true);
    assert.match(report.logs.find((l) => l.file === 'test_results.log')!.backup!, /\.not-a-file$/);
    assert.deepEqual((await checkStore(folder)).damage, []);
  });
});
