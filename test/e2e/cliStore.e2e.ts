// One store for the CLI and the extension: with a VS Code window open on an empty Results
// Dashboard, a session run from a terminal (`node dist/cli.js run`, default store) appears in the
// dashboard and in the Sessions view on its own, without a manual refresh. Both processes get the
// same temporary HOME, so "the default store" is <home>/.ollama-bench and the user's real home is
// never touched. A store path under /proc is refused with an error rather than a hang.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCliBenchmark } from './cliRuns';
import { vsCodeForSuite } from './suiteWindow';
import { withFailureShot } from './failureShot';
import { dashboardFrame, until, waitForExtension } from './webviewSteps';

describe('a CLI run shows in an open window (code-server + Chromium)', { timeout: 400_000 }, () => {
  const home = mkdtempSync(join(tmpdir(), 'ob-e2e-home-'));
  const vs = vsCodeForSuite({
    name: 'cli-store',
    home,
    standIn: { tokensPerSecond: 400, loadMs: 50 },
  });
  after(() => {
    rmSync(home, { recursive: true, force: true });
  });

  it('lists a session the CLI wrote to the default store, in the dashboard and the Sessions view', async () => {
    await withFailureShot(vs, 'cli-store-failure', async () => {
      await waitForExtension(vs);
      await vs.runCommand('Ollama Bench: Open Results Dashboard');
      const dash = await dashboardFrame(vs);
      await dash.locator('#list-view .empty', { hasText: 'No sessions yet' }).waitFor();
      const rows = dash.locator('#sessions-table tbody tr');
      assert.equal(await rows.count(), 0);
      // The Models view lists llama3.2:3b too; only a session row carries the tag.
      const sessionsView = vs.page.locator(
        '[id="workbench.view.extension.ollamaBench"] .monaco-list-row',
        { hasText: '#from-cli' },
      );
      assert.equal(await sessionsView.count(), 0);
      assert.equal(existsSync(join(vs.storeDir, 'test_sessions.log')), false);

      // The terminal: same HOME, no --store, no OLLAMA_BENCH_STORE.
      const r = await runCliBenchmark(vs, {
        args: ['--repetitions', '1', '--num-predict', '8', '--no-hardware', '--tag', 'from-cli'],
        windowStore: false,
        env: { HOME: home, USERPROFILE: home, OLLAMA_BENCH_STORE: '' },
      });
      assert.match(
        r.stdout,
        new RegExp(`stored in embedded store at ${join(home, '.ollama-bench')}`),
      );

      // No refresh command, no click: the window notices the store changed.
      await until(
        async () => (await rows.count()) === 1,
        'the CLI session in the dashboard',
        30_000,
      );
      assert.match((await rows.first().textContent()) ?? '', /llama3\.2:3b/);
      await until(
        async () => (await sessionsView.count()) === 1,
        'the CLI session in the Sessions view',
        30_000,
      );
      assert.match((await sessionsView.first().textContent()) ?? '', /llama3\.2:3b/);
      await vs.screenshot('cli-store-dashboard');
    });
  });

  it('refuses a store path under /proc with an error that offers the setting', async () => {
    await withFailureShot(vs, 'cli-store-proc-failure', async () => {
      await vs.updateSettings({ 'ollamaBench.store.path': '/proc/forbidden' });
      await vs.openContainer('Ollama Bench');
      const toast = vs.page.locator('.notifications-toasts .notification-toast', {
        hasText: 'kernel filesystem',
      });
      await toast.waitFor({ timeout: 30_000 });
      assert.match(await toast.innerText(), /Cannot use \/proc\/forbidden as the embedded store/);
      await toast.getByRole('button', { name: 'Open Setting' }).waitFor();
      await vs.screenshot('cli-store-proc-refused');
    });
  });
});
