import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOllamaClient } from '../../../src/core/ollama/ollamaClient';
import { evalModels } from '../../../src/core/quality/evalModels';
import { evaluationKey, resolveEvalOptions } from '../../../src/core/quality/evalOptions';
import { evaluateModel } from '../../../src/core/quality/evalRunner';
import { selectItems } from '../../../src/core/quality/evalSelection';
import { coreSet, startEvalStandIn } from '../../fixtures/evalStandIn';
import { idShare, WRONG_ANSWER, type StandIn } from '../../fixtures/ollamaStandIn';
import { openTempStore, type TempStore } from '../../fixtures/tempStore';

describe('evaluating a model', () => {
  const set = coreSet();
  let standIn: StandIn;
  let temp: TempStore;
  before(async () => {
    standIn = await startEvalStandIn({ 'llama3.2:3b': 0.7, 'qwen3:0.6b': 0.4 });
    temp = await openTempStore();
  });
  after(async () => {
    await standIn.close();
    await temp.remove();
  });

  it('scores each answer, greedily and seeded, think off, as the server answered it', async () => {
    const client = createOllamaClient(standIn.url);
    const [model] = await evalModels(client, ['llama3.2:3b']);
    assert.ok(model);
    const options = resolveEvalOptions({ limit: 60 });
    const groups: string[] = [];
    const e = await evaluateModel(model, set, options, {
      client,
      onGroup: (p) => groups.push(`${p.category} ${p.correct}/${p.total} ${p.done}/${p.of}`),
    });
    const asked = selectItems(set.items, 60);
    const right = asked.filter((i) => idShare(i.id) < 0.7);
    assert.equal(e.total, 60);
    assert.equal(e.correct, right.length);
    assert.equal(e.accuracy, right.length / 60);
    assert.ok(e.ci95[0] < e.accuracy && e.accuracy < e.ci95[1]);
    assert.equal(e.complete, true);
    assert.equal(e.model_digest, model.digest);
    assert.deepEqual(e.set, { name: 'core', hash: set.hash, items: 60 });
    assert.equal(groups.length, 5);
    assert.match(groups[0] ?? '', /^arithmetic \d+\/12 12\/60$/);
    const wrong = asked.filter((i) => idShare(i.id) >= 0.7);
    assert.deepEqual(
      e.failures.map((f) => [f.id, f.got]),
      wrong.map((i) => [i.id, WRONG_ANSWER]),
    );
    const arithmetic = e.by_category.arithmetic;
    assert.equal(arithmetic?.total, 12);
    assert.ok(e.tokens_per_second !== null && e.tokens_per_second > 0);
    const sent = standIn.requests.filter((r) => r.path === '/api/generate');
    assert.equal(sent.length, 60);
    for (const r of sent) {
      assert.equal(r.body?.think, false);
      assert.deepEqual(r.body?.options, { temperature: 0, seed: 42, num_predict: 256 });
    }
    // The same model, set and options answer the same again.
    const again = await evaluateModel(model, set, options, { client });
    assert.deepEqual(
      { ...again, evaluated_at: '' },
      { ...e, evaluated_at: '', tokens_per_second: again.tokens_per_second },
    );
    assert.equal(again.key, e.key);

    await temp.store.evaluations.insert(e);
    assert.equal((await temp.store.evaluations.findComplete(e.key))?.correct, e.correct);
    const other = resolveEvalOptions({ limit: 60, think: true });
    assert.notEqual(evaluationKey(model.digest, set.hash, other), e.key);
  });

  it('a cancelled eval keeps the items that finished', async () => {
    const client = createOllamaClient(standIn.url);
    const [model] = await evalModels(client, ['qwen3:0.6b']);
    assert.ok(model);
    const controller = new AbortController();
    const e = await evaluateModel(model, set, resolveEvalOptions({ limit: 50 }), {
      client,
      signal: controller.signal,
      onGroup: () => controller.abort(),
    });
    assert.equal(e.complete, false);
    assert.equal(e.total, 10);
    assert.deepEqual(Object.keys(e.by_category), ['arithmetic']);
  });

  it('a cancel while an item hangs ends the eval at once with the items before it', async () => {
    const controller = new AbortController();
    const client = createOllamaClient(standIn.url, { signal: controller.signal });
    const [model] = await evalModels(client, ['llama3.2:3b']);
    assert.ok(model);
    // The fourth item's request gets no answer until the client gives up.
    const asked = () => standIn.requests.filter((r) => r.path === '/api/generate').length;
    const before = asked();
    standIn.addFault({
      fault: { kind: 'stall', afterTokens: 0 },
      path: '/api/generate',
      model: 'llama3.2:3b',
      skip: 3,
    });
    try {
      const evaluation = evaluateModel(model, set, resolveEvalOptions({ limit: 50 }), {
        client,
        signal: controller.signal,
      });
      while (asked() < before + 4) await new Promise((r) => setTimeout(r, 10));
      controller.abort();
      const e = await evaluation;
      assert.equal(e.complete, false);
      assert.equal(e.total, 3);
    } finally {
      standIn.clearFaults();
    }
  });
});
