// A whole benchmark run with the real hardware monitor (inventory from systeminformation, the
// sampler worker on /proc) while another process keeps one core busy: the stored test figures must
// show that load and a real memory figure.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { after, describe, it } from 'node:test';
import { runSession } from '../../src/core/bench/runner';
import { BUILTIN_SUITES, withNumPredict } from '../../src/core/bench/suites';
import { createHardwareMonitor } from '../../src/core/hardware/systemHardwareMonitor';
import { startOllamaStandIn } from '../fixtures/ollamaStandIn';
import { openTempStore } from '../fixtures/tempStore';

const SPIN = 'const end = Date.now() + 30000; while (Date.now() < end) {}';

describe('a benchmark run with the real hardware monitor', () => {
  let spinner: ChildProcess | undefined;
  after(() => spinner?.kill('SIGKILL'));

  it('records cpu_usage that shows one busy core, and a real ram_usage', async () => {
    // 20 tokens at 20 tokens/s: each measured repetition lasts about a second, several ticks.
    const standIn = await startOllamaStandIn({ tokensPerSecond: 20, jitter: 0, loadMs: 5 });
    spinner = spawn(process.execPath, ['-e', SPIN], { stdio: 'ignore' });
    const temp = await openTempStore();
    const { store } = temp;
    const logs: string[] = [];
    try {
      const session = await runSession(
        {
          models: ['llama3.2:3b'],
          suites: withNumPredict([BUILTIN_SUITES[0]!], 20),
          repetitions: 2,
          samplingIntervalMs: 100,
        },
        {
          store: store.runWrites,
          host: standIn.url,
          monitor: createHardwareMonitor({ ollamaHost: standIn.url, nvidiaSmiPath: null }),
          log: (level, message) => logs.push(`${level}: ${message}`),
        },
      );
      assert.equal(session.status, 'completed', logs.join('\n'));
      const metrics = session.models[0]!.tests[0]!.metrics;
      const oneCore = 100 / cpus().length;
      assert.ok(
        metrics.cpu_usage! >= 0.7 * oneCore,
        `cpu_usage ${metrics.cpu_usage} % should show one busy core of ${cpus().length}`,
      );
      assert.ok(metrics.ram_usage! > 64 * 1024 * 1024 && metrics.ram_usage! < totalmem());
      // No GPU here: absent, never 0.
      assert.equal(metrics.gpu_usage, undefined);
      const [result] = await store.sessions.getTestResults(session._id!);
      assert.ok(
        result!.metrics.cpu_usage.length >= 10,
        `${result!.metrics.cpu_usage.length} points`,
      );
      assert.ok(result!.samples!.length >= 10);
      const config = await store.sessions.getHardwareConfig(session.hardware_config_id!);
      assert.equal(config?.cpu.threads, cpus().length);
    } finally {
      spinner.kill('SIGKILL');
      await standIn.close();
      await temp.remove();
    }
  });
});
