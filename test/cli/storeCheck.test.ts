// A damaged or read-only embedded store as a user meets it through the built dist/cli.js:
// `history` and `export` say which file lost what, `store check` finds it (exit 1) and --repair
// mends it (exit 0), and a store this user may not write still reads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/core/repositories/openStore';
import type { SessionDoc } from '../../src/shared/dto';
import { CLI, ensureBuilt, runCli, runProcess } from '../fixtures/cliProcess';
import { session } from '../fixtures/storeDocuments';

async function seed(folder: string): Promise<void> {
  const store = await openStore(folder);
  for (let i = 0; i < 3; i++) {
    const id = await store.sessions.insertSession(
      session('llama3.2:3b', { at: Date.UTC(2024, 0, 1 + i), tps: 10 + i }),
    );
    await store.sessions.insertTestResult({
      session_id: id,
      model_name: 'llama3.2:3b',
      test_type: 'A',
      status: 'completed',
      metrics: { stats: {}, repetitions: [], flags: [] } as never,
      output: `output ${i}`,
      logs: [],
      created_at: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
    });
  }
  await store.close();
}

describe('ollama-bench on a damaged store, store check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ob-cli-check-'));
  const clean = join(dir, 'clean');
  before(async () => {
    ensureBuilt();
    await seed(clean);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of the clean store with its last test result cut short. */
  function truncatedCopy(name: string): string {
    const folder = join(dir, name);
    cpSync(clean, folder, { recursive: true });
    const log = join(folder, 'test_results.log');
    truncateSync(log, readFileSync(log).length - 40);
    return folder;
  }

  it('history and export warn on stderr which file lost what, and still answer', async () => {
    const store = truncatedCopy('warned');
    const history = await runCli(['history', '--store', store, '--json']);
    assert.equal(history.code, 0, history.stderr);
    assert.equal((JSON.parse(history.stdout) as SessionDoc[]).length, 3);
    assert.match(
      history.stderr,
      /warning: the embedded store at .* is damaged: test_results\.log: 1 record dropped \(truncated last line, \d+ bytes at offset \d+\)/,
    );
    const csv = await runCli(['export', '--store', store, '--format', 'csv']);
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stderr, /test_results\.log: 1 record dropped \(truncated last line/);
    assert.match(csv.stderr, /store check --repair/);

    const quiet = await runCli(['history', '--store', clean]);
    assert.equal(quiet.stderr, '', 'a clean store says nothing');
  });

  it('store check exits 1 on damage, --repair mends it keeping a .bak, then it exits 0', async () => {
    const store = truncatedCopy('repaired');
    const found = await runCli(['store', 'check', '--store', store]);
    assert.equal(found.code, 1, found.stderr);
    assert.match(found.stdout, /test_results\.log: 1 record dropped \(truncated last line/);
    assert.match(found.stdout, /Run `ollama-bench store check --repair`/);

    const json = await runCli(['store', 'check', '--store', store, '--json']);
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout) as { damage: { file: string; kind: string }[] };
    assert.deepEqual(
      report.damage.map((d) => [d.file, d.kind]),
      [['test_results.log', 'truncated']],
    );

    const fixed = await runCli(['store', 'check', '--store', store, '--repair']);
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    assert.match(fixed.stdout, /test_results\.log rewritten; the damaged file is kept as .*\.bak/);
    assert.ok(existsSync(join(store, 'test_results.log.bak')));

    const again = await runCli(['store', 'check', '--store', store]);
    assert.equal(again.code, 0, again.stdout);
    assert.match(again.stdout, /No damage found\./);
    const history = await runCli(['history', '--store', store]);
    assert.equal(history.stderr, '');

    const clean2 = await runCli(['store', 'check', '--store', clean]);
    assert.equal(clean2.code, 0, clean2.stdout);
  });

  it('refuses a MongoDB URI with a pointer to what checks it', async () => {
    const r = await runCli(['store', 'check', '--store', 'mongodb://127.0.0.1:1/x']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /verifies an embedded store folder/);
  });
});

describe('ollama-bench on a read-only store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ob-cli-ro-'));
  const store = join(dir, 'store');
  // Root writes whatever the permission bits say: as root, run the CLI as `nobody`.
  const asRoot = process.getuid?.() === 0;
  const canDrop = asRoot && spawnSync('setpriv', ['--version']).status === 0;
  const cli = (args: string[]) =>
    asRoot
      ? runProcess('setpriv', [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          process.execPath,
          CLI,
          ...args,
        ])
      : runCli(args);
  before(async () => {
    ensureBuilt();
    await seed(store);
    chmodSync(dir, 0o755);
    spawnSync('chmod', ['-R', 'a-w', store]);
  });
  after(() => {
    spawnSync('chmod', ['-R', 'u+w', store]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('history and export read it; a write says it is read-only', async (t) => {
    if (asRoot && !canDrop) return t.skip('running as root without setpriv to drop privileges');
    const history = await cli(['history', '--store', store, '--json']);
    assert.equal(history.code, 0, history.stderr);
    assert.equal((JSON.parse(history.stdout) as SessionDoc[]).length, 3);
    assert.match(
      history.stderr,
      /is read-only: cannot write to the folder \(EACCES\); results can be read/,
    );
    const md = await cli(['export', '--store', store, '--format', 'md']);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /llama3\.2:3b/);

    const prune = await cli(['prune', '--store', store, '--session-days', '1']);
    assert.equal(prune.code, 1);
    assert.match(prune.stderr, new RegExp(`The store at ${store} is read-only: `));
    assert.match(prune.stderr, /Nothing was written/);
    const repair = await cli(['store', 'check', '--store', store, '--repair']);
    assert.equal(repair.code, 1);
    assert.match(repair.stderr, /is read-only/);
    const check = await cli(['store', 'check', '--store', store]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /without its write lock/);
  });
});
