// "Run Ollama benchmark" when Ollama fails the check before a session exists: one error
// notification with Retry / Set Ollama Host / Refresh Models and no session stored; Retry, once
// Ollama answers again, runs the benchmark.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vsCodeForSuite } from './suiteWindow';
import { withFailureShot } from './failureShot';
import {
  dashboardFrame,
  liveFrame,
  runBenchmarkFromPalette,
  until,
  waitForExtension,
} from './webviewSteps';

describe('Benchmark preflight (code-server + Chromium)', { timeout: 300_000 }, () => {
  const vs = vsCodeForSuite({ name: 'preflight', standIn: { tokensPerSecond: 500, loadMs: 20 } });

  it('a failed check is one notification with its fixes; Retry then runs the session', async () => {
    await withFailureShot(vs, 'preflight-failed-test', async () => {
      await waitForExtension(vs);
      // The pickers read /api/tags; the preflight's /api/version fails once, as a broken server.
      vs.standIn!.addFault({
        path: '/api/version',
        times: 1,
        fault: { kind: 'status', status: 500, error: 'llama runner process has terminated' },
      });
      await runBenchmarkFromPalette(vs, 'qwen3:0.6b', 1, 'e2e-preflight');
      const toast = vs.page.locator('.notifications-toasts .notification-toast', {
        hasText: 'Cannot start the benchmark',
      });
      await toast.waitFor({ timeout: 30_000 });
      assert.match(
        await toast.innerText(),
        /Cannot start the benchmark: Ollama at http:\/\/127\.0\.0\.1:\d+ failed \(500: llama runner process has terminated\)/,
      );
      for (const name of ['Set Ollama Host', 'Refresh Models'])
        await toast.getByRole('button', { name }).waitFor();
      assert.equal(
        vs.standIn!.requests.filter((q) => q.path === '/api/generate').length,
        0,
        'nothing was loaded or generated',
      );
      await vs.screenshot('preflight-failed');

      await toast.getByRole('button', { name: 'Retry' }).click();
      const live = await liveFrame(vs);
      await until(
        async () =>
          /Session completed/.test((await live.locator('#live-status').textContent()) ?? ''),
        'the session to complete after Retry',
        120_000,
      );
      await vs.runCommand('Notifications: Clear All Notifications');
      await vs.runCommand('Ollama Bench: Open Results Dashboard');
      const dash = await dashboardFrame(vs);
      const rows = dash.locator('#sessions-table tbody tr');
      await rows.first().waitFor({ timeout: 30_000 });
      // The refused attempt stored nothing: only the session Retry ran.
      assert.equal(await rows.count(), 1);
      assert.match((await rows.first().textContent()) ?? '', /qwen3:0\.6b/);
    });
  });
});
