// `ollama-bench run --json` against a stand-in that behaves like today's Ollama: one parallel slot,
// a cached chat-template head reported as prompt_eval_cached_count, and a model trained at a
// smaller context than asked. The JSON carries every new field.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SessionDoc } from '../../src/shared/dto';
import { cliArgs } from '../fixtures/cliArgs';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { DEFAULT_MODELS, startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';

describe('ollama-bench run on today’s Ollama', () => {
  let standIn: StandIn;
  let dir: string;
  // 8 tokens at 100 tokens/s: each stream decodes for 80 ms of told time, long beside the
  // client's own pauses, so a queued stream's first token is seen after the stream before it.
  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'ollama-bench-now-'));
    standIn = await startOllamaStandIn({
      tokensPerSecond: 100,
      jitter: 0,
      loadMs: 5,
      numParallel: 1,
      templateHeadTokens: 200,
      cachedCountField: true,
      version: '0.33.0',
      models: [{ ...DEFAULT_MODELS[0]!, name: 'small:1b', context_length: 16384 }],
    });
  });
  after(async () => {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--json: serialized and ctx_reduced with reasons, loaded context, cached prompt tokens, conditions', async () => {
    const r = await runCli([
      'run',
      ...cliArgs`--models small:1b --suite C --repetitions 1 --num-predict 8 --num-ctx 32768`,
      ...cliArgs`--host ${standIn.url} --store ${dir} --no-hardware --json`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const session = JSON.parse(r.stdout) as SessionDoc;
    const model = session.models[0]!;
    const metrics = model.tests[0]!.metrics;
    assert.equal(model.loaded_context_length, 16384);
    assert.equal(metrics.loaded_context_length, 16384);
    assert.deepEqual(
      metrics.flags.filter((f) => f === 'serialized' || f === 'ctx_reduced'),
      ['serialized', 'ctx_reduced'],
    );
    assert.match(metrics.flag_reasons?.serialized ?? '', /^k = 2, 4: /);
    assert.match(metrics.flag_reasons?.ctx_reduced ?? '', /^asked 32768, Ollama loaded 16384\./);
    assert.equal(metrics.prompt_cached_tokens, 200);
    assert.equal(session.conditions?.ollama_version, '0.33.0');
  });
});
