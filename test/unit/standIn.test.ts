// Pins the Ollama stand-in to the shapes real Ollama answers (server/routes.go, api/types.go), so
// the fixture every other test trusts cannot drift: which fields are present, which are omitted
// (Go's omitempty), the done reasons, and the exact error statuses and texts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ollama } from 'ollama';
import {
  DEFAULT_MODELS,
  keepAliveMs,
  SERVER_BUSY_ERROR,
  startOllamaStandIn,
  type StandIn,
} from '../fixtures/ollamaStandIn';

type Json = Record<string, unknown>;

describe('Ollama stand-in', () => {
  let standIn: StandIn;
  let client: Ollama;
  before(async () => {
    standIn = await startOllamaStandIn({
      tokensPerSecond: 2000,
      jitter: 0,
      loadMs: 1,
      promptCache: true,
      models: [...DEFAULT_MODELS, { ...DEFAULT_MODELS[0]!, name: 'short:1b', answer_tokens: 3 }],
    });
    client = new Ollama({ host: standIn.url });
  });
  after(() => standIn.close());

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${standIn.url}${path}`, {
      method: 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text };
  };
  const lines = (text: string) =>
    text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
  const COUNTERS = [
    'total_duration',
    'load_duration',
    'prompt_eval_count',
    'prompt_eval_duration',
    'eval_count',
    'eval_duration',
  ];

  it('/api/version answers {version} only', async () => {
    const res = await fetch(`${standIn.url}/api/version`);
    assert.deepEqual(Object.keys((await res.json()) as Json), ['version']);
  });

  it('/api/tags lists name, model, modified_at, size, digest and details with parent_model', async () => {
    const { models } = (await (await fetch(`${standIn.url}/api/tags`)).json()) as {
      models: Json[];
    };
    assert.deepEqual(Object.keys(models[0]!).sort(), [
      'details',
      'digest',
      'model',
      'modified_at',
      'name',
      'size',
    ]);
    assert.deepEqual(Object.keys(models[0]!.details as Json).sort(), [
      'families',
      'family',
      'format',
      'parameter_size',
      'parent_model',
      'quantization_level',
    ]);
  });

  it('/api/show carries model_info architecture keys and omits an empty license', async () => {
    const show = JSON.parse((await post('/api/show', { model: 'llama3.2:3b' })).text) as Json;
    assert.equal('license' in show, false);
    assert.equal((show.details as Json).quantization_level, 'Q4_K_M');
    const info = show.model_info as Json;
    assert.equal(info['general.architecture'], 'llama');
    assert.equal(info['general.parameter_count'], 3_212_749_888);
    assert.equal(info['llama.block_count'], 28);
    assert.equal(info['llama.context_length'], 131072);
    assert.equal(info['llama.embedding_length'], 3072);
    assert.equal(info['llama.attention.head_count'], 24);
    assert.equal(info['llama.attention.head_count_kv'], 8);
    assert.equal(info['llama.attention.key_length'], 128);
    // An older GGUF without key_length: readers must derive it.
    const mistral = JSON.parse(
      (await post('/api/show', { model: 'mistral:7b-instruct-q8_0' })).text,
    ) as Json;
    assert.equal('llama.attention.key_length' in (mistral.model_info as Json), false);
    // The older "name" field still works.
    assert.equal((await post('/api/show', { name: 'qwen3:0.6b' })).status, 200);
  });

  it('/api/show: 404 naming the tagged model when unknown, 400 when no model is given', async () => {
    assert.deepEqual(await post('/api/show', { model: 'nope' }), {
      status: 404,
      type: 'application/json; charset=utf-8',
      text: JSON.stringify({ error: "model 'nope:latest' not found" }),
    });
    const missing = await post('/api/show', {});
    assert.equal(missing.status, 400);
    assert.deepEqual(JSON.parse(missing.text), { error: 'model is required' });
  });

  it('streams chunks without counters or done_reason; the last one has them and the context', async () => {
    const r = await post('/api/generate', {
      model: 'LLAMA3.2:3B',
      prompt: 'Say hi',
      options: { num_predict: 3 },
    });
    assert.equal(r.status, 200);
    assert.equal(r.type, 'application/x-ndjson');
    const chunks = lines(r.text);
    assert.equal(chunks.length, 4);
    for (const c of chunks.slice(0, -1)) {
      assert.deepEqual(Object.keys(c).sort(), ['created_at', 'done', 'model', 'response']);
      assert.equal(c.done, false);
    }
    const last = chunks.at(-1)!;
    // The model as the request spelled it (names match case-insensitively).
    assert.equal(last.model, 'LLAMA3.2:3B');
    assert.equal(last.done, true);
    assert.equal(last.done_reason, 'length');
    assert.equal(last.response, '');
    assert.ok(Array.isArray(last.context));
    for (const k of COUNTERS) assert.equal(typeof last[k], 'number', k);
    assert.equal(last.eval_count, 3);
  });

  it('done_reason is "stop" when the model ends before num_predict', async () => {
    const last = lines(
      (await post('/api/generate', { model: 'short:1b', prompt: 'x', options: { num_predict: 9 } }))
        .text,
    ).at(-1)!;
    assert.equal(last.done_reason, 'stop');
    assert.equal(last.eval_count, 3);
  });

  it('prompt_eval_count counts cached prompt tokens too', async () => {
    const prompt = 'one two three four five six seven eight';
    const counts: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await client.generate({
        model: 'qwen3:0.6b',
        prompt,
        stream: false,
        think: false,
        options: { num_predict: 1 },
      });
      counts.push(r.prompt_eval_count);
    }
    assert.deepEqual(counts, [8, 8]);
  });

  it('a thinking model thinks unless think:false, within num_predict; others refuse think:true', async () => {
    const thought = lines(
      (
        await post('/api/generate', {
          model: 'qwen3:0.6b',
          prompt: 'x',
          options: { num_predict: 5 },
        })
      ).text,
    );
    assert.ok(
      thought.slice(0, -1).every((c) => typeof c.thinking === 'string' && c.response === ''),
    );
    assert.equal(thought.at(-1)!.eval_count, 5);
    assert.equal(thought.at(-1)!.done_reason, 'length');
    const plain = await client.generate({
      model: 'qwen3:0.6b',
      prompt: 'x',
      stream: false,
      think: false,
      options: { num_predict: 2 },
    });
    assert.equal('thinking' in plain, false);
    const refused = await post('/api/generate', { model: 'llama3.2:3b', prompt: 'x', think: true });
    assert.equal(refused.status, 400);
    assert.deepEqual(JSON.parse(refused.text), {
      error: '"llama3.2:3b" does not support thinking',
    });
  });

  it('the unload answer has done_reason "unload" and no durations; the model leaves /api/ps', async () => {
    await client.generate({ model: 'llama3.2:3b', prompt: 'x', options: { num_predict: 1 } });
    assert.ok((await client.ps()).models.some((m) => m.name === 'llama3.2:3b'));
    const r = JSON.parse(
      (await post('/api/generate', { model: 'llama3.2:3b', prompt: '', keep_alive: 0 })).text,
    ) as Json;
    assert.deepEqual(Object.keys(r).sort(), [
      'created_at',
      'done',
      'done_reason',
      'model',
      'response',
    ]);
    assert.equal(r.done_reason, 'unload');
    assert.ok(!(await client.ps()).models.some((m) => m.name === 'llama3.2:3b'));
  });

  it('the load answer (empty prompt) has done_reason "load" and no durations', async () => {
    const r = JSON.parse((await post('/api/generate', { model: 'qwen3:0.6b', prompt: '' })).text);
    assert.deepEqual(Object.keys(r as Json).sort(), [
      'created_at',
      'done',
      'done_reason',
      'model',
      'response',
    ]);
    assert.equal((r as Json).done_reason, 'load');
  });

  it('/api/chat with no messages loads, or unloads with keep_alive 0', async () => {
    const load = JSON.parse((await post('/api/chat', { model: 'qwen3:0.6b', messages: [] })).text);
    assert.deepEqual(
      { ...load, created_at: undefined },
      {
        model: 'qwen3:0.6b',
        created_at: undefined,
        message: { role: 'assistant', content: '' },
        done: true,
        done_reason: 'load',
      },
    );
    const unload = JSON.parse(
      (await post('/api/chat', { model: 'qwen3:0.6b', messages: [], keep_alive: '0s' })).text,
    ) as Json;
    assert.equal(unload.done_reason, 'unload');
  });

  it('/api/ps: every field, size at least the file, longest expiry first, -1 is "forever"', async () => {
    await post('/api/generate', { model: 'qwen3:0.6b', prompt: '', keep_alive: '1m' });
    await post('/api/generate', { model: 'llama3.2:3b', prompt: '', keep_alive: -1 });
    const { models } = (await (await fetch(`${standIn.url}/api/ps`)).json()) as { models: Json[] };
    // short:1b (5 min, the default keep_alive) sits between forever and 1 minute.
    assert.deepEqual(
      models.map((m) => m.name),
      ['llama3.2:3b', 'short:1b', 'qwen3:0.6b'],
    );
    assert.deepEqual(Object.keys(models[0]!).sort(), [
      'context_length',
      'details',
      'digest',
      'expires_at',
      'model',
      'name',
      'size',
      'size_vram',
    ]);
    assert.ok(Number(models[0]!.size) > DEFAULT_MODELS[0]!.size);
    assert.ok(new Date(String(models[0]!.expires_at)).getUTCFullYear() > 2200);
  });

  it('answers errors with Ollama’s statuses and texts', async () => {
    const cases: [string, unknown, number, string][] = [
      ['/api/generate', { model: 'nope:1b', prompt: 'x' }, 404, "model 'nope:1b' not found"],
      ['/api/generate', { prompt: 'x' }, 404, "model '' not found"],
      ['/api/chat', { messages: [{ role: 'user', content: 'x' }] }, 400, 'model is required'],
      ['/api/generate', undefined, 400, 'missing request body'],
      [
        '/api/generate',
        { model: 'llama3.2:3b', prompt: 'x', keep_alive: '300' },
        400,
        'time: missing unit in duration "300"',
      ],
    ];
    for (const [path, body, status, error] of cases) {
      const r = await post(path, body);
      assert.equal(r.status, status, `${path} ${JSON.stringify(body)}`);
      assert.deepEqual(JSON.parse(r.text), { error });
    }
  });

  it('an unknown path is Gin’s plain-text 404', async () => {
    const res = await fetch(`${standIn.url}/api/nothing`);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'text/plain');
    assert.equal(await res.text(), '404 page not found');
  });

  it('a full queue is 503 with the scheduler’s text, seen by the client as a ResponseError', async () => {
    standIn.addFault({
      fault: { kind: 'status', status: 503, error: SERVER_BUSY_ERROR },
      times: 1,
    });
    try {
      await assert.rejects(
        client.generate({ model: 'llama3.2:3b', prompt: 'x' }),
        (err: unknown) => {
          const e = err as { name: string; status_code: number; message: string };
          assert.equal(e.name, 'ResponseError');
          assert.equal(e.status_code, 503);
          assert.equal(e.message, SERVER_BUSY_ERROR);
          return true;
        },
      );
    } finally {
      standIn.clearFaults();
    }
  });
});

describe('keepAliveMs (api/types.go Duration)', () => {
  it('reads numbers as seconds and strings as Go durations; negative is forever', () => {
    assert.equal(keepAliveMs(30), 30_000);
    assert.equal(keepAliveMs('10m'), 600_000);
    assert.equal(keepAliveMs('1h30m'), 5_400_000);
    assert.equal(keepAliveMs('0'), 0);
    assert.equal(keepAliveMs(-1), Infinity);
    assert.equal(keepAliveMs('-1m'), Infinity);
  });
  it('answers Go’s error texts for what ParseDuration refuses', () => {
    assert.deepEqual(keepAliveMs('300'), { error: 'time: missing unit in duration "300"' });
    assert.deepEqual(keepAliveMs('5d'), { error: 'time: unknown unit "d" in duration "5d"' });
    assert.deepEqual(keepAliveMs('abc'), { error: 'time: invalid duration "abc"' });
  });
});
