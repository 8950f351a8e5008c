// Flags with a reason in a real VS Code (code-server + Chromium): a CLI run of suite C against a
// one-slot stand-in at a context beyond the model's training context is stored in the window's
// store; the session detail lists `serialized` and `ctx_reduced` with their reasons, and the
// context Ollama loaded. Screenshot: ollama-flags-detail.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cliArgs } from '../fixtures/cliArgs';
import { runCliBenchmark } from './cliRuns';
import { withFailureShot } from './failureShot';
import { launchVsCode, type VsCodeSession } from './harness';
import { dashboardFrame, until, waitForExtension } from './webviewSteps';

describe(
  'session detail: flags with a reason (code-server + Chromium)',
  { timeout: 400_000 },
  () => {
    let vs: VsCodeSession;
    before(async () => {
      vs = await launchVsCode({
        name: 'ollama-flags',
        standIn: { tokensPerSecond: 100, loadMs: 20, numParallel: 1 },
      });
    });
    after(async () => {
      await vs?.stop();
    });

    it('lists serialized and ctx_reduced with their reasons under the test figures', () =>
      withFailureShot(vs, 'ollama-flags-failed', async () => {
        await waitForExtension(vs);
        // llama3.2:3b was trained at 131072: asked 262144, Ollama loads 131072.
        const r = await runCliBenchmark(vs, {
          args: cliArgs`--suite C --repetitions 1 --num-predict 8 --num-ctx 262144 --no-hardware`,
        });
        assert.match(r.stdout, /^flag: llama3\.2:3b · C: serialized — k = 2, 4: /m);

        await vs.runCommand('Ollama Bench: Open Results Dashboard');
        const dash = await dashboardFrame(vs);
        const rows = dash.locator('#sessions-table tbody tr');
        await until(async () => (await rows.count()) === 1, 'the CLI session in the table', 30_000);
        await rows.first().locator('.open-session').click();
        const reasons = dash.locator('ul.flag-reasons li');
        await reasons.first().waitFor({ timeout: 30_000 });
        const texts = await reasons.allTextContents();
        assert.equal(texts.length, 2);
        assert.match(texts[0] ?? '', /^serialized k = 2, 4: Ollama served the streams one after/);
        assert.match(texts[1] ?? '', /^ctx_reduced asked 262144, Ollama loaded 131072\./);
        const card = (await dash.locator('details.test').first().textContent()) ?? '';
        assert.match(card, /context loaded: 131072/);
        await vs.screenshot('ollama-flags-detail');
      }));
  },
);
