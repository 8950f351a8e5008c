// Embedding models on the stand-in: suite E calls /api/embed with batches of 1, 8 and 32 inputs
// and measures inputs/s, embedded tokens/s and latency; capabilities decide what may run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_SUITES, defaultSuiteNames, validateSuite } from '../../src/core/bench/suites';
import { DEFAULT_MODELS, EMBEDDING_MODEL } from '../fixtures/ollamaStandIn';
import { refusedRun, run, standIn } from '../fixtures/runnerHarness';
import { suiteA } from '../fixtures/shortSuites';

const suiteE = BUILTIN_SUITES.find((s) => s.name === 'E')!;
const embedder = EMBEDDING_MODEL.name;
const models = [...DEFAULT_MODELS, EMBEDDING_MODEL];

describe('embedding suites', () => {
  it('sends batches of 1, 8 and 32 inputs to /api/embed and measures each', async () => {
    const s = await standIn({ models, promptTokensPerSecond: 20_000 });
    const { session, store } = await run(s, {
      models: [embedder],
      suites: [suiteE],
      repetitions: 2,
    });
    assert.equal(session.status, 'completed', session.error);
    const embeds = s.requests.filter((r) => r.path === '/api/embed');
    // The cold load (one input), then 2 requests at each batch size.
    assert.deepEqual(
      embeds.map((r) => (r.body?.input as string[]).length),
      [1, 1, 1, 8, 8, 32, 32],
    );
    const inputs = embeds.slice(1).flatMap((r) => r.body?.input as string[]);
    assert.equal(new Set(inputs).size, inputs.length, 'every input starts with its own nonce');
    assert.equal(s.requests.filter((r) => r.path === '/api/generate' && r.body?.prompt).length, 0);
    const metrics = session.models[0]!.tests[0]!.metrics;
    assert.ok(metrics.inputs_per_second! > 0);
    assert.ok(metrics.embed_tokens_per_second! > metrics.inputs_per_second!);
    assert.ok(metrics.e2e_ms! > 0 && metrics.e2e_p90_ms! >= metrics.e2e_ms!);
    assert.deepEqual(
      metrics.flags.filter((f) => f === 'cache_hit'),
      [],
    );
    assert.equal(session.models[0]!.load_time, 5, 'the cold load is the first embed request');
    const [result] = await store.sessions.getTestResults(session._id!);
    const reps = result!.metrics.repetitions;
    assert.deepEqual(
      reps.map((r) => r.batch_size),
      [1, 1, 8, 8, 32, 32],
    );
    for (const r of reps) {
      // prompt_eval_count over the request's wall time (no prompt_eval_duration to use).
      assert.equal(r.embed_tokens_per_second, r.prompt_eval_count / (r.e2e_ms / 1000));
      assert.equal(r.inputs_per_second, r.batch_size! / (r.e2e_ms / 1000));
    }
    assert.ok(result!.metrics.stats.b32_inputs_per_second);
    assert.ok(result!.metrics.stats.b1_e2e_ms!.p90 >= result!.metrics.stats.b1_e2e_ms!.p50);
    assert.deepEqual(session.options.suite_batches, { E: [1, 8, 32] });
  });

  it('refuses a completion suite for an embedding-only model in one message, storing nothing', async () => {
    const s = await standIn({ models });
    const { error, sessionWrites } = await refusedRun(s, { models: [embedder], suites: [suiteA] });
    assert.ok(error instanceof Error);
    assert.match(
      error.message,
      /^Refused before anything was stored: nomic-embed-text:latest cannot run suite A: it lacks the completion capability \(it has embedding\); it is an embedding model: run it with suite E/,
    );
    assert.deepEqual(sessionWrites, []);
  });

  it('refuses an embedding suite for a model without the embedding capability', async () => {
    const s = await standIn({ models });
    const { error, sessionWrites } = await refusedRun(s, {
      models: ['llama3.2:3b'],
      suites: [suiteE],
    });
    assert.match(
      String(error),
      /llama3\.2:3b cannot run suite E: it lacks the embedding capability/,
    );
    assert.deepEqual(sessionWrites, []);
  });

  it('an embedding-only model gets suite E by default; any other gets A', () => {
    assert.deepEqual(defaultSuiteNames([['embedding']]), ['E']);
    assert.deepEqual(defaultSuiteNames([['embedding'], ['completion']]), ['A']);
    assert.deepEqual(defaultSuiteNames([undefined]), ['A']);
  });

  it("a user's embedding suite needs no num_predict and takes its own batches", () => {
    const ok = validateSuite({
      name: 'vectors',
      kind: 'embedding',
      prompts: ['x'],
      options: {},
      batches: [4, 16],
    });
    assert.ok(ok.ok && ok.suite.batches?.join() === '4,16');
    const bad = validateSuite({
      name: 'g',
      prompts: ['x'],
      options: { num_predict: 4 },
      batches: [4],
    });
    assert.ok(
      !bad.ok && bad.errors.some((e) => e.startsWith('"batches" belongs to embedding suites')),
    );
  });
});
