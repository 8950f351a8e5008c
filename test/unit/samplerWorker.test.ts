// The sampler as the engine runs it: a worker thread started by createHardwareMonitor, with a
// process keeping one core busy, a process named "ollama", the Ollama stand-in for /api/ps and the
// fake nvidia-smi first on PATH.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { HardwareLogLevel } from '../../src/core/hardware/hardwareLog';
import type { SamplingHandle } from '../../src/core/hardware/hardwareMonitor';
import {
  createHardwareMonitor,
  type HardwareMonitorOptions,
} from '../../src/core/hardware/systemHardwareMonitor';
import { resolveSamplerWorker } from '../../src/core/hardware/samplerWorker';
import { samplesInWindow, summarizeWindow } from '../../src/core/hardware/windowSummary';
import type { HardwareSample } from '../../src/shared/dto';
import { fakePids, isRunning, pathWithFake, tempDir } from '../fixtures/fake-nvidia-smi/testKit';
import { sleep, waitFor } from '../fixtures/waitFor';
import { startOllamaStandIn } from '../fixtures/ollamaStandIn';
import { suiteStandIn } from '../fixtures/suiteStandIn';

const linux = process.platform === 'linux';
const oneCoreShare = 100 / cpus().length;
const SPIN = 'const end = Date.now() + 8000; while (Date.now() < end) {}';

/** utime + stime of a process, in USER_HZ ticks (fields 14 and 15 of /proc/PID/stat). */
function processTicks(pid: number | undefined): number {
  const afterComm = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '';
  const fields = afterComm.split(' ').map(Number);
  return (fields[11] ?? 0) + (fields[12] ?? 0);
}

/** Every CPU's ticks so far (the first line of /proc/stat, user to steal), in USER_HZ ticks. */
function machineTicks(): number {
  const first = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  return first
    .split(/\s+/)
    .slice(1, 9)
    .reduce((sum, v) => sum + Number(v), 0);
}

describe('the sampler worker', () => {
  let dir: ReturnType<typeof tempDir>;
  let pidFile: string;
  let handle: SamplingHandle | undefined;
  let spinner: ChildProcess | undefined;
  let samples: HardwareSample[];
  let logs: { level: HardwareLogLevel; message: string }[];
  const savedEnv = { ...process.env };

  beforeEach(() => {
    dir = tempDir();
    pidFile = join(dir.path, 'pids');
    samples = [];
    logs = [];
    // The worker copies this process's environment when it starts.
    process.env.PATH = pathWithFake(savedEnv.PATH);
    process.env.FAKE_NVIDIA_SMI_PID_FILE = pidFile;
  });
  afterEach(async () => {
    await handle?.stop();
    handle = undefined;
    spinner?.kill('SIGKILL');
    spinner = undefined;
    process.env.PATH = savedEnv.PATH;
    delete process.env.FAKE_NVIDIA_SMI_PID_FILE;
    delete process.env.FAKE_NVIDIA_SMI_MODE;
    for (const pid of fakePids(pidFile)) assert.equal(isRunning(pid), false, `fake ${pid} left`);
    dir.remove();
  });

  async function start(options: HardwareMonitorOptions = {}, intervalMs = 100) {
    const monitor = createHardwareMonitor({
      log: (level, message) => logs.push({ level, message }),
      tuning: { pidRefreshMs: 200, ollamaPsMs: 200, ioMs: 200 },
      ...options,
    });
    handle = await monitor.start({ intervalMs }, (s) => samples.push(s));
    return handle;
  }

  /** Waits for n more samples than have arrived so far. */
  async function moreSamples(n: number) {
    const target = samples.length + n;
    await waitFor(`${n} more samples`, () => samples.length >= target, 30_000);
  }

  it('finds its entry beside the module, or says it is missing', () => {
    const found = resolveSamplerWorker();
    assert.match(found.file, /hardwareSampler\.worker\.(js|ts)$/);
    assert.throws(() => resolveSamplerWorker(dir.path), /worker is missing .*npm run build/);
  });

  it(
    'a process spinning one core shows in cpu_total and, named ollama, in ollama_cpu; ram is real',
    { skip: !linux && 'the Ollama process reader under test is the Linux one' },
    async () => {
      // A process named "ollama" (a link to node) that keeps one core busy.
      const fakeOllama = join(dir.path, 'ollama');
      symlinkSync(process.execPath, fakeOllama);
      spinner = spawn(fakeOllama, ['-e', SPIN], { stdio: 'ignore' });
      await start({ nvidiaSmiPath: null });
      // The pid list refreshes every 200 ms here; the window starts once it holds the spinner.
      await waitFor('the spinner seen', () => samples.at(-1)?.ollama_rss !== undefined, 30_000);
      await moreSamples(1);
      const from = Date.now();
      const before = { spinner: processTicks(spinner.pid), machine: machineTicks() };
      // Eight ticks at 100 ms: counted, not timed, so a busy machine only makes this slower.
      const window = await waitFor(
        'eight samples at 100 ms',
        () => {
          const w = samplesInWindow(samples, from, Date.now());
          return w.length >= 8 && w;
        },
        30_000,
      );
      // The spinner's true share of the machine over the window, read here from /proc: on a busy
      // machine it gets less than a core, and the sampler must report what it really got.
      const trueShare =
        (100 * (processTicks(spinner.pid) - before.spinner)) / (machineTicks() - before.machine);
      const summary = summarizeWindow(window);
      assert.ok(
        summary.cpu_usage! >= 0.7 * oneCoreShare,
        `cpu_usage ${summary.cpu_usage} should show one busy core of ${cpus().length}`,
      );
      assert.ok(summary.ram_usage! > 0 && summary.ram_usage! < totalmem());
      assert.equal(summary.gpu_usage, undefined, 'no GPU: absent, not 0');
      const ollamaCpu = window.map((s) => s.ollama_cpu ?? 0);
      const meanOllama = ollamaCpu.reduce((a, b) => a + b, 0) / ollamaCpu.length;
      assert.ok(
        meanOllama >= 0.5 * trueShare - 2 && meanOllama <= 1.5 * trueShare + 2,
        `ollama_cpu ${meanOllama}, the spinner's share from /proc ${trueShare}`,
      );
      assert.ok(window.every((s) => s.ollama_rss! > 10 * 1024 * 1024));
      assert.ok(window.every((s) => s.cpu_per_core?.length === cpus().length));

      // When the process ends, its figures go absent rather than 0.
      spinner.kill('SIGKILL');
      await waitFor('Ollama figures gone', () => samples.at(-1)!.ollama_rss === undefined);
    },
  );

  it('samples carry the fake GPUs from one long-lived nvidia-smi child', async () => {
    await start();
    await waitFor('GPU figures', () => samples.at(-1)?.gpus?.length === 2);
    const s = samples.at(-1)!;
    assert.equal(s.gpus![0]!.memory_total, 24564 * 1024 * 1024);
    assert.equal(
      summarizeWindow([s]).vram_usage,
      s.gpus![0]!.memory_used! + s.gpus![1]!.memory_used!,
    );
    await sleep(300);
    assert.equal(fakePids(pidFile).length, 1);
    assert.deepEqual(logs, []);
  });

  it('nvidia-smi printing garbage: GPU fields absent, one log line, samples keep coming', async () => {
    process.env.FAKE_NVIDIA_SMI_MODE = 'garbage';
    await start();
    // Counted, not timed: the fake starts late on a busy machine.
    await waitFor('the log line', () => logs.length >= 1, 30_000);
    await moreSamples(4);
    assert.ok(samples.every((s) => s.gpus === undefined));
    assert.equal(logs.length, 1, JSON.stringify(logs));
  });

  it('no nvidia-smi on PATH: GPU fields absent, one log line', async () => {
    await start({ nvidiaSmiPath: join(dir.path, 'nvidia-smi') });
    await waitFor('the log line', () => logs.length >= 1, 30_000);
    await moreSamples(3);
    assert.ok(samples.every((s) => s.gpus === undefined && typeof s.cpu_total === 'number'));
    assert.equal(logs.length, 1);
    assert.match(logs[0]!.message, /not found/);
  });

  describe('with the Ollama stand-in', () => {
    const standIn = suiteStandIn();

    it('vram_models is Σ size_vram of /api/ps', async () => {
      await start({ ollamaHost: standIn().url, nvidiaSmiPath: null });
      await waitFor('an empty /api/ps', () => samples.at(-1)?.vram_models === 0);
      const res = await fetch(`${standIn().url}/api/generate`, {
        method: 'POST',
        body: JSON.stringify({ model: 'llama3.2:3b', prompt: '', keep_alive: '1m' }),
      });
      await res.text();
      // The weights plus the f16 KV cache at num_ctx 4096 (2 × 28 layers × 8 KV heads × 128 × 4096 × 2).
      const held = 2_019_393_189 + 469_762_048;
      await waitFor('the loaded model', () => samples.at(-1)?.vram_models === held);
      assert.equal(summarizeWindow(samples.slice(-1)).vram_usage, held);
    });

    it('an Ollama that goes away: vram_models absent, one log line', async () => {
      const gone = await startOllamaStandIn();
      await start({ ollamaHost: gone.url, nvidiaSmiPath: null });
      await waitFor('a reading', () => samples.at(-1)?.vram_models === 0);
      await gone.close();
      await waitFor('absent', () => samples.at(-1) && samples.at(-1)!.vram_models === undefined);
      await sleep(500);
      assert.equal(logs.filter((l) => /api\/ps/.test(l.message)).length, 1);
    });
  });
});
