// Prefill from new tokens only: Ollama's llama-server runner counts cached prompt tokens in
// prompt_eval_count but times only the new ones (llm/llama_server.go). Where the server reports
// prompt_eval_cached_count, the prompt rate divides the new tokens; without it, the nonce before
// each prompt keeps the prompt's own tokens new, so only the chat template's head is cached.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ollama } from 'ollama';
import { repetitionFigures } from '../../src/core/bench/metrics';
import { cacheHits } from '../../src/core/bench/validity';
import type { RepetitionFigures } from '../../src/shared/dto';
import { generations, run, standIn } from '../fixtures/runnerHarness';

const HEAD = 200;
const PROMPT_RATE = 1000;

describe('prompt cache', () => {
  it('with prompt_eval_cached_count: prompt tok/s counts the new tokens only; prompt_cached_tokens stored', async () => {
    const s = await standIn({
      templateHeadTokens: HEAD,
      cachedCountField: true,
      promptTokensPerSecond: PROMPT_RATE,
    });
    const { session, store } = await run(s);
    const test = session.models[0]!.tests[0]!;
    const [result] = await store.sessions.getTestResults(session._id!);
    for (const r of result!.metrics.repetitions) {
      // The warm-up left the template's head in the cache: every repetition reuses exactly it.
      assert.equal(r.prompt_cached_tokens, HEAD);
      assert.ok(r.prompt_eval_count > HEAD);
      // The told rate of the newly processed tokens, not count / duration.
      assert.equal(Math.round(r.prompt_tokens_per_second!), PROMPT_RATE);
    }
    assert.equal(test.metrics.prompt_cached_tokens, HEAD);
    assert.equal(test.metrics.prompt_tokens_per_second, PROMPT_RATE);
    assert.ok(!test.metrics.flags.includes('cache_hit'));
  });

  it('without the field: the nonce keeps the prompt own tokens new (only the head is cached)', async () => {
    const s = await standIn({ templateHeadTokens: HEAD, promptTokensPerSecond: PROMPT_RATE });
    const { session, store } = await run(s, { repetitions: 3 });
    const measured = generations(s).filter((r) => r.body?.prompt);
    assert.equal(measured.length, 4, 'the warm-up and 3 repetitions');
    // The warm-up found an empty cache; each repetition reused the head and nothing of its prompt.
    assert.deepEqual(
      measured.map((r) => r.cachedTokens),
      [0, HEAD, HEAD, HEAD],
    );
    const [result] = await store.sessions.getTestResults(session._id!);
    for (const r of result!.metrics.repetitions) assert.equal(r.prompt_cached_tokens, undefined);
    // The same prompt twice, as without a nonce: the second reuses the prompt's own tokens too.
    const client = new Ollama({ host: s.url });
    const prompt = String(measured[1]!.body!.prompt);
    for (let i = 0; i < 2; i++)
      await client.generate({ model: 'llama3.2:3b', prompt, stream: false, think: false });
    assert.ok((s.requests.at(-1)!.cachedTokens ?? 0) > HEAD);
  });

  it('cache_hit from prompt_cached_tokens: a hit only when nothing but the last token was new', () => {
    const rep = (index: number, count: number, cached: number, rate: number) =>
      ({
        index,
        nonce: 'n',
        e2e_ms: 1,
        eval_count: 1,
        eval_duration_ns: 1e7,
        prompt_eval_count: count,
        prompt_eval_duration_ns: 1e6,
        prompt_cached_tokens: cached,
        prompt_tokens_per_second: rate,
        total_duration_ns: 1,
        load_duration_ns: 0,
      }) satisfies RepetitionFigures;
    // A rate far above the others is no evidence here: it already divides the new tokens only.
    assert.deepEqual(
      cacheHits([rep(0, 230, 200, 30), rep(1, 230, 200, 30), rep(2, 230, 0, 900)]),
      [],
    );
    assert.deepEqual(cacheHits([rep(0, 230, 200, 30), rep(1, 230, 229, 1)]), [1]);
  });

  it('repetitionFigures: (prompt_eval_count − prompt_eval_cached_count) / prompt_eval_duration', () => {
    const observed = {
      t0: 0,
      tokenTimes: [10],
      tEnd: 20,
      output: '',
      final: {
        prompt_eval_count: 250,
        prompt_eval_cached_count: 200,
        prompt_eval_duration: 100e6,
        eval_count: 1,
        eval_duration: 1e6,
      },
    };
    const f = repetitionFigures(observed, 0, 'n');
    assert.equal(f.prompt_tokens_per_second, 500);
    assert.equal(f.prompt_cached_tokens, 200);
    const { prompt_eval_cached_count: _, ...older } = observed.final;
    assert.equal(
      repetitionFigures({ ...observed, final: older }, 0, 'n').prompt_tokens_per_second,
      2500,
    );
  });
});
