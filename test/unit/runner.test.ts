// The runner against the Ollama stand-in, through the real `ollama` client: methodology, figures,
// documents and events. Failures, stalls, placement and cancellation have their own files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HardwareMonitor } from '../../src/core/hardware/hardwareMonitor';
import type { HardwareConfig, HardwareSample } from '../../src/shared/dto';
import { DEFAULT_MODELS } from '../fixtures/ollamaStandIn';
import { generations, run, standIn } from '../fixtures/runnerHarness';
import { suiteA, suiteB, suiteC } from '../fixtures/shortSuites';

describe('runSession: methodology', () => {
  it('unloads, cold-loads with the warm-up (the first real request), then runs N measured repetitions', async () => {
    const s = await standIn();
    const { session, store } = await run(s);
    assert.equal(session.status, 'completed');
    const reqs = generations(s).map((r) => r.body!);
    // unload, warm-up (the cold load), 3 repetitions, unload at the end: no empty-prompt preload,
    // since real Ollama answers one with no durations at all.
    assert.equal(reqs.length, 6);
    assert.equal(reqs[0]!.keep_alive, 0);
    assert.equal(reqs[0]!.prompt, '');
    assert.notEqual(reqs[1]!.prompt, '');
    assert.equal(reqs[5]!.keep_alive, 0);
    const measured = reqs.slice(1, 5);
    const nonces = new Set<string>();
    for (const body of measured) {
      assert.equal(body.think, false);
      assert.equal(body.keep_alive, '10m');
      assert.deepEqual(body.options, { temperature: 0, seed: 42, num_predict: 6, num_ctx: 4096 });
      const [nonce] = String(body.prompt).split('\n\n');
      assert.match(nonce!, /^[0-9a-f]{12}$/);
      nonces.add(nonce!);
      assert.ok(String(body.prompt).endsWith(suiteA.prompts[0]!));
    }
    assert.equal(nonces.size, 4, 'each request (warm-up included) has its own nonce');
    assert.deepEqual(s.loaded(), [], 'the model is unloaded when its tests are done');

    const test = session.models[0]!.tests[0]!;
    assert.equal(test.status, 'completed');
    const [result] = await store.sessions.getTestResults(session._id!);
    assert.equal(result!.metrics.repetitions.length, 3, 'the warm-up is not counted');
    const nonceOfReps = result!.metrics.repetitions.map((r) => r.nonce);
    assert.deepEqual(
      nonceOfReps,
      measured.slice(1).map((b) => String(b.prompt).split('\n\n')[0]),
    );
    for (const r of result!.metrics.repetitions) {
      assert.equal(r.eval_count, 6);
      assert.equal(r.done_reason, 'length');
      // 6 tokens, one every 0.5 ms: eval_duration 3 ms as the stand-in reports it.
      assert.equal(r.eval_duration_ns, 3_000_000);
      assert.equal(r.tokens_per_second, 2000);
      assert.ok(r.ttft_ms! > 0 && r.tpot_ms !== undefined && r.e2e_ms >= r.ttft_ms!);
    }
    assert.equal(result!.metrics.stats.tokens_per_second!.n, 3);
    assert.equal(test.result_id, result!._id);
    assert.equal(session.options.num_ctx, 4096);
    assert.equal(session.options.seed, 42);
    assert.equal(session.options.temperature, 0);
    assert.equal(session.options.suite_options!.A!.num_predict, 6);
    assert.equal(session.ollama_version, '0.12.6');
    assert.equal(session.models[0]!.loaded_context_length, 4096);
    const model = session.models[0]!;
    // The warm-up's load_duration is the stand-in's 5 ms cold load, in ns; stored in ms.
    assert.equal(model.load_time, 5, 'the cold load time comes from the warm-up load_duration');
    assert.ok(
      model.load_wall_ms! >= model.load_time!,
      'the client clock to the first token holds the load',
    );
    assert.equal(test.metrics.load_time, model.load_time);
    assert.equal(model.placement, 'gpu');
    assert.ok(session.models[0]!.model_id, 'the model is recorded in the store');
  });

  it('writes the session when it starts and after every test, and emits the events in order', async () => {
    const s = await standIn();
    const { session, store, sessionWrites, events } = await run(s, {
      models: ['llama3.2:3b'],
      suites: [suiteA, suiteB],
      repetitions: 2,
    });
    assert.equal(sessionWrites[0]!.status, 'running');
    assert.ok(sessionWrites[0]!.models[0]!.tests.every((t) => t.status === 'pending'));
    const afterFirstTest = sessionWrites.find(
      (w) =>
        w.models[0]!.tests[0]!.status === 'completed' &&
        w.models[0]!.tests[1]!.status === 'pending',
    );
    assert.ok(afterFirstTest, 'a crash during the second test keeps the first');
    // As stored: a real store keeps no undefined fields.
    assert.deepEqual(
      await store.sessions.getSession(session._id!),
      JSON.parse(JSON.stringify(session)),
    );
    const types = events.filter((e) => e.type !== 'log').map((e) => e.type);
    assert.deepEqual(types, [
      'session-started',
      'model-started',
      'model-loaded',
      'test-started',
      'repetition-done',
      'repetition-done',
      'test-done',
      'test-started',
      'repetition-done',
      'repetition-done',
      'test-done',
      'session-done',
    ]);
  });

  it('reports the counters of the final chunk: 259 tokens over 4.23271 s is 61.19 tok/s, 26 over 0.130079 s is 199.88', async () => {
    const s = await standIn({
      models: [
        {
          ...DEFAULT_MODELS[0]!,
          first_token_delay_ms: 120,
          final_counters: {
            eval_count: 259,
            eval_duration: 4_232_710_000,
            prompt_eval_count: 26,
            prompt_eval_duration: 130_079_000,
          },
        },
      ],
    });
    const { session, store } = await run(s, { repetitions: 2 });
    const metrics = session.models[0]!.tests[0]!.metrics;
    assert.equal(metrics.tokens_per_second, 61.19);
    assert.equal(metrics.prompt_tokens_per_second, 199.88);
    const [result] = await store.sessions.getTestResults(session._id!);
    const raw = result!.metrics.repetitions[0]!;
    assert.equal(raw.tokens_per_second, 259 / 4.23271, 'raw figures stay unrounded');
    // Client-side TTFT against the stand-in's own first-token time (request arrival → first
    // write, on the monotonic clock, the 120 ms first-token delay included): the client's clock
    // starts before the request leaves and stops after the first token arrives, within the
    // repetition's own request.
    const serverDelays = generations(s)
      .filter((r) => r.firstTokenAfterMs !== undefined)
      .slice(1)
      .map((r) => r.firstTokenAfterMs!);
    assert.equal(serverDelays.length, 2);
    for (const [i, rep] of result!.metrics.repetitions.entries()) {
      assert.ok(
        rep.ttft_ms! >= serverDelays[i]!,
        `ttft ${rep.ttft_ms} vs server ${serverDelays[i]}`,
      );
      assert.ok(rep.ttft_ms! <= rep.e2e_ms);
    }
  });

  it('flags cpu_spill from /api/ps, truncated from done_reason "length" short of num_predict, cache_hit from prompt counters', async () => {
    const s = await standIn({
      models: [
        { ...DEFAULT_MODELS[2]! },
        { ...DEFAULT_MODELS[0]!, name: 'short:1b', final_counters: { eval_count: 3 } },
        { ...DEFAULT_MODELS[0]!, name: 'cached:1b', final_counters: { prompt_eval_duration: 0 } },
      ],
    });
    const { session } = await run(s, {
      models: ['mistral:7b-instruct-q8_0', 'short:1b', 'cached:1b'],
      repetitions: 2,
    });
    // (`unstable` may join them: client-side figures of a few milliseconds vary by over 10 %.)
    const flags = session.models.map((m) =>
      m.tests[0]!.metrics.flags.filter((f) => f !== 'unstable'),
    );
    assert.deepEqual(flags[0], ['cpu_spill']);
    assert.equal(session.models[0]!.vram_share, 0.4);
    assert.deepEqual(flags[1], ['truncated']);
    assert.deepEqual(flags[2], ['cache_hit']);
  });

  it('runs suite C as windows of k parallel streams: aggregate = Σ eval_count / window wall time', async () => {
    const s = await standIn({ tokensPerSecond: 200 });
    const { session, store } = await run(s, { suites: [suiteC], repetitions: 2 });
    assert.equal(session.status, 'completed');
    assert.deepEqual(session.options.suite_concurrency, { C: [1, 2] });
    const [result] = await store.sessions.getTestResults(session._id!);
    const reps = result!.metrics.repetitions;
    assert.deepEqual(
      reps.map((r) => r.concurrency),
      [1, 1, 2, 2],
    );
    for (const r of reps) {
      assert.equal(r.eval_count, 20 * r.concurrency!);
      assert.equal(r.aggregate_tokens_per_second, r.eval_count / (r.e2e_ms / 1000));
    }
    assert.equal(s.peakStreams(), 2, 'two streams ran at once');
    // Each stream's counters are the stand-in's: 20 tokens, one every 5 ms.
    for (const r of reps) assert.equal(r.tokens_per_second, 200);
    const stats = result!.metrics.stats;
    assert.equal(stats.k2_ttft_ms!.n, 4, 'latency percentiles under load cover every stream');
    const best = Math.max(
      stats.k1_aggregate_tokens_per_second!.mean,
      stats.k2_aggregate_tokens_per_second!.mean,
    );
    assert.equal(
      session.models[0]!.tests[0]!.metrics.aggregate_tokens_per_second,
      Math.round(best * 100) / 100,
    );
    // each stream of a window has its own nonce
    const prompts = generations(s)
      .map((r) => String(r.body!.prompt))
      .filter((p) => p.includes('bicycle'));
    assert.equal(new Set(prompts).size, prompts.length);
  });

  it('takes the hardware inventory once, samples during the session and attaches each test window', async () => {
    const s = await standIn();
    const inventory: HardwareConfig = {
      fingerprint: 'fp-1',
      cpu: { model: 'Test CPU', cores: 4, threads: 8 },
      gpu: [],
      ram: { total: 16e9 },
      storage: {},
      os: { name: 'Linux', version: '6', kernel: '6.1', hostname: 'box' },
      bios: {},
    };
    let stopped = 0;
    let intervalMs = 0;
    // A sample at every repetition's end: inside the test's window whatever the machine's pace.
    let sample: (() => void) | undefined;
    const monitor: HardwareMonitor = {
      inventory: async () => inventory,
      start: async (options, onSample) => {
        intervalMs = options.intervalMs;
        let cpu = 10;
        sample = () => {
          const s: HardwareSample = { t: Date.now(), cpu_total: cpu, mem_used: 1000 + cpu };
          cpu += 10;
          onSample(s);
        };
        return { stop: async () => void stopped++ };
      },
    };
    const { session, store, events } = await run(
      s,
      { samplingIntervalMs: 250 },
      {
        monitor,
        onEvent: (e) => {
          if (e.type === 'repetition-done') sample?.();
        },
      },
    );
    assert.equal(intervalMs, 250);
    assert.equal(stopped, 1);
    assert.ok(session.hardware_config_id);
    assert.equal(
      (await store.sessions.getHardwareConfig(session.hardware_config_id!))!.fingerprint,
      'fp-1',
    );
    assert.equal(session.machine, 'box · Test CPU');
    const [result] = await store.sessions.getTestResults(session._id!);
    const series = result!.metrics.cpu_usage.map((p) => p.value);
    assert.equal(series.length, 3, 'one sample per repetition');
    const m = session.models[0]!.tests[0]!.metrics;
    assert.equal(m.cpu_usage, series.reduce((a, b) => a + b, 0) / series.length);
    assert.equal(m.ram_usage, Math.max(...result!.metrics.ram_usage.map((p) => p.value)));
    assert.ok(events.some((e) => e.type === 'hardware-sample'));
  });
});
