// `--store` under /proc or /sys: mkdir -p there loops at full CPU and never returns, so such a path
// (named directly or reached through a symlink) must be refused at once with exit 2.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI, ensureBuilt, runProcess } from '../fixtures/cliProcess';

/** Well under the fixture's default: a CLI that spins is killed and the test fails, not hangs. */
const TIMEOUT_MS = 15_000;
const onLinux = process.platform === 'linux' && existsSync('/proc/self');

describe('ollama-bench --store under a kernel filesystem', { skip: !onLinux }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ob-storepath-'));
  before(() => ensureBuilt());
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const store of ['/proc/forbidden', '/sys/kernel/ollama-bench']) {
    it(`refuses ${store} with a clear message and exit 2`, async () => {
      const r = await runProcess(
        process.execPath,
        [CLI, 'history', '--store', store],
        {},
        TIMEOUT_MS,
      );
      assert.equal(r.code, 2, `exit ${r.code}; stderr: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`Cannot use ${store} as the embedded store`));
      assert.match(r.stderr, /kernel filesystem/);
      assert.equal(r.stdout, '');
    });
  }

  it('refuses a path that reaches /proc through a symlink, and the same from OLLAMA_BENCH_STORE', async () => {
    const link = join(dir, 'looks-harmless');
    symlinkSync('/proc', link);
    const store = join(link, 'store');
    const viaOption = await runProcess(
      process.execPath,
      [CLI, 'history', '--store', store],
      {},
      TIMEOUT_MS,
    );
    assert.equal(viaOption.code, 2, viaOption.stderr);
    assert.match(viaOption.stderr, /resolves to \/proc\/store/);
    const viaEnv = await runProcess(
      process.execPath,
      [CLI, 'history'],
      { OLLAMA_BENCH_STORE: store },
      TIMEOUT_MS,
    );
    assert.equal(viaEnv.code, 2, viaEnv.stderr);
  });

  it('still accepts a folder whose name merely starts with proc', async () => {
    const store = join(dir, 'proc', 'sys');
    const r = await runProcess(
      process.execPath,
      [CLI, 'history', '--store', store],
      {},
      TIMEOUT_MS,
    );
    assert.equal(r.code, 0, r.stderr);
  });
});
