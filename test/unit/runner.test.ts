// The runner against the Ollama stand-in, through the real `ollama` client: methodology, figures,
// documents, events, and each failure a real Ollama produces.
import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import {
  runSession,
  STREAM_HEADERS_TIMEOUT_MS,
  type RunnerDeps,
  type SessionRequest,
} from '../../src/core/bench/runner';
import { BUILTIN_SUITES, withNumPredict } from '../../src/core/bench/suites';
import { resolveRunOptions } from '../../src/core/bench/runOptions';
import type { HardwareMonitor } from '../../src/core/hardware/hardwareMonitor';
import type {
  HardwareConfig,
  HardwareSample,
  SessionDoc,
  SuiteDefinition,
} from '../../src/shared/dto';
import type { BenchEvent } from '../../src/shared/events';
import {
  DEFAULT_MODELS,
  SERVER_BUSY_ERROR,
  startOllamaStandIn,
  type StandIn,
  type StandInOptions,
} from '../fixtures/ollamaStandIn';
import { openTempStore, type TempStore } from '../fixtures/tempStore';

const suiteA = withNumPredict([BUILTIN_SUITES[0]!], 6)[0]!;
const suiteB: SuiteDefinition = {
  ...BUILTIN_SUITES[1]!,
  prompts: ['a b c d e f g h i j'],
  options: { num_predict: 4 },
};
const suiteC: SuiteDefinition = {
  ...BUILTIN_SUITES[2]!,
  options: { num_predict: 20 },
  concurrency: [1, 2],
};

const open: StandIn[] = [];
const stores: TempStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await Promise.all(stores.splice(0).map((s) => s.remove()));
});

async function standIn(opts: StandInOptions = {}): Promise<StandIn> {
  const s = await startOllamaStandIn({ tokensPerSecond: 2000, jitter: 0, loadMs: 5, ...opts });
  open.push(s);
  return s;
}

interface Run {
  session: Awaited<ReturnType<typeof runSession>>;
  store: TempStore['store'];
  /** Every session write in order. */
  sessionWrites: SessionDoc[];
  events: BenchEvent[];
  logs: string[];
}

async function run(
  s: StandIn,
  request: Partial<SessionRequest> = {},
  deps: Partial<RunnerDeps> = {},
): Promise<Run> {
  const temp = await openTempStore();
  stores.push(temp);
  const { store, sessionWrites } = temp;
  const events: BenchEvent[] = [];
  const logs: string[] = [];
  const session = await runSession(
    { models: ['llama3.2:3b'], suites: [suiteA], repetitions: 3, ...request },
    {
      store: store.runWrites,
      host: s.url,
      retryDelaysMs: [5, 10, 20],
      onEvent: (e) => {
        events.push(e);
        deps.onEvent?.(e);
      },
      log: (level, message) => logs.push(`${level}: ${message}`),
      ...Object.fromEntries(Object.entries(deps).filter(([k]) => k !== 'onEvent')),
    },
  );
  return { session, store, sessionWrites, events, logs };
}

const generations = (s: StandIn, model?: string) =>
  s.requests.filter((r) => r.path === '/api/generate' && (!model || r.body?.model === model));

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
      assert.ok(
        r.tokens_per_second! > 0 && r.ttft_ms! > 0 && r.tpot_ms! > 0 && r.e2e_ms >= r.ttft_ms!,
      );
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
    assert.ok(model.load_time! >= 4, 'the cold load time comes from the warm-up load_duration');
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
    // Client-side TTFT against the stand-in's own first-token time (request arrival → first write).
    const serverDelays = generations(s)
      .filter((r) => r.firstTokenAt !== undefined)
      .slice(1)
      .map((r) => r.firstTokenAt! - r.at);
    for (const [i, rep] of result!.metrics.repetitions.entries()) {
      assert.ok(
        rep.ttft_ms! >= serverDelays[i]! - 5,
        `ttft ${rep.ttft_ms} vs server ${serverDelays[i]}`,
      );
      assert.ok(
        rep.ttft_ms! < serverDelays[i]! + 60,
        `ttft ${rep.ttft_ms} vs server ${serverDelays[i]}`,
      );
    }
    assert.ok(metrics.ttft_ms! >= 120);
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
    // (`unstable` may join them: a few milliseconds of stand-in timing vary by more than 10 %.)
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
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, s.activeStreams())), 2);
    const { session, store } = await run(s, { suites: [suiteC], repetitions: 2 }).finally(() =>
      clearInterval(timer),
    );
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
    assert.equal(peak, 2, 'two streams ran at once');
    const stats = result!.metrics.stats;
    assert.equal(stats.k2_ttft_ms!.n, 4, 'latency percentiles under load cover every stream');
    assert.ok(
      stats.k2_aggregate_tokens_per_second!.mean > 1.3 * stats.k1_aggregate_tokens_per_second!.mean,
    );
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
    const monitor: HardwareMonitor = {
      inventory: async () => inventory,
      start: async (options, onSample) => {
        intervalMs = options.intervalMs;
        let cpu = 10;
        const timer = setInterval(() => {
          const sample: HardwareSample = { t: Date.now(), cpu_total: cpu, mem_used: 1000 + cpu };
          cpu += 10;
          onSample(sample);
        }, 5);
        return { stop: async () => (clearInterval(timer), void stopped++) };
      },
    };
    const { session, store, events } = await run(s, { samplingIntervalMs: 250 }, { monitor });
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
    assert.ok(series.length > 0);
    const m = session.models[0]!.tests[0]!.metrics;
    assert.equal(m.cpu_usage, series.reduce((a, b) => a + b, 0) / series.length);
    assert.equal(m.ram_usage, Math.max(...result!.metrics.ram_usage.map((p) => p.value)));
    assert.ok(events.some((e) => e.type === 'hardware-sample'));
  });
});

describe('runSession: failures', () => {
  it('an unknown model errors with "model \'x\' not found at HOST"; the other models complete', async () => {
    const s = await standIn();
    const { session, events } = await run(s, {
      models: ['llama3.2:3b', 'nope:1b', 'qwen3:0.6b'],
      suites: [suiteA, suiteB],
      repetitions: 1,
    });
    const [good, bad, other] = session.models;
    assert.ok(good!.tests.every((t) => t.status === 'completed'));
    assert.ok(other!.tests.every((t) => t.status === 'completed'));
    assert.ok(bad!.tests.every((t) => t.status === 'error'));
    assert.match(
      bad!.tests[0]!.error!,
      new RegExp(`^model 'nope:1b' not found at ${s.url.replace(/\./g, '\\.')}`),
    );
    assert.equal(session.status, 'error');
    assert.match(session.error!, /2 of 6 tests failed: model 'nope:1b' not found/);
    assert.equal(events.filter((e) => e.type === 'test-done' && e.status === 'error').length, 2);
  });

  it('Ollama dying mid-stream errors the test and keeps the finished repetitions; the session goes on', async () => {
    const s = await standIn();
    // requests: unload, warm-up (the cold load), rep 1, rep 2 ← cut after 2 tokens
    s.addFault({
      fault: { kind: 'cut', afterTokens: 2 },
      path: '/api/generate',
      skip: 3,
      times: 1,
    });
    const { session, store } = await run(s, { suites: [suiteA, suiteB] });
    const [a, b] = session.models[0]!.tests;
    assert.equal(a!.status, 'error');
    assert.match(
      a!.error!,
      /connection to Ollama at .* was cut.*after 1 of 3 repetitions; those are kept/,
    );
    const [result] = await store.sessions.getTestResults(session._id!);
    assert.equal(result!.status, 'error');
    assert.equal(result!.metrics.repetitions.length, 1);
    assert.ok(a!.metrics.tokens_per_second! > 0, 'the summary covers the kept repetition');
    assert.equal(b!.status, 'completed');
  });

  it('Ollama gone for good: the test in flight errors, the tests left are "not run" with one log line', async () => {
    const s = await standIn({ tokensPerSecond: 200 });
    let closed = false;
    const { session, logs } = await run(
      s,
      { models: ['llama3.2:3b', 'qwen3:0.6b'], suites: [suiteA, suiteB] },
      {
        onEvent: (e) => {
          if (!closed && e.type === 'repetition-done') {
            closed = true;
            void s.close();
          }
        },
      },
    );
    assert.equal(session.status, 'error');
    const [a, b] = session.models[0]!.tests;
    assert.equal(a!.status, 'error');
    assert.match(a!.error!, /after 1 of 3 repetitions; those are kept/);
    // The next test finds nothing listening and says so; what is left is not tried at all.
    assert.match(b!.error!, /^Ollama is not running at /);
    for (const t of session.models[1]!.tests) {
      assert.equal(t.status, 'error');
      assert.match(t.error!, /^Not run: Ollama is not running at /);
    }
    assert.equal(generations(s, 'qwen3:0.6b').length, 0, 'the second model was not tried');
    assert.equal(
      logs.filter((l) => /Ollama stopped answering/.test(l)).length,
      1,
      'said once, not once per test',
    );
    assert.equal(logs.filter((l) => l.startsWith('error:')).length, 3, logs.join('\n'));
  });

  it('an {"error"} line mid-stream errors the test with Ollama\'s message', async () => {
    const s = await standIn();
    s.addFault({
      fault: { kind: 'error-line', afterTokens: 2, error: 'llama runner process has terminated' },
      path: '/api/generate',
      skip: 2,
      times: 1,
    });
    const { session } = await run(s);
    const test = session.models[0]!.tests[0]!;
    assert.equal(test.status, 'error');
    assert.match(test.error!, /reported an error: llama runner process has terminated/);
  });

  it('a stream that ends without done errors the test', async () => {
    const s = await standIn();
    s.addFault({
      fault: { kind: 'end-without-done', afterTokens: 3 },
      path: '/api/generate',
      skip: 2,
      times: 1,
    });
    const { session } = await run(s);
    assert.match(session.models[0]!.tests[0]!.error!, /ended the stream without finishing/);
  });

  it('503 busy is retried with backoff and then succeeds', async () => {
    const s = await standIn();
    s.addFault({
      fault: { kind: 'status', status: 503, error: SERVER_BUSY_ERROR },
      path: '/api/generate',
      skip: 2,
      times: 2,
    });
    const waits: number[] = [];
    const { session, logs } = await run(s, {}, { sleep: async (ms) => void waits.push(ms) });
    assert.equal(session.models[0]!.tests[0]!.status, 'completed');
    assert.deepEqual(waits, [5, 10]);
    assert.equal(logs.filter((l) => /busy.*Retry/.test(l)).length, 2);
  });

  it('503 busy beyond the retries errors the test', async () => {
    const s = await standIn();
    s.addFault({
      fault: { kind: 'status', status: 503, error: SERVER_BUSY_ERROR },
      path: '/api/generate',
      skip: 2,
    });
    const { session } = await run(s, { repetitions: 1 });
    const test = session.models[0]!.tests[0]!;
    assert.equal(test.status, 'error');
    assert.ok(
      test.error!.includes(`is busy (503: ${SERVER_BUSY_ERROR}). Gave up after 4 attempts`),
      test.error,
    );
  });

  it('a cold load slower than the headers timeout fails only if the timeout is short (the runner waits 30 min)', async () => {
    assert.ok(STREAM_HEADERS_TIMEOUT_MS > 300_000, "longer than Node fetch's 300 s");
    const s = await standIn();
    // undici checks its timers about every 500 ms, hence a delay well beyond the short timeout.
    s.addFault({ fault: { kind: 'delay', ms: 1500 }, path: '/api/generate', skip: 1, times: 1 });
    const short = await run(s, { repetitions: 1 }, { clientOptions: { headersTimeoutMs: 200 } });
    assert.equal(short.session.models[0]!.tests[0]!.status, 'error');
    assert.match(short.session.models[0]!.tests[0]!.error!, /timeout/);
    s.addFault({ fault: { kind: 'delay', ms: 1500 }, path: '/api/generate', skip: 1, times: 1 });
    const long = await run(s, { repetitions: 1 }, { clientOptions: { headersTimeoutMs: 4000 } });
    assert.equal(long.session.models[0]!.tests[0]!.status, 'completed');
  });
});

describe('runSession: stalls', () => {
  const short = resolveRunOptions({ timeouts: { firstChunkMs: 300, stallMs: 300 } });

  it('Ollama takes the request and sends nothing: the test ends after the first-token timeout, the session goes on', async () => {
    const s = await standIn();
    // unload, warm-up, then A's first repetition hangs before any byte
    s.addFault({
      fault: { kind: 'stall', afterTokens: 0 },
      path: '/api/generate',
      skip: 2,
      times: 1,
    });
    const { session } = await run(s, { suites: [suiteA, suiteB], options: short });
    const [a, b] = session.models[0]!.tests;
    assert.equal(a!.status, 'error');
    assert.match(a!.error!, /Ollama accepted the request but sent nothing for 0\.3 s/);
    assert.equal(b!.status, 'completed', 'the next test runs');
    assert.equal(s.activeStreams(), 0);
  });

  it('a stream that stops mid-way ends after the stall timeout and keeps the finished repetitions', async () => {
    const s = await standIn();
    s.addFault({
      fault: { kind: 'stall', afterTokens: 2 },
      path: '/api/generate',
      skip: 3,
      times: 1,
    });
    const { session, store } = await run(s, { suites: [suiteA, suiteB], options: short });
    const [a, b] = session.models[0]!.tests;
    assert.match(a!.error!, /stopped sending mid-stream.*after 1 of 3 repetitions; those are kept/);
    const [result] = await store.sessions.getTestResults(session._id!);
    assert.equal(result!.metrics.repetitions.length, 1);
    assert.equal(b!.status, 'completed');
  });

  it('Ctrl-C during a stall ends at once, with the default (10 min) timeouts', async () => {
    const s = await standIn();
    s.addFault({
      fault: { kind: 'stall', afterTokens: 2 },
      path: '/api/generate',
      skip: 2,
      times: 1,
    });
    const controller = new AbortController();
    const { session } = await run(
      s,
      {},
      {
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'test-started') setTimeout(() => controller.abort(), 200);
        },
      },
    );
    // Had the cancel waited for the stall timer, this test would hit its own timeout.
    assert.equal(session.status, 'cancelled');
    assert.equal(session.models[0]!.tests[0]!.status, 'cancelled');
  });
});

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
    const s = await standIn({ tokensPerSecond: 100 }); // 6 tokens ≈ 60 ms per repetition
    const controller = new AbortController();
    const { session, store } = await run(
      s,
      { models: ['llama3.2:3b', 'qwen3:0.6b'], suites: [suiteA, suiteB] },
      {
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'repetition-done' && e.figures.index === 0)
            setTimeout(() => controller.abort(), 25);
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
    // The stand-in notices a client that went away at its next token.
    await new Promise((r) => setTimeout(r, 30));
    assert.ok(
      generations(s).some((r) => r.aborted),
      'the stand-in saw the client go away mid-stream',
    );
    assert.equal(generations(s, 'qwen3:0.6b').length, 0, 'nothing ran after the cancel');
    assert.equal(s.activeStreams(), 0);
    assert.deepEqual(s.loaded(), [], 'the model is unloaded after a cancel too');
  });

  it('cancels while waiting for a slow cold load', async () => {
    const s = await standIn();
    s.addFault({ fault: { kind: 'delay', ms: 2500 }, path: '/api/generate', skip: 1, times: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const { session } = await run(s, {}, { signal: controller.signal });
    assert.equal(session.status, 'cancelled');
    assert.ok(Date.now() - started < 2000, 'the wait for headers was abandoned');
    assert.equal(session.models[0]!.tests[0]!.status, 'cancelled');
  });
});

after(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
