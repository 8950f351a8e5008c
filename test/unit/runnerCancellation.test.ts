// The runner's placement from /api/ps, and a cancel (Ctrl-C) mid-stream or while a cold load
// keeps Ollama silent, against the Ollama stand-in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HardwareMonitor } from '../../src/core/hardware/hardwareMonitor';
import type { HardwareConfig } from '../../src/shared/dto';
import { DEFAULT_MODELS } from '../fixtures/ollamaStandIn';
import { failGeneration, generations, run, standIn } from '../fixtures/runnerHarness';
import { suiteA, suiteB } from '../fixtures/shortSuites';
import { waitFor } from '../fixtures/waitFor';

describe('runSession: placement', () => {
  const cpuOnly = { ...DEFAULT_MODELS[0]!, vram_share: 0 };
  const monitor = (gpus: number): HardwareMonitor => ({
    inventory: async () =>
      ({
        cpu: { model: 'cpu' },
        gpu: Array.from({ length: gpus }, () => ({ model: 'gpu' })),
        os: { hostname: 'h' },
        fingerprint: `fp-${gpus}`,
      }) as unknown as HardwareConfig,
    start: async () => ({ stop: async () => undefined }),
  });

  it('no GPU: size_vram 0 is "CPU only", not a spill', async () => {
    const s = await standIn({ models: [cpuOnly] });
    const { session } = await run(s, { repetitions: 1 }, { monitor: monitor(0) });
    assert.equal(session.models[0]!.placement, 'cpu');
    assert.ok(!session.models[0]!.tests[0]!.metrics.flags.includes('cpu_spill'));
  });

  it('a GPU that holds none of the model: cpu_spill', async () => {
    const s = await standIn({ models: [cpuOnly] });
    const { session } = await run(s, { repetitions: 1 }, { monitor: monitor(1) });
    assert.equal(session.models[0]!.placement, 'cpu');
    assert.ok(session.models[0]!.tests[0]!.metrics.flags.includes('cpu_spill'));
  });
});

describe('runSession: cancellation', () => {
  it('aborts the stream in flight, keeps finished repetitions and saves the session as cancelled', async () => {
    const s = await standIn();
    // requests: unload, warm-up, rep 1, rep 2 ← two tokens, then silent until the client goes
    failGeneration(s, { kind: 'stall', afterTokens: 2 }, 3, 1);
    const controller = new AbortController();
    // The cancel comes once repetition 2 is streaming: its first token has been written.
    const secondStreaming = () => generations(s)[3]?.firstTokenAt !== undefined;
    const { session, store } = await run(
      s,
      { models: ['llama3.2:3b', 'qwen3:0.6b'], suites: [suiteA, suiteB] },
      {
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'repetition-done' && e.figures.index === 0)
            void waitFor('repetition 2 streaming', secondStreaming).then(() => controller.abort());
        },
      },
    );
    assert.equal(session.status, 'cancelled');
    const [a, b] = session.models[0]!.tests;
    assert.equal(a!.status, 'cancelled');
    assert.match(a!.error!, /Cancelled after 1 of 3 repetitions/);
    assert.equal(b!.status, 'cancelled');
    assert.ok(session.models[1]!.tests.every((t) => t.status === 'cancelled'));
    const [result] = await store.sessions.getTestResults(session._id!);
    assert.equal(result!.metrics.repetitions.length, 1);
    assert.equal((await store.sessions.getSession(session._id!))!.status, 'cancelled');
    // The stand-in notices the client went away when the connection closes.
    await waitFor('the stand-in to see the client go away mid-stream', () =>
      generations(s).some((r) => r.aborted),
    );
    assert.equal(generations(s, 'qwen3:0.6b').length, 0, 'nothing ran after the cancel');
    assert.equal(s.activeStreams(), 0);
    assert.deepEqual(s.loaded(), [], 'the model is unloaded after a cancel too');
  });

  it('cancels while waiting for a slow cold load', async () => {
    const s = await standIn();
    // The warm-up (the cold load) gets no headers at all until the client gives up.
    failGeneration(s, { kind: 'stall', afterTokens: 0 }, 1, 1);
    const controller = new AbortController();
    const running = run(s, {}, { signal: controller.signal });
    await waitFor('the warm-up request', () => generations(s).length === 2);
    controller.abort();
    // The stand-in never answers the warm-up: the run ends only if the wait for headers is
    // abandoned.
    const { session } = await running;
    assert.equal(session.status, 'cancelled');
    assert.equal(generations(s)[1]!.finished, false, 'the warm-up was never answered');
    assert.equal(session.models[0]!.tests[0]!.status, 'cancelled');
  });
});
