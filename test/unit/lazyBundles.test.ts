// The bundles the extension requires on first use (src/host/lazyBundles.ts) stand on their own and
// export what the loader's types promise: the store bundle opens an embedded store and knows its folder, the
// bench bundle has the runner and the hardware monitor. Builds dist/ when it is missing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type * as BenchBundle from '../../src/core/bench/benchEngine';
import type * as StoreBundle from '../../src/core/repositories/storeBundle';

const dist = join(__dirname, '..', '..', 'dist');

describe('lazily loaded bundles', () => {
  before(() => {
    if (!existsSync(join(dist, 'store.js')) || !existsSync(join(dist, 'bench.js')))
      execFileSync(process.execPath, ['esbuild.mjs'], { cwd: join(dist, '..'), stdio: 'inherit' });
  });

  it('dist/store.js opens an embedded store on its own and names its folder', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const store = require(join(dist, 'store.js')) as typeof StoreBundle;
    const dir = mkdtempSync(join(tmpdir(), 'ollama-bench-bundle-'));
    try {
      const opened = await store.openStore(dir);
      assert.match(opened.description, new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.equal(await opened.sessions.countSessions({}), 0);
      assert.equal(store.embeddedFolderOf(opened), dir);
      assert.equal(typeof store.moveToSharedStore, 'function');
      assert.equal(typeof store.JournalingRunStore, 'function');
      assert.deepEqual(store.runJournalDirs(dir)[0], join(dir, 'journal'));
      await opened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('dist/bench.js has the runner and the hardware monitor', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bench = require(join(dist, 'bench.js')) as typeof BenchBundle;
    assert.equal(typeof bench.runSession, 'function');
    assert.equal(typeof bench.createHardwareMonitor, 'function');
  });
});
