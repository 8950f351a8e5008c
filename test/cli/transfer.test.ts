// `ollama-bench import` and `copy` as a user runs them: the built dist/cli.js between embedded
// store folders and MongoDB over the wire (jongodb).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { openEmbeddedStore } from '../../src/core/repositories/openStore';
import { DATA_COLLECTIONS } from '../../src/core/store/storeCollection';
import { encodeArchiveLine, writeArchive } from '../../src/core/transfer/archiveFormat';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { jongodbAvailable, startJongodb, type Jongodb } from '../fixtures/jongodb';
import { counts, populate } from '../fixtures/populatedStore';

describe('ollama-bench import / copy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ob-cli-transfer-'));
  const home = join(dir, 'home');
  const source = join(dir, 'source');
  const cli = (args: string[]) =>
    runCli(args, { HOME: home, OLLAMA_BENCH_MONGO_TIMEOUT_MS: '3000' });
  const countsOf = async (folder: string) => {
    const s = await openEmbeddedStore(folder);
    try {
      return await counts(s);
    } finally {
      await s.close();
    }
  };
  let archive: string;
  let archived = 0;

  before(async () => {
    ensureBuilt();
    const s = await openEmbeddedStore(source);
    await populate(s);
    archive = join(dir, 'all.jsonl.gz');
    archived = await writeArchive(
      archive,
      (async function* () {
        for (const collection of DATA_COLLECTIONS)
          for (const doc of await s.documents.read(collection)) yield { collection, doc };
      })(),
    );
    await s.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports an archive and a JSON export once: added N, skipped M', async () => {
    const target = join(dir, 'imported');
    const json = join(dir, 'sessions.json');
    const exported = await cli(['export', '--format', 'json', '--store', source, '--out', json]);
    assert.equal(exported.code, 0, exported.stderr);

    const first = await cli(['import', archive, '--store', target]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, `added ${archived}, skipped 0\n`);
    assert.deepEqual(await countsOf(target), await countsOf(source));

    const again = await cli(['import', archive, json, '--store', target, '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout), { added: 0, skipped: archived + 3 });

    const fresh = join(dir, 'from-json');
    const sessions = await cli(['import', json, '--store', fresh, '--json']);
    assert.deepEqual(JSON.parse(sessions.stdout), { added: 3, skipped: 0 });
    const history = await cli(['history', '--store', fresh, '--json']);
    assert.equal((JSON.parse(history.stdout) as unknown[]).length, 3);
  });

  it('exits 2 on a malformed file, names it and the first bad line, and writes nothing', async () => {
    const target = join(dir, 'untouched');
    const seeded = await openEmbeddedStore(target);
    await populate(seeded, 1);
    await seeded.close();
    const before = await countsOf(target);

    const bad = join(dir, 'broken.jsonl.gz');
    const now = new Date();
    const line = (id: string) =>
      encodeArchiveLine({
        collection: 'models',
        doc: { _id: id, name: id, created_at: now, updated_at: now },
      });
    // Two good lines (distinct _ids: one file may not hold an _id twice), then a bad one.
    writeFileSync(bad, gzipSync(`${line('m-new')}${line('m-new2')}not json at all\n`));
    const r = await cli(['import', archive, bad, '--store', target]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken\.jsonl\.gz: line 3: not JSON/);
    assert.match(r.stderr, /Nothing was imported/);

    const badJson = join(dir, 'broken.json');
    writeFileSync(badJson, '[\n  {"_id": "x"\n');
    const j = await cli(['import', badJson, '--store', target]);
    assert.equal(j.code, 2);
    assert.match(j.stderr, /broken\.json: byte offset \d+: not valid JSON/);

    const missing = await cli(['import', join(dir, 'nope.json'), '--store', target]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.json: start: cannot read the file \(ENOENT\)/);

    assert.deepEqual(await countsOf(target), before);
  });

  describe('copy to MongoDB and back', { skip: !jongodbAvailable() && 'no jongodb' }, () => {
    let server: Jongodb;
    before(async () => {
      server = await startJongodb();
    });
    after(() => server?.stop());

    it('copies every document, verifies, adds nothing the second time, and copies back', async () => {
      const first = await cli(['copy', '--from', source, '--to', server.uri, '--database', 'cp']);
      assert.equal(first.code, 0, first.stderr);
      assert.match(
        first.stdout,
        new RegExp(
          `added ${archived}, skipped 0 .*verified: the target holds every source document`,
        ),
      );
      assert.match(first.stderr, /copy: test_sessions 3\/3/);

      const second = await cli([
        'copy',
        '--from',
        source,
        '--to',
        server.uri,
        '--database',
        'cp',
        '--json',
      ]);
      assert.equal(second.code, 0, second.stderr);
      const report = JSON.parse(second.stdout) as {
        added: number;
        skipped: number;
        missing: number;
      };
      assert.deepEqual([report.added, report.skipped, report.missing], [0, archived, 0]);

      const back = join(dir, 'back');
      const third = await cli(['copy', '--from', server.uri, '--to', back, '--database', 'cp']);
      assert.equal(third.code, 0, third.stderr);
      assert.deepEqual(await countsOf(back), await countsOf(source));
    });

    it('fails clearly when the target keeps some documents under other ids', async () => {
      const other = join(dir, 'other');
      const s = await openEmbeddedStore(other);
      await populate(s, 0); // the same machine, model and suite, other _ids
      await s.close();
      const r = await cli(['copy', '--from', other, '--to', server.uri, '--database', 'cp']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /INCOMPLETE: .* 3 source document\(s\) are not in the target/);
    });

    it('refuses to copy a store onto itself', async () => {
      const r = await cli(['copy', '--from', source, '--to', source]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /same store/);
    });
  });
});
