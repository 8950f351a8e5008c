// A window learns that another process wrote sessions into the shared store folder.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openEmbeddedStore } from '../../src/core/repositories/openStore';
import {
  watchStoreFolder,
  type StoreChangeWatcherOptions,
} from '../../src/core/store/storeChangeWatcher';
import { runProcess, ROOT } from '../fixtures/cliProcess';
import { session } from '../fixtures/storeDocuments';

const root = mkdtempSync(join(tmpdir(), 'ob-watch-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Another process (as the CLI is) writes one session into the folder. */
async function writeSessionElsewhere(folder: string): Promise<void> {
  const script = `
    const { openEmbeddedStore } = require(${JSON.stringify(join(ROOT, 'src/core/repositories/openStore.ts'))});
    (async () => {
      const store = await openEmbeddedStore(${JSON.stringify(folder)});
      await store.sessions.insertSession(${JSON.stringify(session('llama3.2:3b', { tags: ['elsewhere'] }))});
      await store.close();
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const r = await runProcess(process.execPath, ['--import', 'tsx', '-e', script]);
  assert.equal(r.code, 0, r.stderr);
}

/** Resolves with the number of onChange calls once the first one arrives. */
function watching(folder: string, options: StoreChangeWatcherOptions) {
  let calls = 0;
  let notify: () => void = () => undefined;
  // The watcher's own timers are unref'd (they must not keep a window's host alive): hold the
  // loop open here while the test waits, or node ends the test before the poll fires.
  const keepAlive = setInterval(() => undefined, 1000);
  const first = new Promise<void>((resolve) => (notify = resolve)).finally(() =>
    clearInterval(keepAlive),
  );
  const watcher = watchStoreFolder(
    folder,
    () => {
      calls++;
      notify();
    },
    options,
  );
  return { watcher, first, calls: () => calls, notify: () => notify() };
}

describe('watchStoreFolder', () => {
  for (const [how, options] of [
    ['fs.watch', { pollMs: 60_000, debounceMs: 20 }],
    ['the size/mtime poll alone', { useFsWatch: false, pollMs: 50, debounceMs: 20 }],
  ] as const) {
    it(`reports a session another process wrote, through ${how}`, async () => {
      const folder = mkdtempSync(join(root, 'store-'));
      const own = await openEmbeddedStore(folder);
      await own.sessions.insertSession(session('qwen2.5:7b'));
      const w = watching(folder, options);
      try {
        await writeSessionElsewhere(folder);
        await w.first;
        assert.ok(w.calls() >= 1);
        const page = await own.sessions.querySessions({ filter: { tags: ['elsewhere'] } });
        assert.equal(page.items.length, 1, 'a re-read after the report shows the new session');
      } finally {
        w.notify();
        w.watcher.close();
        await own.close();
      }
    });
  }

  it('check() on focus finds a change the poll has not looked at yet, and only then', async () => {
    const folder = mkdtempSync(join(root, 'store-'));
    const w = watching(folder, { useFsWatch: false, pollMs: 3_600_000, debounceMs: 1 });
    try {
      w.watcher.check();
      const own = await openEmbeddedStore(folder);
      await own.sessions.insertSession(session('qwen2.5:7b'));
      await own.close();
      w.watcher.check();
      await w.first;
      assert.equal(w.calls(), 1);
      w.watcher.check(); // nothing new: no second report
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(w.calls(), 1);
    } finally {
      w.notify();
      w.watcher.close();
    }
  });

  it('reports nothing after close', async () => {
    const folder = mkdtempSync(join(root, 'store-'));
    const w = watching(folder, { useFsWatch: false, pollMs: 3_600_000, debounceMs: 1 });
    w.watcher.close();
    const own = await openEmbeddedStore(folder);
    await own.sessions.insertSession(session('qwen2.5:7b'));
    await own.close();
    w.watcher.check();
    await new Promise((r) => setTimeout(r, 20));
    w.notify();
    assert.equal(w.calls(), 0);
  });
});
