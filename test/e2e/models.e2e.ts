// The Models view in a real VS Code: the stand-in's models with their descriptions, then the
// welcome content and the view's title naming the host once Ollama stops answering.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startOllamaStandIn } from '../fixtures/ollamaStandIn';
import { vsCodeForSuite } from './suiteWindow';
import { withFailureShot } from './failureShot';

describe('Models view (code-server + Chromium)', { timeout: 180_000 }, () => {
  const vs = vsCodeForSuite({ name: 'models' });

  // The container also holds the Sessions view: everything is looked up inside the Models pane.
  const modelsView = () =>
    vs.page.locator('[id="workbench.view.extension.ollamaBench"] .pane', {
      has: vs.page.locator('.pane-header h3.title', { hasText: /^Models/ }),
    });
  const modelsTitle = async () =>
    (await modelsView().locator('.pane-header').innerText()).replace(/\s+/g, ' ');

  it("lists the stand-in's models with parameter size, quantization and size", async () => {
    await withFailureShot(vs, 'models-view-failed', async () => {
      await vs.openContainer('Ollama Bench');
      const row = modelsView().locator('.monaco-list-row', { hasText: 'llama3.2:3b' });
      await row.waitFor({ timeout: 30_000 });
      assert.equal(
        (await row.locator('.label-description').textContent())?.trim(),
        '3.2B · Q4_K_M · 2.0 GB',
      );
      const names = await modelsView().locator('.monaco-list-row .label-name').allTextContents();
      assert.deepEqual(names, ['llama3.2:3b', 'mistral:7b-instruct-q8_0', 'qwen3:0.6b']);
      assert.match(
        (await modelsView()
          .locator('.monaco-list-row', { hasText: 'qwen3:0.6b' })
          .locator('.label-description')
          .textContent()) ?? '',
        /751\.63M · Q4_K_M · 522\.7 MB/,
      );
      await vs.screenshot('models-view');
    });
  });

  it('shows the welcome with the host tried, Retry and Set Ollama Host, once Ollama stops', async () => {
    const host = vs.standIn!.url;
    await withFailureShot(vs, 'models-unreachable-failed', async () => {
      await vs.standIn!.close();
      await vs.runCommand('Ollama Bench: Refresh Models');
      const welcome = modelsView().locator('.welcome-view-content');
      await welcome.waitFor({ timeout: 30_000 });
      assert.match((await welcome.textContent()) ?? '', /Ollama is not running/);
      await welcome.getByRole('button', { name: 'Retry' }).waitFor();
      await welcome.getByRole('button', { name: 'Set Ollama Host' }).waitFor();
      assert.equal(await modelsView().locator('.monaco-list-row').count(), 0);
      // innerText: only what is rendered visibly counts as naming the host.
      const header = await modelsTitle();
      assert.ok(header.includes(host.replace('http://', '')), `header "${header}" names ${host}`);
      assert.match(header, /unreachable/);
      await vs.screenshot('models-unreachable');
    });
  });

  it('lists the models again after Retry once Ollama is back on the same address', async () => {
    const revived = await startOllamaStandIn({ port: vs.standIn!.port });
    try {
      await withFailureShot(vs, 'models-retry-failed', async () => {
        await modelsView().getByRole('button', { name: 'Retry' }).click();
        await modelsView()
          .locator('.monaco-list-row', { hasText: 'llama3.2:3b' })
          .waitFor({ timeout: 30_000 });
        const header = await modelsTitle();
        assert.match(header, /^Models/i);
        assert.doesNotMatch(header, /unreachable/);
      });
    } finally {
      await revived.close();
    }
  });

  it('says what is wrong with a malformed host setting, offering to open it', async () => {
    await withFailureShot(vs, 'models-bad-host-failed', async () => {
      await vs.updateSettings({ 'ollamaBench.host': 'ftp://gpu-box' });
      // A reload on a busy machine may not restore the sidebar: showing the view is what a user does.
      await vs.openContainer('Ollama Bench');
      // The welcome first: it shows the extension has read the new setting in this window.
      const welcome = modelsView().locator('.welcome-view-content', {
        hasText: 'host setting is not a valid address',
      });
      await welcome.waitFor({ timeout: 30_000 });
      const toast = vs.page.locator('.notifications-toasts .notification-toast', {
        hasText: 'is not valid',
      });
      await toast.waitFor({ timeout: 15_000 });
      assert.match(
        await toast.innerText(),
        /"ftp:\/\/gpu-box" is not valid: the scheme must be http or https, not ftp/,
      );
      await toast.getByRole('button', { name: 'Open Setting' }).waitFor();
      await vs.screenshot('models-bad-host');
    });
  });
});
