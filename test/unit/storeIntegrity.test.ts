// Store integrity: every embedded log record carries a CRC-32; opening the store reports what it
// had to leave out (a flipped bit, an edited digit, a cut-short last line, a vanished log);
// `store check` finds the same and more, and --repair rewrites the logs keeping every good record.
import assert from 'node:assert/strict';
import { EJSON, ObjectId } from 'bson';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { crc32, crc32Portable } from '../../src/core/store/embedded/crc32';
import { checkRecord, encodeRecord } from '../../src/core/store/embedded/logRecord';
import { checkStore } from '../../src/core/store/embedded/storeCheck';
import { openEmbeddedStore } from '../../src/core/repositories/openStore';
import { describeDamage, integrityNotes } from '../../src/core/store/storeIntegrity';
import type { TestResultDoc } from '../../src/shared/dto';
import { hardware, session } from '../fixtures/storeDocuments';
import { emptySeries } from '../fixtures/resultSeries';
import { scratchFolders } from '../fixtures/scratchFolders';
import { dashboardHandler } from '../fixtures/dashboardHandler';

const ascii = (s: string) => Buffer.from(s, 'latin1');

describe('crc32', () => {
  it('gives the standard check values, built in and portable alike', () => {
    for (const f of [crc32, crc32Portable]) {
      assert.equal(f(ascii('123456789')), 0xcbf43926);
      assert.equal(f(ascii('')), 0);
      assert.equal(f(ascii('The quick brown fox jumps over the lazy dog')), 0x414fa339);
      assert.equal(f(ascii('a')), 0xe8b7be43);
    }
    const data = randomBytes(4096);
    assert.equal(crc32Portable(data), crc32(data));
  });
});

describe('log records', () => {
  const line = { p: [{ _id: 'x', tokens_per_second: 41.5, text: 'héllo' }] };
  const check = (b: Buffer) => checkRecord(b, 0, b.length - 1); // without the newline

  it('carry a checksum that a reader predating it still parses past', () => {
    const rec = encodeRecord(line);
    assert.match(rec.toString(), /^\{"c":"[0-9a-f]{8}","p":\[/);
    assert.ok(rec.toString().endsWith('}\n'));
    assert.equal(check(rec), 'verified');
    assert.deepEqual(JSON.parse(rec.toString()).p, line.p);
  });

  it('any changed byte fails the check; a line without a checksum is unverified', () => {
    const rec = encodeRecord(line);
    for (let i = 0; i < rec.length - 1; i++) {
      const bad = Buffer.from(rec);
      bad[i]! ^= 0x04;
      assert.notEqual(check(bad), 'verified', `byte ${i} flipped`);
    }
    assert.equal(check(Buffer.from(`${JSON.stringify(line)}\n`)), 'unverified');
    assert.equal(check(Buffer.from('garbage\n')), 'garbled');
  });
});

function result(sessionId: string, tps: number): TestResultDoc {
  return {
    session_id: sessionId,
    model_name: 'llama3.2:3b',
    test_type: 'A',
    status: 'completed',
    metrics: {
      ...emptySeries(),
      stats: { tokens_per_second: { mean: tps } },
      repetitions: [],
      flags: [],
    } as unknown as TestResultDoc['metrics'],
    output: `output ${tps}`,
    logs: [],
    samples: [{ t: 1, cpu_total: 1 }],
    created_at: '2025-03-01T10:00:00.000Z',
  };
}

/** A store with `n` sessions, one result each (result i has tokens/s 10 + i). */
async function seeded(folder: string, n = 3): Promise<string[]> {
  const store = await openEmbeddedStore(folder);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = await store.sessions.insertSession(
      session('llama3.2:3b', { at: Date.UTC(2025, 2, 1 + i) }),
    );
    const rid = await store.sessions.insertTestResult(result(id, 10 + i));
    const s = (await store.sessions.getSession(id))!;
    s.models[0]!.tests[0]!.result_id = rid;
    await store.sessions.updateSession({ ...s, _id: id });
    ids.push(id);
  }
  await store.close();
  return ids;
}

/** Rewrites one line of a log (1-based) through fn. */
function editLine(path: string, lineNo: number, fn: (line: string) => string): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  const before = lines[lineNo - 1]!;
  lines[lineNo - 1] = fn(before);
  assert.notEqual(lines[lineNo - 1], before, 'the edit changed the line');
  writeFileSync(path, lines.join('\n'));
}

async function openLogged(folder: string) {
  const warnings: string[] = [];
  const store = await openEmbeddedStore(folder, { log: (m) => warnings.push(m) });
  return { store, warnings };
}

describe('opening a damaged embedded store', () => {
  const fresh = scratchFolders('ob-integrity-');

  it('a clean store says nothing', async () => {
    const folder = fresh();
    await seeded(folder);
    const { store, warnings } = await openLogged(folder);
    assert.deepEqual(warnings, []);
    assert.deepEqual(await store.backend.integrity(), { damage: [], unverified: 0 });
  });

  it('a bit flipped in a result: the record is left out and the file and line named', async () => {
    const folder = fresh();
    const [s0] = await seeded(folder);
    const log = join(folder, 'test_results.log');
    const bytes = readFileSync(log);
    const at = bytes.indexOf('output 10');
    bytes[at + 2]! ^= 0x01; // "output" -> "ouupt"-like: still valid JSON
    writeFileSync(log, bytes);
    const { store, warnings } = await openLogged(folder);
    const report = await store.backend.integrity();
    assert.deepEqual(
      report.damage.map((d) => [d.file, d.kind, d.line]),
      [['test_results.log', 'checksum', 1]],
    );
    assert.deepEqual(
      await store.sessions.getTestResults(s0!),
      [],
      'the damaged record is not served',
    );
    assert.ok(
      warnings.some((w) =>
        /test_results\.log: 1 record dropped \(checksum mismatch at line 1\)/.test(w),
      ),
      warnings.join('\n'),
    );
  });

  it('an edited digit in a session is caught, not believed', async () => {
    const folder = fresh();
    await seeded(folder, 1);
    const log = join(folder, 'test_sessions.log');
    // The session's last write (its update) holds tokens_per_second 40: make it 90.
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    editLine(log, lines.length, (l) =>
      l.replace('"tokens_per_second":40', '"tokens_per_second":90'),
    );
    const { store, warnings } = await openLogged(folder);
    const sessions = (await store.sessions.querySessions({ filter: {} })).items;
    assert.ok(
      sessions.every((s) => s.models[0]!.tests[0]!.metrics.tokens_per_second !== 90),
      'the edited figure is never shown',
    );
    assert.deepEqual(
      (await store.backend.integrity()).damage.map((d) => [d.file, d.kind, d.line]),
      [['test_sessions.log', 'checksum', lines.length]],
    );
    assert.ok(warnings.some((w) => w.includes('test_sessions.log: 1 record dropped')));
  });

  it('a truncated log: the cut-short last record is reported on open, not just by the next writer', async () => {
    const folder = fresh();
    const ids = await seeded(folder);
    const log = join(folder, 'test_results.log');
    truncateSync(log, readFileSync(log).length - 30);
    const { store, warnings } = await openLogged(folder);
    const [d] = (await store.backend.integrity()).damage;
    assert.equal(d?.file, 'test_results.log');
    assert.equal(d?.kind, 'truncated');
    assert.match(warnings.join('\n'), /test_results\.log: 1 record dropped \(truncated last line/);
    assert.equal((await store.sessions.getTestResults(ids[2]!)).length, 0);
    assert.equal((await store.sessions.getTestResults(ids[1]!)).length, 1);
  });

  it('a log that vanished is reported missing', async () => {
    const folder = fresh();
    await seeded(folder);
    unlinkSync(join(folder, 'test_results.log'));
    const { store, warnings } = await openLogged(folder);
    assert.deepEqual((await store.backend.integrity()).damage, [
      { file: 'test_results.log', kind: 'missing' },
    ]);
    assert.match(warnings.join('\n'), /test_results\.log: missing/);
  });

  it('a store written before checksums loads whole, counted as unverified, not damaged', async () => {
    const folder = fresh();
    await seeded(folder, 2);
    for (const file of ['test_sessions.log', 'test_results.log', 'hardware_samples.log']) {
      const path = join(folder, file);
      // What an earlier version wrote: the same objects without the "c" field.
      const old = readFileSync(path, 'utf8').replace(/^\{"c":"[0-9a-f]{8}",/gm, '{');
      writeFileSync(path, old);
    }
    unlinkSync(join(folder, 'logs.json')); // earlier versions kept no manifest either
    const { store, warnings } = await openLogged(folder);
    assert.deepEqual(warnings, []);
    const report = await store.backend.integrity();
    assert.deepEqual(report.damage, []);
    assert.equal(report.unverified, 2 * 2 + 2 + 2); // insert + update per session, results, samples
    assert.equal((await store.sessions.querySessions({ filter: {} })).total, 2);
    // The next write lists the logs it finds, so one vanishing later is noticed.
    await store.sessions.insertSession(session('qwen2.5:7b'));
    assert.deepEqual(JSON.parse(readFileSync(join(folder, 'logs.json'), 'utf8')).logs, [
      'hardware_samples.log',
      'test_results.log',
      'test_sessions.log',
    ]);
  });

  it('the dashboard is told: its init carries the warning lines for the banner', async () => {
    const folder = fresh();
    await seeded(folder);
    truncateSync(
      join(folder, 'test_results.log'),
      readFileSync(join(folder, 'test_results.log')).length - 9,
    );
    const store = await openEmbeddedStore(folder);
    const { handle, posted } = dashboardHandler(store);
    await handle({ type: 'ready' });
    const init = posted[0]!;
    assert.equal(init.type, 'init');
    if (init.type !== 'init') return;
    assert.match(
      init.storeWarnings?.[0] ?? '',
      /^The store is damaged: test_results\.log: 1 record dropped \(truncated last line/,
    );
    await store.close();
  });

  it('says each damaged file once, with what was dropped', () => {
    assert.deepEqual(
      describeDamage([
        { file: 'test_results.log', kind: 'checksum', line: 17, offset: 900 },
        { file: 'test_results.log', kind: 'truncated', offset: 2000, bytes: 12 },
        { file: 'models.log', kind: 'missing' },
      ]),
      [
        'test_results.log: 2 records dropped (checksum mismatch at line 17, truncated last line, 12 bytes at offset 2000)',
        'models.log: missing — every record it held is lost',
      ],
    );
    assert.deepEqual(integrityNotes({ damage: [], unverified: 5 }, 'x'), []);
  });
});

describe('store check', () => {
  const fresh = scratchFolders('ob-check-');

  it('finds nothing wrong with a clean store', async () => {
    const folder = fresh();
    await seeded(folder);
    const report = await checkStore(folder);
    assert.deepEqual(report.damage, []);
    assert.deepEqual(
      report.logs.map((l) => [l.file, l.records, l.unverified]),
      [
        ['hardware_samples.log', 3, 0],
        ['test_results.log', 3, 0],
        ['test_sessions.log', 6, 0],
      ],
    );
  });

  it('finds checksum, JSON, truncation, duplicate-key and reference damage, and repairs it all', async () => {
    const folder = fresh();
    await seeded(folder);
    const a = await openEmbeddedStore(folder);
    await a.sessions.saveHardwareConfig(hardware('fp-1'));
    await a.close();
    const results = join(folder, 'test_results.log');
    const sessions = join(folder, 'test_sessions.log');
    const configs = join(folder, 'hardware_configs.log');
    // Session 2's update (line 4) gets an edited letter: its first version is what survives.
    editLine(sessions, 4, (l) => l.replace('"status":"completed"', '"status":"completes"'));
    // A valid record of a result whose session the store never had, a line of garbage, and a
    // write cut short.
    const orphan = {
      ...EJSON.parse(readFileSync(results, 'utf8').split('\n')[0]!, { relaxed: true }).p[0],
    };
    Object.assign(orphan, { _id: new ObjectId(), session_id: new ObjectId() });
    appendFileSync(results, encodeRecord({ p: [orphan] }));
    appendFileSync(results, 'not a record\n{"c":"1234');
    // A second machine with a fingerprint already taken (a hand-merged log): the store cannot open.
    const config = EJSON.parse(readFileSync(configs, 'utf8'), { relaxed: true }).p[0];
    appendFileSync(configs, encodeRecord({ p: [{ ...config, _id: new ObjectId() }] }));
    await assert.rejects(openEmbeddedStore(folder), /E11000 duplicate key.*store check --repair/);
    const damaged = readFileSync(results);

    const found = await checkStore(folder);
    assert.deepEqual(found.damage.map((d) => `${d.file} ${d.kind} ${d.line ?? ''}`).sort(), [
      'hardware_configs.log duplicate 2',
      'test_results.log json 5',
      'test_results.log reference ',
      'test_results.log truncated ',
      'test_sessions.log checksum 4',
    ]);
    assert.equal(found.repaired, false);
    assert.equal(existsSync(`${sessions}.bak`), false, 'a check alone changes nothing');

    const fixed = await checkStore(folder, { repair: true });
    assert.equal(fixed.repaired, true);
    assert.deepEqual(readFileSync(`${results}.bak`), damaged, 'the damaged file is kept');
    assert.ok(existsSync(`${sessions}.bak`));
    assert.ok(existsSync(`${configs}.bak`));
    assert.deepEqual((await checkStore(folder)).damage, []);
    const b = await openEmbeddedStore(folder);
    assert.deepEqual((await b.backend.integrity()).damage, []);
    assert.equal((await b.sessions.querySessions({ filter: {} })).total, 3, 'every session kept');
    assert.equal((await b.sessions.listHardwareConfigs()).length, 1);
    await b.close();
  });

  it('repairs a truncated log and a garbled line, keeping every good record', async () => {
    const folder = fresh();
    const ids = await seeded(folder);
    const results = join(folder, 'test_results.log');
    const good = readFileSync(results);
    const firstEnd = good.indexOf('\n') + 1;
    writeFileSync(
      results,
      Buffer.concat([
        good.subarray(0, firstEnd),
        Buffer.from('garbage\n'),
        good.subarray(firstEnd, good.length - 25),
      ]),
    );
    const found = await checkStore(folder);
    assert.deepEqual(
      found.damage.map((d) => [d.file, d.kind, d.line]),
      [
        ['test_results.log', 'json', 2],
        ['test_results.log', 'truncated', undefined],
        ['test_sessions.log', 'reference', undefined],
      ],
    );
    assert.equal((await checkStore(folder, { repair: true })).repaired, true);
    const b = await openEmbeddedStore(folder);
    assert.equal((await b.sessions.getTestResults(ids[0]!)).length, 1);
    assert.equal((await b.sessions.getTestResults(ids[1]!)).length, 1);
    assert.equal((await b.sessions.getTestResults(ids[2]!)).length, 0, 'the cut-short one is gone');
    // The session that pointed at it no longer does; its own figures stay.
    const s2 = (await b.sessions.getSession(ids[2]!))!;
    assert.equal(s2.models[0]!.tests[0]!.result_id, undefined);
    assert.equal(s2.models[0]!.tests[0]!.metrics.tokens_per_second, 40);
    await b.close();
  });

  it('takes the write lock: a live holder makes it wait and give up', async () => {
    const folder = fresh();
    await seeded(folder, 1);
    writeFileSync(
      join(folder, '.lock'),
      JSON.stringify({ pid: process.ppid, host: hostname(), at: new Date().toISOString() }),
    );
    await assert.rejects(checkStore(folder, { lockWaitMs: 100 }), { name: 'StoreLockedError' });
    rmSync(join(folder, '.lock'));
  });

  it('says when there is no store', async () => {
    await assert.rejects(checkStore(fresh('nothing-here')), /no embedded store at/);
  });
});

describe('a read-only embedded store', () => {
  // chattr +i refuses writes even to root (tests run as root, where permission bits do not).
  const base = mkdtempSync(join(tmpdir(), 'ob-readonly-'));
  const folder = join(base, 'store');
  let immutable = false;
  after(() => {
    if (immutable) spawnSync('chattr', ['-i', folder]);
    rmSync(base, { recursive: true, force: true });
  });

  it('opens for reading; a write says the store is read-only and writes nothing', async (t) => {
    const ids = await seeded(folder, 2);
    immutable = spawnSync('chattr', ['+i', folder]).status === 0;
    if (!immutable)
      return t.skip(
        'chattr +i is not available here (test/cli/storeCheck covers an unprivileged user)',
      );
    const { store, warnings } = await openLogged(folder);
    assert.equal((await store.sessions.querySessions({ filter: {} })).total, 2);
    assert.equal((await store.sessions.getTestResults(ids[0]!)).length, 1);
    assert.match(
      (await store.backend.integrity()).readOnly ?? '',
      /cannot write to the folder \(EPERM\)/,
    );
    assert.match(warnings.join('\n'), /is read-only/);
    await assert.rejects(store.sessions.insertSession(session('x')), (err: Error) => {
      assert.equal(err.name, 'StoreReadOnlyError');
      assert.match(err.message, new RegExp(`The store at ${folder} is read-only: `));
      assert.match(err.message, /Nothing was written/);
      return true;
    });
    await assert.rejects(checkStore(folder, { repair: true }), { name: 'StoreReadOnlyError' });
    assert.deepEqual((await checkStore(folder)).damage, [], 'a check still reads it');
    await store.close();
  });
});
