// The sampler's worker and its nvidia-smi child never outlive their owner: not after stop(), not
// after the owning process is sent SIGTERM or SIGKILL, not when it exits without stopping.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startSamplerWorker } from '../../src/core/hardware/samplerWorker';
import {
  fakeNvidiaSmi,
  fakeNvidiaSmiDir,
  isRunning,
  waitFor,
} from '../fixtures/fake-nvidia-smi/testKit';

const parentScript = join(fakeNvidiaSmiDir, 'samplingParent.ts');

/** Starts the parent script and resolves with it and the pids of its nvidia-smi children. */
async function startParent(mode: 'wait' | 'exit', env: NodeJS.ProcessEnv = {}) {
  const parent = spawn(process.execPath, ['--import', 'tsx', parentScript, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    parent.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let out = '';
  parent.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  try {
    const line = await waitFor(
      'the parent to report its child',
      () => out.includes('\n') && out,
      15_000,
    );
    const { childPids } = JSON.parse(line.split('\n')[0]!) as { childPids: number[] };
    assert.equal(childPids.length, 1, 'one nvidia-smi child');
    return { parent, exited, childPid: childPids[0]! };
  } catch (err) {
    parent.kill('SIGKILL');
    throw err;
  }
}

describe('no orphan', () => {
  it('stop() ends the worker and the nvidia-smi child', async () => {
    const handle = await startSamplerWorker(
      { intervalMs: 100, nvidiaSmi: fakeNvidiaSmi },
      { log: () => undefined, onSample: () => undefined },
    );
    const [pid] = await waitFor('the child', () => handle.childPids().length && handle.childPids());
    assert.equal(isRunning(pid!), true);
    await handle.stop();
    assert.equal(isRunning(pid!), false);
    assert.deepEqual(handle.childPids(), []);
    await handle.stop(); // idempotent
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`${signal} to the owning process ends its nvidia-smi child`, async () => {
      const { parent, exited, childPid } = await startParent('wait');
      try {
        assert.equal(isRunning(childPid), true);
        parent.kill(signal);
        assert.equal((await exited).signal, signal);
        // Its stdout pipe is broken: the next write ends it (SIGPIPE, or EPIPE for the fake).
        await waitFor(`nvidia-smi ${childPid} to end`, () => !isRunning(childPid), 3000);
      } finally {
        parent.kill('SIGKILL');
        if (isRunning(childPid)) process.kill(childPid, 'SIGKILL');
      }
    });
  }

  it('process.exit() without stop() ends even a hung nvidia-smi child at once', async () => {
    const { exited, childPid } = await startParent('exit', { FAKE_NVIDIA_SMI_SILENT_AFTER: '1' });
    try {
      assert.equal((await exited).code, 0);
      // It no longer writes, so no broken pipe ends it: the exit hooks must.
      await waitFor(`nvidia-smi ${childPid} to end`, () => !isRunning(childPid), 500);
    } finally {
      if (isRunning(childPid)) process.kill(childPid, 'SIGKILL');
    }
  });
});
