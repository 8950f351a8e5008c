// The nvidia-smi child as the sampler runs it, against the fake nvidia-smi first on PATH: streamed
// figures, a missing tool, a dying child restarted with backoff, garbage, and the child's end.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { HardwareLogLevel } from '../../src/core/hardware/hardwareLog';
import {
  NvidiaSmiStream,
  type NvidiaSmiStreamOptions,
} from '../../src/core/hardware/nvidiaSmiStream';
import { fakePids, isRunning, pathWithFake, tempDir } from '../fixtures/fake-nvidia-smi/testKit';
import { sleep, waitFor } from '../fixtures/waitFor';

const MIB = 1024 * 1024;

describe('NvidiaSmiStream with a fake nvidia-smi on PATH', () => {
  let dir: ReturnType<typeof tempDir>;
  let pidFile: string;
  let logs: { level: HardwareLogLevel; message: string }[];
  let streams: NvidiaSmiStream[];

  beforeEach(() => {
    dir = tempDir();
    pidFile = join(dir.path, 'pids');
    logs = [];
    streams = [];
  });
  afterEach(async () => {
    await Promise.all(streams.map((s) => s.stop()));
    for (const pid of fakePids(pidFile))
      assert.equal(isRunning(pid), false, `fake ${pid} left running`);
    dir.remove();
  });

  function stream(
    fakeEnv: Record<string, string> = {},
    options: Partial<NvidiaSmiStreamOptions> = {},
  ): NvidiaSmiStream {
    const s = new NvidiaSmiStream({
      intervalMs: 100,
      log: (level, message) => logs.push({ level, message }),
      env: {
        ...process.env,
        PATH: pathWithFake(),
        FAKE_NVIDIA_SMI_PID_FILE: pidFile,
        ...fakeEnv,
      },
      initialBackoffMs: 100,
      maxBackoffMs: 400,
      ...options,
    });
    streams.push(s);
    s.start();
    return s;
  }

  it('streams every GPU of the recorded CSV, in bytes, unreadable figures absent', async () => {
    const argsFile = join(dir.path, 'args');
    const s = stream({ FAKE_NVIDIA_SMI_ARGS_FILE: argsFile });
    const gpus = await waitFor('two GPUs', () => {
      const g = s.latest(Date.now(), 1000);
      return g?.length === 2 && g;
    });
    assert.deepEqual(
      gpus.map((g) => g.index),
      [0, 1],
    );
    assert.equal(gpus[0]!.memory_total, 24564 * MIB);
    assert.equal(typeof gpus[0]!.utilization, 'number');
    assert.equal(typeof gpus[0]!.power_draw, 'number');
    assert.equal(gpus[1]!.memory_total, 8188 * MIB);
    assert.equal('power_draw' in gpus[1]!, false, '[N/A] power stays absent');
    assert.deepEqual(JSON.parse(readFileSync(argsFile, 'utf8')), [
      '--query-gpu=index,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,total_energy_consumption,clocks_throttle_reasons.active,clocks.sm,clocks.mem',
      '--format=csv,noheader,nounits',
      '-lms',
      '100',
    ]);
    assert.equal(fakePids(pidFile).length, 1, 'one long-lived child, not one per reading');
    assert.deepEqual(logs, []);
  });

  it('drops readings older than asked for', async () => {
    const s = stream();
    await waitFor('a reading', () => s.latest(Date.now(), 1000));
    assert.equal(s.latest(Date.now() + 5000, 1000), undefined);
  });

  it('a missing nvidia-smi: GPU figures absent, one log line, no retry, no throw', async () => {
    const s = stream({}, { command: join(dir.path, 'no-such-nvidia-smi') });
    await waitFor('the log line', () => logs.length > 0);
    await sleep(500);
    assert.equal(s.latest(Date.now(), 1000), undefined);
    assert.equal(logs.length, 1);
    assert.match(logs[0]!.message, /not found: NVIDIA GPU figures not available/);
  });

  it('a dying child: figures cleared, one log line, restarted with backoff', async () => {
    const s = stream({ FAKE_NVIDIA_SMI_EXIT_AFTER: '2', FAKE_NVIDIA_SMI_EXIT_CODE: '3' });
    await waitFor('three starts', () => fakePids(pidFile).length >= 3, 8000);
    const warnings = logs.filter((l) => l.level === 'warn');
    assert.equal(warnings.length, 1, JSON.stringify(logs));
    assert.match(warnings[0]!.message, /exited with code 3 \(fake nvidia-smi: GPU is lost\)/);
    // Each restart resumes the stream (its recovery logged once, however often it flaps).
    await waitFor('figures from a restarted child', () => s.latest(Date.now(), 150));
    assert.equal(logs.filter((l) => /reporting GPU figures again/.test(l.message)).length, 1);
    const pids = fakePids(pidFile);
    assert.equal(new Set(pids).size, pids.length);
  });

  it('no driver (prints an error and exits): absent figures and a line that says why', async () => {
    const s = stream({ FAKE_NVIDIA_SMI_MODE: 'no-driver' });
    await waitFor('two starts', () => fakePids(pidFile).length >= 2, 5000);
    assert.equal(s.latest(Date.now(), 5000), undefined);
    assert.ok(logs.some((l) => /unexpected line: NVIDIA-SMI has failed/.test(l.message)));
    assert.ok(logs.some((l) => /exited with code 9/.test(l.message)));
    assert.equal(logs.filter((l) => /exited/.test(l.message)).length, 1);
  });

  it('garbage: ignored, logged once, figures absent', async () => {
    const s = stream({ FAKE_NVIDIA_SMI_MODE: 'garbage' });
    await sleep(600);
    assert.equal(s.latest(Date.now(), 5000), undefined);
    assert.equal(logs.length, 1, JSON.stringify(logs));
    assert.match(logs[0]!.message, /unexpected line/);
  });

  it('stop() ends the child, and cancels a pending restart', async () => {
    const s = stream();
    const [pid] = await waitFor('a child', () => fakePids(pidFile).length && fakePids(pidFile));
    await waitFor('a reading', () => s.latest(Date.now(), 1000));
    await s.stop();
    assert.equal(isRunning(pid!), false);
    assert.equal(s.latest(Date.now(), 1000), undefined);

    const dying = stream({ FAKE_NVIDIA_SMI_EXIT_AFTER: '1' }, { initialBackoffMs: 300 });
    await waitFor('the death', () => logs.some((l) => /exited/.test(l.message)));
    const before = fakePids(pidFile).length;
    await dying.stop();
    await sleep(500);
    assert.equal(fakePids(pidFile).length, before, 'no restart after stop()');
  });

  it('a child that ignores SIGTERM is killed after the grace period', async () => {
    const s = stream({ FAKE_NVIDIA_SMI_IGNORE_SIGTERM: '1' });
    const [pid] = await waitFor('a child', () => fakePids(pidFile).length && fakePids(pidFile));
    await waitFor('a reading', () => s.latest(Date.now(), 1000));
    await s.stop(200);
    assert.equal(isRunning(pid!), false);
  });
});
