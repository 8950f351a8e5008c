// The machine's evidence in a real VS Code (code-server + Chromium, dark theme): a CLI run with
// hardware sampling and the fake nvidia-smi (power, energy counter, throttle reasons, clocks) is
// stored in the window's store; the session detail shows every chart group (CPU with the per-core
// heatmap, memory, I/O, Ollama's processes, GPU 0), "not available" where this machine has no
// figure, the throttled flag and the per-test energy figures. Screenshot: evidence-detail.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCliBenchmark } from './cliRuns';
import { fakeNvidiaSmiDir, pathWithFake } from '../fixtures/fake-nvidia-smi/testKit';
import { vsCodeForSuite } from './suiteWindow';
import { withFailureShot } from './failureShot';
import {
  dashboardFrame,
  liveFrame,
  runBenchmarkFromPalette,
  until,
  waitForExtension,
} from './webviewSteps';

describe(
  'session detail: the machine evidence (code-server + Chromium)',
  { timeout: 400_000 },
  () => {
    const vs = vsCodeForSuite({
      name: 'evidence',
      standIn: { tokensPerSecond: 100, loadMs: 50 },
      viewport: { width: 1600, height: 2600 },
    });

    it('shows every chart group of a sampled run, with not available for what is missing', async () => {
      await withFailureShot(vs, 'evidence-failed', async () => {
        await waitForExtension(vs);
        await runCliBenchmark(vs, {
          args: ['--repetitions', '3', '--num-predict', '80', '--interval', '100'],
          env: {
            PATH: pathWithFake(),
            FAKE_NVIDIA_SMI_CSV: join(fakeNvidiaSmiDir, 'power-throttle.csv'),
          },
        });

        await vs.runCommand('View: Close Primary Side Bar');
        await vs.runCommand('Ollama Bench: Open Results Dashboard');
        const dash = await dashboardFrame(vs);
        const rows = dash.locator('#sessions-table tbody tr');
        await until(async () => (await rows.count()) === 1, 'the CLI session in the table', 30_000);
        await rows.first().locator('.open-session').click();
        const machine = dash.locator('#machine-charts');
        await machine.waitFor({ timeout: 30_000 });

        const groups = await dash
          .locator('#machine-charts .machine-group')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
        assert.deepEqual(groups, ['cpu', 'memory', 'io', 'ollama', 'gpu0']);
        // Drawn charts for what the machine gave: CPU total, memory, GPU power from the fake.
        for (const id of ['cpu-total', 'memory', 'gpu0-power', 'gpu0-clocks', 'gpu0-temperature'])
          assert.equal(
            await dash.locator(`[data-chart="${id}"] canvas`).count(),
            1,
            `${id} is drawn`,
          );
        assert.equal(await dash.locator('[data-chart="cpu-cores"] canvas').count(), 1, 'heatmap');
        // The stand-in is not a process named ollama: its group says so instead of drawing 0.
        const ollama = (await dash.locator('[data-group="ollama"]').textContent()) ?? '';
        assert.match(ollama, /not available/);
        assert.equal(await dash.locator('[data-group="ollama"] canvas').count(), 0);

        // The test card: throttled flag with its hover text, energy figures.
        const badge = dash.locator('.badge', { hasText: 'throttled' });
        await badge.first().waitFor();
        assert.match((await badge.first().getAttribute('title')) ?? '', /thermal or power/);
        const evidence = (await dash.locator('table.evidence').first().textContent()) ?? '';
        assert.match(evidence, /J\/token/);

        // Everything above the fold for the picture: the test cards folded.
        await dash.evaluate(
          `document.querySelectorAll('details.test').forEach((d) => { d.open = false; })`,
        );
        await machine.scrollIntoViewIfNeeded();
        await vs.screenshot('evidence-detail');
      });
    });

    it('the live panel shows the machine chart groups while a session runs', async () => {
      await withFailureShot(vs, 'evidence-live-failed', async () => {
        await vs.runCommand('View: Close All Editors');
        await runBenchmarkFromPalette(vs, 'qwen3:0.6b', 2, 'e2e-evidence');
        const live = await liveFrame(vs);
        await until(
          async () => (await live.locator('#live-machine .machine-group').count()) >= 5,
          'the machine chart groups in the live panel',
          120_000,
        );
        const groups = await live
          .locator('#live-machine .machine-group')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
        assert.deepEqual(groups.slice(0, 4), ['cpu', 'memory', 'io', 'ollama']);
        assert.equal(await live.locator('[data-chart="cpu-total"] canvas').count(), 1);
        await until(
          async () =>
            /Session completed/.test((await live.locator('#live-status').textContent()) ?? ''),
          'the session to complete',
          120_000,
        );
        await live.locator('#live-machine').scrollIntoViewIfNeeded();
        await vs.screenshot('evidence-live');
      });
    });
  },
);
