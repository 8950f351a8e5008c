// Discovery against the Ollama stand-in: what the Models view and `ollama-bench models` rely on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverModels, modelInfoFromTag } from '../../src/core/ollama/discovery';
import { OllamaError } from '../../src/core/ollama/ollamaErrors';
import { closedPort } from '../fixtures/closedPort';
import { suiteStandIn } from '../fixtures/suiteStandIn';

const rejectsWith = async (p: Promise<unknown>, kind: string, text: RegExp) => {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof OllamaError, `expected an OllamaError, got ${String(err)}`);
    assert.equal(err.kind, kind);
    assert.match(err.message, text);
    return true;
  });
};

describe('discoverModels', () => {
  const standIn = suiteStandIn();

  it('lists every model with details from /api/show and load state from /api/ps', async () => {
    // Load one model so /api/ps reports it (partly in VRAM: the stand-in's mistral is 40 %).
    const load = await fetch(`${standIn().url}/api/generate`, {
      method: 'POST',
      body: JSON.stringify({ model: 'mistral:7b-instruct-q8_0', prompt: '' }),
    });
    assert.equal(load.status, 200);
    await load.arrayBuffer();

    const models = await discoverModels(standIn().url, { timeoutMs: 5000 });
    assert.deepEqual(
      models.map((m) => m.name),
      ['llama3.2:3b', 'mistral:7b-instruct-q8_0', 'qwen3:0.6b'],
    );
    const llama = models.find((m) => m.name === 'llama3.2:3b')!;
    assert.equal(llama.family, 'llama');
    assert.equal(llama.parameter_size, '3.2B');
    assert.equal(llama.quantization_level, 'Q4_K_M');
    assert.equal(llama.size, 2_019_393_189);
    assert.equal(llama.context_length, 131072);
    assert.equal(llama.loaded, false);
    assert.equal(llama.size_vram, undefined);

    const mistral = models.find((m) => m.name === 'mistral:7b-instruct-q8_0')!;
    assert.equal(mistral.loaded, true);
    // /api/ps size is what the runner holds: the weights plus the f16 KV cache for num_ctx 4096
    // (2 × 32 layers × 8 KV heads × 128 × 4096 × 2 bytes).
    assert.equal(mistral.size_vram, Math.round((7_695_857_680 + 536_870_912) * 0.4));
    assert.ok(Math.abs(mistral.vram_share! - 0.4) < 1e-6);
    assert.equal(mistral.loaded_context_length, 4096);

    const qwen = models.find((m) => m.name === 'qwen3:0.6b')!;
    assert.deepEqual(qwen.capabilities, ['completion', 'thinking']);
  });

  it('says Ollama is not running, naming the host, when the connection is refused', async () => {
    const host = `http://127.0.0.1:${await closedPort()}`;
    await rejectsWith(discoverModels(host, { timeoutMs: 2000 }), 'not-running', /not running/);
    await rejectsWith(discoverModels(host, { timeoutMs: 2000 }), 'not-running', new RegExp(host));
  });

  it('still lists a model whose /api/show answers 404, with a warning and less detail', async () => {
    standIn().addFault({
      path: '/api/show',
      model: 'qwen3:0.6b',
      fault: { kind: 'status', status: 404, error: "model 'qwen3:0.6b' not found" },
    });
    const warnings: string[] = [];
    try {
      const models = await discoverModels(standIn().url, {
        timeoutMs: 5000,
        onWarning: (w) => warnings.push(w),
      });
      assert.equal(models.length, 3);
      const qwen = models.find((m) => m.name === 'qwen3:0.6b')!;
      // /api/tags still gave the basics; only /api/show's extras are missing.
      assert.equal(qwen.parameter_size, '751.63M');
      assert.equal(qwen.context_length, undefined);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /qwen3:0\.6b/);
      assert.equal(models.find((m) => m.name === 'llama3.2:3b')!.context_length, 131072);
    } finally {
      standIn().clearFaults();
    }
  });

  it('calls a server that answers garbage JSON "not Ollama", naming the host', async () => {
    standIn().addFault({
      path: '/api/tags',
      fault: { kind: 'garbage', body: '<html>nginx</html>' },
    });
    try {
      await rejectsWith(
        discoverModels(standIn().url, { timeoutMs: 5000 }),
        'bad-response',
        new RegExp(`${standIn().url}.*is this Ollama's address`),
      );
    } finally {
      standIn().clearFaults();
    }
  });

  it('calls an answer without a model list "not Ollama"', async () => {
    standIn().addFault({ path: '/api/ps', fault: { kind: 'garbage', body: '{"hello":"world"}' } });
    try {
      await rejectsWith(
        discoverModels(standIn().url, { timeoutMs: 5000 }),
        'bad-response',
        /Ollama/,
      );
    } finally {
      standIn().clearFaults();
    }
  });

  it('gives up on a slow server after the timeout instead of hanging', async () => {
    standIn().addFault({ path: '/api/tags', fault: { kind: 'delay', ms: 3000 } });
    try {
      await rejectsWith(
        discoverModels(standIn().url, { timeoutMs: 200 }),
        'timeout',
        new RegExp(`${standIn().url}.*did not answer in time`),
      );
    } finally {
      standIn().clearFaults();
    }
  });

  it('calls a 404 on the API itself a wrong address, printing nothing to stdout', async (t) => {
    // Gin's router answers an unknown path in plain text, which ollama-js would console.log about.
    standIn().addFault({
      path: '/api/tags',
      fault: { kind: 'status', status: 404, error: '404 page not found', plainText: true },
    });
    const log = t.mock.method(console, 'log', () => undefined);
    try {
      await rejectsWith(discoverModels(standIn().url), 'wrong-address', /is this Ollama's address/);
      assert.equal(log.mock.callCount(), 0);
    } finally {
      standIn().clearFaults();
    }
  });
});

describe('modelInfoFromTag', () => {
  it('maps an /api/tags entry: UTC ISO time, empty details left out, not loaded', () => {
    const info = modelInfoFromTag({
      name: 'llama3.2:latest',
      digest: 'abc',
      size: 2_019_393_189,
      // What Ollama sends: nanoseconds and an offset, in a field the client types as a Date.
      modified_at: '2024-05-01T12:34:56.123456789-07:00' as unknown as Date,
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'llama',
        families: ['llama'],
        parameter_size: '3.2B',
        quantization_level: '',
      },
    } as Parameters<typeof modelInfoFromTag>[0]);
    const defined = Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined));
    assert.deepEqual(defined, {
      name: 'llama3.2:latest',
      digest: 'abc',
      size: 2_019_393_189,
      modified_at: '2024-05-01T19:34:56.123Z',
      family: 'llama',
      families: ['llama'],
      parameter_size: '3.2B',
      format: 'gguf',
      loaded: false,
    });
  });
});
