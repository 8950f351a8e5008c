// Pins the stand-in's thinking, capabilities, /api/embed and images to Ollama's answers
// (api/types.go ThinkValue and EmbedResponse, server/routes.go GenerateHandler and EmbedHandler,
// server/images.go Capabilities), as standIn.test.ts does for the rest.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ollama } from 'ollama';
import {
  DEFAULT_MODELS,
  EMBEDDING_MODEL,
  IMAGE_TOKENS,
  startOllamaStandIn,
  VISION_MODEL,
  type StandIn,
} from '../fixtures/ollamaStandIn';

describe('Ollama stand-in: thinking, capabilities, embeddings, images', () => {
  let standIn: StandIn;
  let client: Ollama;
  before(async () => {
    standIn = await startOllamaStandIn({
      tokensPerSecond: 4000,
      jitter: 0,
      loadMs: 1,
      models: [...DEFAULT_MODELS, EMBEDDING_MODEL, VISION_MODEL],
    });
    client = new Ollama({ host: standIn.url });
  });
  after(() => standIn.close());

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${standIn.url}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('lists each model’s capabilities in /api/show', async () => {
    const caps = async (model: string) => (await client.show({ model })).capabilities;
    assert.deepEqual(await caps('llama3.2:3b'), ['completion']);
    assert.deepEqual(await caps('qwen3:0.6b'), ['completion', 'thinking']);
    assert.deepEqual(await caps(EMBEDDING_MODEL.name), ['embedding']);
    assert.deepEqual(await caps(VISION_MODEL.name), ['completion', 'vision']);
  });

  it('thinks longer at a higher level; unset thinks at the default, false not at all', async () => {
    const thinking = async (think: unknown) => {
      // One streamed chunk per token: count the chunks that carry thinking.
      const res = await fetch(`${standIn.url}/api/generate`, {
        method: 'POST',
        body: JSON.stringify({
          model: 'qwen3:0.6b',
          prompt: 'x',
          options: { num_predict: 64 },
          ...(think === undefined ? {} : { think }),
        }),
      });
      const chunks = (await res.text()).trim().split('\n');
      return chunks.filter((l) => (JSON.parse(l) as { thinking?: string }).thinking).length;
    };
    assert.deepEqual(
      [
        await thinking('low'),
        await thinking('medium'),
        await thinking('high'),
        await thinking('max'),
      ],
      [4, 8, 16, 32],
    );
    assert.equal(await thinking(undefined), 8);
    assert.equal(await thinking(true), 8);
    assert.equal(await thinking(false), 0);
  });

  it('refuses any think that turns thinking on for a model without the capability', async () => {
    for (const think of [true, 'low', 'max']) {
      const r = await post('/api/generate', { model: 'llama3.2:3b', prompt: 'x', think });
      assert.equal(r.status, 400);
      assert.equal(r.body.error, '"llama3.2:3b" does not support thinking');
    }
    const off = await post('/api/generate', {
      model: 'llama3.2:3b',
      prompt: 'x',
      think: false,
      stream: false,
      options: { num_predict: 2 },
    });
    assert.equal(off.status, 200);
  });

  it('answers /api/embed with embeddings and counters, and no prompt_eval_duration', async () => {
    const r = await client.embed({ model: EMBEDDING_MODEL.name, input: ['one two three', 'four'] });
    assert.equal(r.embeddings.length, 2);
    assert.equal(r.prompt_eval_count, 4);
    assert.ok(r.total_duration >= r.load_duration && r.load_duration > 0);
    assert.equal('prompt_eval_duration' in r, false);
    const single = await client.embed({ model: EMBEDDING_MODEL.name, input: 'five six' });
    assert.equal(single.embeddings.length, 1);
    assert.equal(single.prompt_eval_count, 2);
  });

  it('loads on an empty /api/embed input, refuses an invalid one, 404s an unknown model', async () => {
    const empty = await post('/api/embed', { model: EMBEDDING_MODEL.name, input: [] });
    assert.deepEqual(empty.body, { model: EMBEDDING_MODEL.name, embeddings: [] });
    const bad = await post('/api/embed', { model: EMBEDDING_MODEL.name, input: [1, 2] });
    assert.deepEqual([bad.status, bad.body.error], [400, 'invalid input type']);
    const unknown = await post('/api/embed', { model: 'nope:1b', input: 'x' });
    assert.deepEqual([unknown.status, unknown.body.error], [404, "model 'nope:1b' not found"]);
  });

  it('counts an image’s tokens in prompt_eval_count for a vision model only', async () => {
    const promptCount = async (model: string) => {
      const r = await post('/api/generate', {
        model,
        prompt: 'describe it',
        images: ['iVBORw0KGgo='],
        stream: false,
        options: { num_predict: 1 },
      });
      return r.body.prompt_eval_count;
    };
    assert.equal(await promptCount(VISION_MODEL.name), IMAGE_TOKENS + 2);
    assert.equal(await promptCount('llama3.2:3b'), 2);
  });
});
