// Bounded import: every limit on what one file may hold refuses with its own name, before a
// document is written, and in bounded memory (nothing is read whole).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { openEmbeddedStore } from '../../src/core/repositories/openStore';
import { encodeArchiveLine, TransferFormatError } from '../../src/core/transfer/archiveFormat';
import { archiveLines } from '../../src/core/transfer/archiveLines';
import { importFiles } from '../../src/core/transfer/importFiles';
import { IMPORT_LIMITS } from '../../src/core/transfer/importLimits';
import { nestsDeeperThan } from '../../src/core/transfer/jsonNesting';
import { counts, populate } from '../fixtures/populatedStore';

const dir = mkdtempSync(join(tmpdir(), 'ob-import-limits-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function archive(text: string | Buffer): string {
  const path = join(dir, `a${n++}.jsonl.gz`);
  writeFileSync(path, gzipSync(text, { level: 1 }));
  return path;
}

const model = (id: string, extra: Record<string, unknown> = {}) =>
  encodeArchiveLine({
    collection: 'models',
    doc: { _id: id, name: id, created_at: new Date(0), updated_at: new Date(0), ...extra },
  });

async function refusal(files: string[]): Promise<TransferFormatError> {
  const store = await openEmbeddedStore(join(dir, `store${n++}`));
  await populate(store, 1);
  const before = await counts(store);
  try {
    const err = await importFiles(store, files).then(
      () => assert.fail('imported a file over a limit'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof TransferFormatError, String(err));
    assert.deepEqual(await counts(store), before, 'nothing written');
    return err;
  } finally {
    await store.close();
  }
}

describe('import limits', () => {
  it('refuses a line with no end (a gzip bomb of one byte) by the line length limit', async () => {
    const bomb = archive(Buffer.alloc(IMPORT_LIMITS.lineBytes + 1024 * 1024, 0x30));
    const err = await refusal([bomb]);
    assert.equal(err.where, 'line 1');
    assert.match(err.problem, /over the import limit on line length \(16\.1 MiB\)/);
  });

  it('refuses an archive that unpacks past the decompressed size limit', async () => {
    const path = archive('\n'.repeat(10_000));
    const read = async () => {
      for await (const _ of archiveLines(path, { decompressedBytes: 4096, lineBytes: 100 }));
    };
    await assert.rejects(read, /over the import limit on decompressed size/);
  });

  it('refuses nesting deeper than 100 levels, without a stack overflow', async () => {
    const deep = `{"collection":"models","doc":{"_id":"d","name":"d","created_at":{"$date":0},"updated_at":{"$date":0},"x":${'['.repeat(2000)}${']'.repeat(2000)}}}\n`;
    const err = await refusal([archive(model('ok') + deep)]);
    assert.equal(err.where, 'line 2');
    assert.match(err.problem, /nesting depth \(100 levels\)/);
    const exportFile = join(dir, 'deep.json');
    writeFileSync(exportFile, `[${'['.repeat(2000)}${']'.repeat(2000)}]`);
    assert.match((await refusal([exportFile])).problem, /nesting depth/);
    assert.equal(nestsDeeperThan('{"a":"[[[[[["}', 2), false);
    assert.equal(nestsDeeperThan('[[[]]]', 2), true);
  });

  it('refuses an over-long string and an over-long field name, naming the field', async () => {
    const longString = model('s', { note: 'x'.repeat(IMPORT_LIMITS.stringLength + 1) });
    assert.match((await refusal([archive(longString)])).problem, /string length.*"note"/);
    const longKey = model('k', { ['k'.repeat(IMPORT_LIMITS.fieldNameLength + 1)]: 1 });
    assert.match((await refusal([archive(longKey)])).problem, /field name length/);
  });

  it('refuses a document over 16 MiB as BSON (a short line of many numbers)', async () => {
    // 2 bytes per number as JSON, 8 bytes and its index as BSON.
    const big = model('b', { many: new Array<number>(1_500_000).fill(0) });
    assert.match((await refusal([archive(big)])).problem, /document size \(16 MiB\)/);
  });

  it('refuses two documents with the same _id in one file, naming both lines', async () => {
    const err = await refusal([archive(model('m1') + model('m2') + model('m1'))]);
    assert.equal(err.where, 'line 3');
    assert.match(err.problem, /a second models document with _id m1 \(the first is on line 1\)/);
  });

  it('refuses a session whose model name is not text, with the field', async () => {
    const session = encodeArchiveLine({
      collection: 'test_sessions',
      doc: {
        _id: 's1',
        status: 'completed',
        start_time: new Date(),
        created_at: new Date(),
        updated_at: new Date(),
        hardware_id: 'h',
        tags: [],
        models: [{ name: 5, tests: [] }],
      },
    });
    assert.match((await refusal([archive(session)])).problem, /"models\[0\]\.name" must be text/);
  });
});
