// The macOS/Windows reader (os.cpus() deltas + systeminformation at most once a second), run here
// in-process on Linux so its code path is exercised where CI runs.
import assert from 'node:assert/strict';
import { cpus } from 'node:os';
import { describe, it } from 'node:test';
import { Sampler } from '../../src/core/hardware/sampler';
import type { HardwareSample } from '../../src/shared/dto';
import { sleep, waitFor } from '../fixtures/waitFor';

describe('the portable reader', () => {
  it('gives CPU every tick and memory from systeminformation within a second', async () => {
    const samples: HardwareSample[] = [];
    const logs: string[] = [];
    const sampler = new Sampler(
      {
        intervalMs: 100,
        reader: 'portable',
        nvidiaSmi: null,
        tuning: { spawningCallMs: 300, ioMs: 300, temperatureMs: 300 },
      },
      { log: (_level, message) => logs.push(message), onSample: (s) => samples.push(s) },
    );
    sampler.start();
    try {
      // Eight ticks, the last with systeminformation's memory: counted, not timed, so a busy
      // machine's slower ticks change only how long this takes.
      await waitFor(
        'eight samples, the last with memory',
        () => samples.length >= 8 && samples.at(-1)?.mem_used !== undefined,
        30_000,
      );
    } finally {
      await sampler.stop();
    }
    assert.ok(samples.every((s) => typeof s.cpu_total === 'number'));
    assert.ok(samples.every((s) => s.cpu_per_core?.length === cpus().length));
    // si.mem() runs in the background: its figures arrive after the first ticks, then stay.
    const last = samples.at(-1)!;
    assert.ok(last.mem_used! > 0 && last.mem_total! > last.mem_used!);
    assert.equal(last.gpus, undefined);
    // No Ollama running here: its figures are absent, not 0.
    assert.equal(last.ollama_cpu, undefined);
    assert.deepEqual(logs, []);
    const count = samples.length;
    await sleep(300);
    assert.equal(samples.length, count, 'no sample after stop()');
  });
});
