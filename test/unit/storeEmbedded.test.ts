// The embedded store: the contract suite, plus what its own persistence must guarantee.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { openEmbeddedStore } from '../../src/core/repositories/openStore';
import type { EmbeddedBackend } from '../../src/core/store/embeddedBackend';
import type { Document, StoreCollection } from '../../src/core/store/storeCollection';
import { visitMatches } from '../../src/core/store/visitMatches';
import { storeContract } from './storeContract';
import { hardware, session } from '../fixtures/storeDocuments';
import { samplesOnlyResult } from '../fixtures/testResults';
import { scratchFolders } from '../fixtures/scratchFolders';

const dir = mkdtempSync(join(tmpdir(), 'ob-store-'));
storeContract('embedded (mingo over append-only logs)', {
  open: () => openEmbeddedStore(join(dir, 'contract')),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});

describe('embedded persistence', () => {
  const fresh = scratchFolders('ob-embedded-');

  it('replays after a torn last line, and the next writer cuts it off', async () => {
    const folder = fresh();
    const a = await openEmbeddedStore(folder);
    const id = await a.sessions.insertSession(session('llama3.2:3b'));
    await a.close();
    const log = join(folder, 'test_sessions.log');
    appendFileSync(log, '{"p":[{"status":"completed","start_ti'); // killed mid-write
    const warnings: string[] = [];
    const b = await openEmbeddedStore(folder, { log: (m) => warnings.push(m) });
    assert.deepEqual(
      (await b.sessions.querySessions({ filter: {} })).items.map((s) => s._id),
      [id],
    );
    const id2 = await b.sessions.insertSession(session('qwen2.5:7b'));
    assert.ok(warnings.some((w) => /dropped \d+ bytes of an unfinished write/.test(w)));
    assert.ok(readFileSync(log, 'utf8').endsWith('\n'));
    const c = await openEmbeddedStore(folder);
    assert.equal((await c.sessions.querySessions({ filter: {} })).total, 2);
    assert.ok(await c.sessions.getSession(id2));
  });

  it('forces a burst of appends to disk in one commit after the delay, and the rest on close', async () => {
    const folder = fresh();
    const synced: string[] = [];
    const a = await openEmbeddedStore(folder, {
      syncDelayMs: 30,
      sync: (path) => synced.push(basename(path)),
    });
    await a.sessions.insertSession(session('a'));
    await a.sessions.insertSession(session('b'));
    assert.deepEqual(synced, [], 'the commit waits for the burst to end');
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(synced, ['test_sessions.log'], 'one commit for both appends');
    await a.sessions.saveHardwareConfig(hardware('box'));
    await a.close();
    assert.deepEqual(
      synced,
      ['test_sessions.log', 'hardware_configs.log'],
      'close commits at once',
    );
  });

  it('a filesystem that refuses fdatasync costs one warning and loses no write', async () => {
    const folder = fresh();
    const warnings: string[] = [];
    const a = await openEmbeddedStore(folder, {
      log: (m) => warnings.push(m),
      sync: () => {
        throw Object.assign(new Error('not supported'), { code: 'EINVAL' });
      },
    });
    await a.sessions.insertSession(session('a'));
    await a.close();
    await a.sessions.insertSession(session('b'));
    await a.close();
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /cannot force .*test_sessions\.log to disk \(EINVAL\)/);
    const b = await openEmbeddedStore(folder);
    assert.equal((await b.sessions.querySessions({ filter: {} })).total, 2);
  });

  it('really forces the logs to disk on this machine without a warning', async () => {
    const warnings: string[] = [];
    const a = await openEmbeddedStore(fresh(), { log: (m) => warnings.push(m) });
    await a.sessions.insertSession(session('a'));
    await a.close();
    assert.deepEqual(warnings, []);
  });

  it('commits a burst in the background, then closes with nothing left to force', async () => {
    const warnings: string[] = [];
    const folder = fresh();
    const a = await openEmbeddedStore(folder, { log: (m) => warnings.push(m), syncDelayMs: 5 });
    await a.sessions.insertSession(session('a'));
    await new Promise((r) => setTimeout(r, 100));
    await a.sessions.insertSession(session('b'));
    await a.close();
    assert.deepEqual(warnings, []);
    const b = await openEmbeddedStore(folder);
    assert.equal((await b.sessions.querySessions({ filter: {} })).total, 2);
  });

  it('skips a corrupt line in the middle and keeps the rest', async () => {
    const folder = fresh();
    const a = await openEmbeddedStore(folder);
    await a.sessions.insertSession(session('a'));
    appendFileSync(join(folder, 'test_sessions.log'), 'garbage that is not ejson\n');
    await a.sessions.insertSession(session('b'));
    const b = await openEmbeddedStore(folder, { log: () => undefined });
    assert.equal((await b.sessions.querySessions({ filter: {} })).total, 2);
  });

  it('compacts a log past twice its live data: same contents, smaller file', async () => {
    const folder = fresh();
    const a = await openEmbeddedStore(folder);
    const s = session('llama3.2:3b');
    const id = await a.sessions.insertSession(s);
    const log = join(folder, 'test_sessions.log');
    let maxSize = 0;
    for (let i = 0; i < 400; i++) {
      await a.sessions.updateSession({ ...s, _id: id, tags: [`t${i}`] });
      maxSize = Math.max(maxSize, statSync(log).size);
    }
    assert.ok(statSync(log).size < maxSize, 'the log shrank at least once');
    assert.ok(statSync(log).size < 256 * 1024);
    assert.deepEqual((await a.sessions.getSession(id))!.tags, ['t399']);
    // Another process's view (a fresh open) reads the compacted file the same way.
    const b = await openEmbeddedStore(folder);
    assert.deepEqual((await b.sessions.getSession(id))!.tags, ['t399']);
    assert.equal((await b.sessions.querySessions({ filter: {} })).total, 1);
    assert.deepEqual(
      readdirSync(folder).filter((f) => f.includes('.tmp')),
      [],
    );
  });

  it('sees writes another instance made, and enforces unique indexes across them', async () => {
    const folder = fresh();
    const a = await openEmbeddedStore(folder);
    const b = await openEmbeddedStore(folder);
    const id = await a.sessions.insertSession(session('x'));
    assert.ok(await b.sessions.getSession(id));
    const h1 = await a.sessions.saveHardwareConfig(hardware('same'));
    const h2 = await b.sessions.saveHardwareConfig(hardware('same'));
    assert.equal(h1, h2);
    await b.sessions.upsertModel({ name: 'm', digest: 'd', size: 1, loaded: false });
    await a.sessions.upsertModel({ name: 'm', digest: 'e', size: 1, loaded: false });
    assert.equal((await a.sessions.listModels()).length, 1);
  });

  it('says who holds the lock when it cannot write, and writes nothing', async () => {
    const folder = fresh();
    const a = await openEmbeddedStore(folder, { lockWaitMs: 200 });
    // A live process (this one's parent) holding the lock.
    writeFileSync(
      join(folder, '.lock'),
      JSON.stringify({ pid: process.ppid, host: hostname(), at: '2025-03-01T10:00:00Z' }),
    );
    await assert.rejects(a.sessions.insertSession(session('x')), (err: Error) => {
      assert.equal(err.name, 'StoreLockedError');
      assert.match(err.message, new RegExp(`process ${process.ppid} on ${hostname()}`));
      assert.match(err.message, /Nothing was written/);
      return true;
    });
    rmSync(join(folder, '.lock'));
    assert.equal((await a.sessions.querySessions({ filter: {} })).total, 0);
  });

  it('breaks the lock of a process that died holding it', async () => {
    const folder = fresh();
    const a = await openEmbeddedStore(folder, { lockWaitMs: 2_000 });
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(
      join(folder, '.lock'),
      JSON.stringify({ pid: dead, host: hostname(), at: new Date().toISOString() }),
    );
    await a.sessions.insertSession(session('x'));
    assert.equal(existsSync(join(folder, '.lock')), false);
  });

  it('leaves hardware samples on disk until a detail asks for them', async () => {
    const folder = fresh();
    const a = await openEmbeddedStore(folder);
    const sid = await a.sessions.insertSession(session('x'));
    await a.sessions.insertTestResult(
      samplesOnlyResult(sid, 'x', [{ t: 1, cpu_total: 1 }], new Date().toISOString()),
    );
    const b = await openEmbeddedStore(folder);
    await b.sessions.querySessions({ filter: {} });
    await b.sessions.modelAggregates({});
    assert.equal(
      (b.backend as EmbeddedBackend).db.loadedCollections().includes('hardware_samples'),
      false,
    );
    assert.equal((await b.sessions.getTestResults(sid))[0]!.samples!.length, 1);
    assert.ok((b.backend as EmbeddedBackend).db.loadedCollections().includes('hardware_samples'));
  });

  it("visitMatches hands over the stored documents, or find()'s projected copies elsewhere", async () => {
    const a = await openEmbeddedStore(fresh());
    await a.sessions.insertSession(session('x'));
    await a.sessions.insertSession(session('y'));
    const sessions = a.backend.collections.sessions;
    const seen: Document[] = [];
    await visitMatches(sessions, { status: 'completed' }, { start_time: 1 }, (d) => seen.push(d));
    const again: Document[] = [];
    await visitMatches(sessions, { status: 'completed' }, { start_time: 1 }, (d) => again.push(d));
    assert.equal(seen.length, 2);
    assert.ok(
      seen.every((d, i) => d === again[i]),
      'the same stored objects, not copies',
    );
    // A collection without visitStored, as the MongoDB driver's is: read through find().
    const driverLike = { find: sessions.find.bind(sessions) } as unknown as StoreCollection;
    const projected: Document[] = [];
    await visitMatches(driverLike, {}, { start_time: 1 }, (d) => projected.push(d));
    assert.deepEqual(
      projected.map((d) => Object.keys(d).sort()),
      [
        ['_id', 'start_time'],
        ['_id', 'start_time'],
      ],
    );
  });

  it('explains a folder it cannot use', async () => {
    const file = fresh('a-file');
    writeFileSync(file, 'x');
    await assert.rejects(
      openEmbeddedStore(join(file, 'store')),
      /Cannot use .* as the embedded store: (ENOTDIR|EEXIST)/,
    );
  });
});
