// The runner against each failure a real Ollama produces, through the real `ollama` client: an
// unknown model, a crash mid-stream, Ollama gone, error lines, busy answers, slow loads and stalls.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STREAM_HEADERS_TIMEOUT_MS } from '../../src/core/bench/runner';
import { SERVER_BUSY_ERROR } from '../fixtures/ollamaStandIn';
import { failGeneration, generations, run, standIn } from '../fixtures/runnerHarness';
import { resolveRunOptions } from '../../src/core/bench/runOptions';
import { suiteA, suiteB } from '../fixtures/shortSuites';

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
    failGeneration(s, { kind: 'cut', afterTokens: 2 }, 3, 1);
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
    failGeneration(
      s,
      { kind: 'error-line', afterTokens: 2, error: 'llama runner process has terminated' },
      2,
      1,
    );
    const { session } = await run(s);
    const test = session.models[0]!.tests[0]!;
    assert.equal(test.status, 'error');
    assert.match(test.error!, /reported an error: llama runner process has terminated/);
  });

  it('a stream that ends without done errors the test', async () => {
    const s = await standIn();
    failGeneration(s, { kind: 'end-without-done', afterTokens: 3 }, 2, 1);
    const { session } = await run(s);
    assert.match(session.models[0]!.tests[0]!.error!, /ended the stream without finishing/);
  });

  it('503 busy is retried with backoff and then succeeds', async () => {
    const s = await standIn();
    failGeneration(s, { kind: 'status', status: 503, error: SERVER_BUSY_ERROR }, 2, 2);
    const waits: number[] = [];
    const { session, logs } = await run(s, {}, { sleep: async (ms) => void waits.push(ms) });
    assert.equal(session.models[0]!.tests[0]!.status, 'completed');
    assert.deepEqual(waits, [5, 10]);
    assert.equal(logs.filter((l) => /busy.*Retry/.test(l)).length, 2);
  });

  it('503 busy beyond the retries errors the test', async () => {
    const s = await standIn();
    failGeneration(s, { kind: 'status', status: 503, error: SERVER_BUSY_ERROR }, 2);
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
    failGeneration(s, { kind: 'delay', ms: 1500 }, 1, 1);
    const short = await run(s, { repetitions: 1 }, { clientOptions: { headersTimeoutMs: 200 } });
    assert.equal(short.session.models[0]!.tests[0]!.status, 'error');
    assert.match(short.session.models[0]!.tests[0]!.error!, /timeout/);
    failGeneration(s, { kind: 'delay', ms: 1500 }, 1, 1);
    const long = await run(s, { repetitions: 1 }, { clientOptions: { headersTimeoutMs: 4000 } });
    assert.equal(long.session.models[0]!.tests[0]!.status, 'completed');
  });
});

describe('runSession: stalls', () => {
  // Short enough to keep the tests quick, long enough that a busy machine's pauses never trip
  // them on a stream that is not stalled.
  const short = resolveRunOptions({ timeouts: { firstChunkMs: 3000, stallMs: 3000 } });

  it('Ollama takes the request and sends nothing: the test ends after the first-token timeout, the session goes on', async () => {
    const s = await standIn();
    // unload, warm-up, then A's first repetition hangs before any byte
    failGeneration(s, { kind: 'stall', afterTokens: 0 }, 2, 1);
    const { session } = await run(s, { suites: [suiteA, suiteB], options: short });
    const [a, b] = session.models[0]!.tests;
    assert.equal(a!.status, 'error');
    assert.match(a!.error!, /Ollama accepted the request but sent nothing for 3\.0 s/);
    assert.equal(b!.status, 'completed', 'the next test runs');
    assert.equal(s.activeStreams(), 0);
  });

  it('a stream that stops mid-way ends after the stall timeout and keeps the finished repetitions', async () => {
    const s = await standIn();
    failGeneration(s, { kind: 'stall', afterTokens: 2 }, 3, 1);
    const { session, store } = await run(s, { suites: [suiteA, suiteB], options: short });
    const [a, b] = session.models[0]!.tests;
    assert.match(a!.error!, /stopped sending mid-stream.*after 1 of 3 repetitions; those are kept/);
    const [result] = await store.sessions.getTestResults(session._id!);
    assert.equal(result!.metrics.repetitions.length, 1);
    assert.equal(b!.status, 'completed', b!.error);
  });

  it('Ctrl-C during a stall ends at once, with the default (10 min) timeouts', async () => {
    const s = await standIn();
    failGeneration(s, { kind: 'stall', afterTokens: 2 }, 2, 1);
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
