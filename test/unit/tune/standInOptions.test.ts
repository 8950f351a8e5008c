// The stand-in's option-dependent speed (standIn/optionSpeed.ts) and its /api/create, which the
// tune's tests and bench:tune rely on.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ollama } from 'ollama';
import { LOAD_FAILURE, type StandIn } from '../../fixtures/ollamaStandIn';
import { gridOptimum, startTuneStandIn, trueSpeed, TUNE_MODEL } from '../../fixtures/tuneStandIn';

describe('stand-in: speed that depends on the options', () => {
  it('threads help up to the physical cores, then cost', () => {
    const at = (t: number) => trueSpeed({ num_gpu: 20, num_thread: t });
    assert.ok(at(2) < at(4) && at(4) < at(6));
    assert.ok(at(8) < at(6) && at(12) < at(8));
  });

  it('layers on the GPU help until the VRAM is full; one more spills, two fail to load', () => {
    const at = (g: number) => trueSpeed({ num_gpu: g, num_thread: 6 });
    assert.ok(at(10) < at(19) && at(19) < at(20));
    assert.ok(at(21) < at(10), 'the spill is slower than the CPU');
    assert.equal(at(22), 0);
    assert.equal(gridOptimum(), at(20));
  });

  it('a failing load answers 500 with the reason, a fitting one the told rate', async () => {
    const standIn = await startTuneStandIn({ jitter: 0 });
    try {
      const client = new Ollama({ host: standIn.url });
      await assert.rejects(
        client.generate({ model: TUNE_MODEL, prompt: 'hi', options: { num_gpu: 28 } }),
        (err: Error) => err.message === LOAD_FAILURE,
      );
      const r = await client.generate({
        model: TUNE_MODEL,
        prompt: 'hi',
        options: { num_gpu: 20, num_thread: 6, num_predict: 8 },
      });
      const tps = (r.eval_count / r.eval_duration) * 1e9;
      assert.ok(Math.abs(tps - trueSpeed({ num_gpu: 20, num_thread: 6 })) < 1);
    } finally {
      await standIn.close();
    }
  });
});

describe('stand-in: /api/create', () => {
  let standIn: StandIn;
  before(async () => (standIn = await startTuneStandIn()));
  after(() => standIn.close());

  it('streams status lines, ends with success, and lists the new model', async () => {
    const client = new Ollama({ host: standIn.url });
    const statuses: string[] = [];
    const stream = await client.create({
      model: 'fast',
      from: TUNE_MODEL,
      parameters: { num_gpu: 20 },
      stream: true,
    });
    for await (const p of stream) statuses.push(p.status);
    assert.equal(statuses.at(-1), 'success');
    assert.ok(statuses.some((s) => s.startsWith('creating new layer')));
    assert.ok((await client.list()).models.some((m) => m.name === 'fast:latest'));
  });

  it('an unknown base is an error line; a bad name a 400', async () => {
    const client = new Ollama({ host: standIn.url });
    await assert.rejects(async () => {
      for await (const _ of await client.create({ model: 'x', from: 'nope:1b', stream: true }));
    }, /file does not exist/);
    const res = await fetch(`${standIn.url}/api/create`, {
      method: 'POST',
      body: JSON.stringify({ model: 'bad name', from: TUNE_MODEL }),
    });
    assert.equal(res.status, 400);
  });
});
