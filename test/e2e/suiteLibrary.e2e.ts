// The suite library in a real VS Code: Search Test Suites… narrows the quick pick by the store's
// text search, and Delete (asked in a modal) removes the suite from the store the extension uses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openEmbeddedStore } from '../../src/core/repositories/openStore';
import { launchVsCode, type VsCodeSession } from './harness';
import { withFailureShot } from './failureShot';

describe('Suite library (code-server + Chromium)', { timeout: 240_000 }, () => {
  let vs: VsCodeSession;
  let storeDir: string;
  const names = async () => {
    const store = await openEmbeddedStore(storeDir);
    try {
      return (await store.suites.list()).map((s) => s.name);
    } finally {
      await store.close();
    }
  };

  before(async () => {
    vs = await launchVsCode({ name: 'suite-library' });
    storeDir = vs.storeDir;
    const store = await openEmbeddedStore(storeDir);
    const base = { kind: 'custom' as const, prompts: ['p'], options: { num_predict: 8 } };
    await store.suites.save({
      ...base,
      name: 'Haiku',
      description: 'Short poems',
      tags: ['writing'],
    });
    await store.suites.save({ ...base, name: 'Code review', description: 'Finds bugs', tags: [] });
    await store.close();
  });
  after(async () => {
    await vs?.stop();
  });

  it('finds a suite by a word of its description and deletes it after asking', async () => {
    const { page } = vs;
    await withFailureShot(vs, 'suite-library-failed', async () => {
      // The extension's own container first: its commands are in the palette once it shows.
      await vs.openContainer('Ollama Bench');
      await vs.runCommand('Ollama Bench: Search Test Suites');
      const rows = page.locator('.quick-input-list .monaco-list-row');
      await rows.filter({ hasText: 'Code review' }).waitFor({ timeout: 30_000 });
      const input = page.locator('.quick-input-widget input');
      await input.fill('poems');
      // The list shows what the store's search answered: only the suite whose description says it.
      const deadline = Date.now() + 15_000;
      let labels: string[] = [];
      while (Date.now() < deadline) {
        labels = await rows.allTextContents();
        if (labels.length === 1 && labels[0]!.includes('Haiku')) break;
        await page.waitForTimeout(200);
      }
      assert.equal(labels.length, 1, `rows: ${labels.join(' | ')}`);
      assert.match(labels[0]!, /Haiku/);
      await vs.screenshot('suite-search');
      await input.press('Enter');
      await rows.filter({ hasText: 'Delete' }).waitFor({ timeout: 10_000 });
      await input.fill('Delete');
      await input.press('Enter');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 10_000 });
      assert.match(
        (await dialog.textContent()) ?? '',
        /Delete the test suite "Haiku"\?.*keep their own copy of its options/s,
      );
      await vs.screenshot('suite-delete-modal');
      await dialog.getByRole('button', { name: 'Delete' }).click();
      await page
        .locator('.notifications-toasts', { hasText: 'Test suite "Haiku" deleted.' })
        .waitFor({ timeout: 15_000 });
      assert.deepEqual(await names(), ['Code review']);
    });
  });
});
