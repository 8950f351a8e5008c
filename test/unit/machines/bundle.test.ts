// Result bundles: the same documents come back exactly after a round trip through import, a
// changed byte makes the bundle "modified" and stops the import, and a redacted bundle holds no
// host or user name (checked by searching the unpacked file for them).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { checkBundle } from '../../../src/core/machines/bundleSeal';
import { bundleEntries, writeBundle } from '../../../src/core/machines/resultBundle';
import { BundleModifiedError, verifyBundles } from '../../../src/core/machines/verifyBundles';
import { readImportFiles, writeImport } from '../../../src/core/transfer/importFiles';
import { encodeArchiveLine } from '../../../src/core/transfer/archiveFormat';
import { counts, populate } from '../../fixtures/populatedStore';
import { scratchFolders } from '../../fixtures/scratchFolders';
import { hardware, session } from '../../fixtures/storeDocuments';
import { openTempStore, type TempStore } from '../../fixtures/tempStore';

const HOST = 'alice-workstation';
const USER = 'alicesmith';

async function addPrivateMachine(t: TempStore): Promise<string> {
  const hw = await t.store.sessions.saveHardwareConfig({
    ...hardware('fp-private', 'Intel Core i7-13700H', 'NVIDIA RTX 4060 Laptop'),
    os: { name: 'Linux', version: '6.8', kernel: '6.8.0', hostname: HOST },
  });
  const s = session('qwen3:8b', {
    hw,
    options: { host: `http://${HOST}.local:11434` },
  });
  return t.store.sessions.insertSession({
    ...s,
    machine: `${HOST} / i7 / RTX 4060`,
    runner: { hostname: HOST, pid: 42 },
    partitions: [
      {
        mount: `/home/${USER}/models`,
        device: '/dev/nvme0n1p3',
        fstype: 'ext4',
        total: 1e12,
        used: 1,
        free: 1,
      },
    ],
    machine_notes: [`models kept in /home/${USER}/models; see /sys/class/powercap/intel-rapl:0`],
  });
}

describe('result bundles', () => {
  const folder = scratchFolders('ob-bundle-');
  let source: TempStore;
  let dir: string;
  let privateSession: string;

  before(async () => {
    source = await openTempStore();
    await populate(source.store);
    privateSession = await addPrivateMachine(source);
    dir = folder();
    mkdirSync(dir);
  });
  after(async () => {
    await source.remove();
  });

  it('round-trips exactly: imported into an empty store, the same documents bundle to the same bytes', async () => {
    const file = join(dir, 'all.bundle.jsonl.gz');
    const written = await writeBundle(source.store, file, {});
    assert.equal(written.sessions, 4);
    const check = await checkBundle(file);
    assert.equal(check.kind, 'verified');
    const target = await openTempStore();
    try {
      const verdicts = await verifyBundles([file]);
      assert.deepEqual(
        verdicts.map((v) => v.verdict),
        ['verified'],
      );
      await writeImport(target.store, await readImportFiles([file]));
      // Everything but saved suites, which a bundle does not carry.
      assert.deepEqual(await counts(target.store), {
        ...(await counts(source.store)),
        custom_suites: 0,
      });
      const before = (await bundleEntries(source.store, {})).map(encodeArchiveLine).join('');
      const again = (await bundleEntries(target.store, {})).map(encodeArchiveLine).join('');
      assert.equal(again, before);
      const copy = join(dir, 'copy.bundle.jsonl.gz');
      assert.equal((await writeBundle(target.store, copy, {})).sha256, written.sha256);
    } finally {
      await target.remove();
    }
  });

  it('a modified byte is detected: "modified", nothing imported unless forced', async () => {
    const file = join(dir, 'one.bundle.jsonl.gz');
    await writeBundle(source.store, file, { sessionIds: [privateSession] });
    const text = gunzipSync(readFileSync(file));
    const at = text.indexOf('"tokens_per_second":40');
    assert.ok(at > 0);
    text[at + '"tokens_per_second":'.length] = '9'.charCodeAt(0);
    const tampered = join(dir, 'tampered.bundle.jsonl.gz');
    writeFileSync(tampered, gzipSync(text));
    assert.equal((await checkBundle(tampered)).kind, 'modified');
    await assert.rejects(verifyBundles([tampered]), (err: Error) => {
      assert.ok(err instanceof BundleModifiedError);
      assert.match(err.message, /modified/);
      return true;
    });
    const forced = await verifyBundles([tampered], { force: true });
    assert.deepEqual(
      forced.map((v) => v.verdict),
      ['modified'],
    );
    // A flipped byte of the compressed file: gzip's own check refuses it before anything is read.
    const raw = readFileSync(file);
    const middle = raw.length >> 1;
    raw[middle] = (raw[middle] ?? 0) ^ 0xff;
    const flipped = join(dir, 'flipped.bundle.jsonl.gz');
    writeFileSync(flipped, raw);
    await assert.rejects(verifyBundles([flipped]), /modified or damaged/);
  });

  it('redacts host names, user names and paths with stable pseudonyms: a search finds none', async () => {
    const file = join(dir, 'public.bundle.jsonl.gz');
    const seal = await writeBundle(
      source.store,
      file,
      { sessionIds: [privateSession] },
      { redact: true },
    );
    assert.equal(seal.redacted, true);
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    // zgrep -i: status 1 is "no line matches".
    for (const name of [HOST, USER, 'alice', `/home/${USER}`]) {
      const grep = spawnSync('zgrep', ['-i', '-c', '-F', name, file], { encoding: 'utf8' });
      assert.equal(grep.status, 1, `${name} left in the bundle (${grep.stdout.trim()} line(s))`);
    }
    // The unredacted bundle does hold them, so the search does find what is there.
    const plain = join(dir, 'private.bundle.jsonl.gz');
    await writeBundle(source.store, plain, { sessionIds: [privateSession] });
    assert.equal(spawnSync('zgrep', ['-i', '-q', '-F', HOST, plain]).status, 0);
    assert.match(text, /host-[0-9a-f]{8}/);
    assert.match(text, /path-[0-9a-f]{8}/);
    assert.match(text, /\/sys\/class\/powercap/);
    // Stable: the same bundle twice gives the same pseudonyms, so the content hash is the same.
    const second = await writeBundle(
      source.store,
      join(dir, 'public2.bundle.jsonl.gz'),
      { sessionIds: [privateSession] },
      { redact: true },
    );
    assert.equal(second.sha256, seal.sha256);
    assert.equal((await checkBundle(file)).kind, 'verified');
  });
});
