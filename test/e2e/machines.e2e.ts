// The dashboard's Machines tab in a real VS Code: two machines' fingerprints in one store give one
// row each for the same model and test, with their hardware in words, figures with intervals and
// a bar; sorting by TTFT reorders them (screenshot).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { openStore } from '../../src/core/repositories/openStore';
import type { HardwareConfig } from '../../src/shared/dto';
import { hardware, session, T0 } from '../fixtures/storeDocuments';
import { withFailureShot } from './failureShot';
import { vsCodeForSuite } from './suiteWindow';
import { dashboardFrame, until, waitForExtension } from './webviewSteps';

const machine = (fp: string, host: string, cpu: string, gpu: string): HardwareConfig => ({
  ...hardware(fp, cpu, gpu),
  os: { name: 'Linux', version: '6.8', kernel: '6.8.0', hostname: host },
});

describe('Machines tab (code-server + Chromium)', { timeout: 400_000 }, () => {
  const vs = vsCodeForSuite({ name: 'machines' });
  before(async () => {
    const store = await openStore(vs.storeDir);
    const boxes = [
      [machine('e2e-desk', 'desk-4090', 'AMD Ryzen 9 7950X', 'NVIDIA RTX 4090'), 120, 400],
      [machine('e2e-laptop', 'laptop-m2', 'Apple M2 Pro', 'Apple M2 Pro GPU'), 45, 150],
    ] as const;
    for (const [hw, tps, ttft] of boxes) {
      const id = await store.sessions.saveHardwareConfig(hw);
      for (let r = 0; r < 3; r++)
        await store.sessions.insertSession({
          ...session('qwen3:8b', {
            hw: id,
            at: T0 + r * 60_000,
            metrics: {
              tokens_per_second: tps + r,
              prompt_tokens_per_second: tps * 8,
              ttft_ms: ttft + r,
            },
          }),
          ollama_version: '0.6.2',
        });
    }
    await store.close();
  });

  it('shows one row per machine, sorted by the chosen figure', async () => {
    await withFailureShot(vs, 'machines-tab-failed', async () => {
      await waitForExtension(vs);
      await vs.runCommand('Ollama Bench: Open Results Dashboard');
      const dash = await dashboardFrame(vs);
      await dash.locator('#tab-machines').click();
      const rows = dash.locator('#machines-table tbody tr');
      await rows.first().waitFor({ timeout: 60_000 });
      assert.equal(await rows.count(), 2);
      assert.match((await rows.nth(0).textContent()) ?? '', /desk-4090.*RTX 4090.*121 \[120–122\]/);
      assert.match(
        (await rows.nth(1).textContent()) ?? '',
        /laptop-m2.*Apple M2 Pro.*46\.0 \[45\.0–47\.0\]/,
      );
      assert.equal(await dash.locator('#machines-table .rank-bar').count(), 2);
      await vs.screenshot('machines-tab');
      // Sorted by TTFT (lower first): the laptop answers first.
      // The select's own change event, as a pick in its list sends it.
      await dash.evaluate(`(() => {
        const el = document.querySelector('#machines-sort');
        el.value = 'ttft_ms';
        el.dispatchEvent(new Event('change'));
      })()`);
      await until(
        async () => /laptop-m2/.test((await rows.first().textContent()) ?? ''),
        'the laptop first by TTFT',
        30_000,
      );
      await vs.screenshot('machines-tab-ttft');
    });
  });
});
