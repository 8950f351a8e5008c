// The check before a session exists, against the Ollama stand-in: a host that answers, models it
// has (by name or name:latest), and one clear message for each way it fails.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { preflight, resolveModelName } from '../../src/core/bench/preflight';
import { closedPort } from '../fixtures/closedPort';
import { DEFAULT_MODELS, startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';

describe('preflight', () => {
  let standIn: StandIn;
  before(async () => {
    standIn = await startOllamaStandIn({
      models: [...DEFAULT_MODELS, { ...DEFAULT_MODELS[0]!, name: 'tiny:latest' }],
    });
  });
  after(() => standIn.close());

  it('passes when every model is installed, resolving a missing tag to :latest', async () => {
    const r = await preflight(standIn.url, ['llama3.2:3b', 'tiny', 'QWEN3:0.6B']);
    assert.deepEqual(r, {
      ok: true,
      version: '0.12.6',
      resolved: { 'llama3.2:3b': 'llama3.2:3b', tiny: 'tiny:latest', 'QWEN3:0.6B': 'qwen3:0.6b' },
    });
  });

  it('names the unknown models, the installed ones and the quoted pull command', async () => {
    const r = await preflight(standIn.url, ['llama3.2:3b', 'nope', "it's;rm -rf ~", 'nope']);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.problem === 'unknown-models');
    assert.deepEqual(r.unknown, ['nope', "it's;rm -rf ~"]);
    assert.deepEqual(r.installed, [
      'llama3.2:3b',
      'mistral:7b-instruct-q8_0',
      'qwen3:0.6b',
      'tiny:latest',
    ]);
    assert.equal(
      r.message,
      `Ollama at ${standIn.url} has no models 'nope', 'it's;rm -rf ~'. ` +
        'Installed: llama3.2:3b, mistral:7b-instruct-q8_0, qwen3:0.6b, tiny:latest. ' +
        "Pull them with `ollama pull 'nope'`, `ollama pull 'it'\\''s;rm -rf ~'`.",
    );
  });

  it('says so when Ollama has no models at all', async () => {
    const empty = await startOllamaStandIn({ models: [] });
    try {
      const r = await preflight(empty.url, ['llama3.2']);
      assert.ok(!r.ok && r.problem === 'unknown-models');
      assert.match(
        r.message,
        /has no model 'llama3\.2'\. It has no models yet\. Pull it with `ollama pull 'llama3\.2'`\./,
      );
    } finally {
      await empty.close();
    }
  });

  it('calls a refused connection unreachable, with the fix, in one line', async () => {
    const host = `http://127.0.0.1:${await closedPort()}`;
    const r = await preflight(host, ['llama3.2:3b'], { timeoutMs: 2000 });
    assert.ok(!r.ok && r.problem === 'unreachable');
    assert.equal(r.error.kind, 'not-running');
    assert.equal(
      r.message,
      `Ollama is not running at ${host} (connection refused). Start it with \`ollama serve\`, or set the right host.`,
    );
  });

  it('calls a server that is not Ollama unreachable, naming the host', async () => {
    standIn.addFault({ path: '/api/version', fault: { kind: 'garbage', body: '{"hello":1}' } });
    try {
      const r = await preflight(standIn.url, ['llama3.2:3b']);
      assert.ok(!r.ok && r.problem === 'unreachable');
      assert.equal(r.error.kind, 'bad-response');
      assert.match(r.message, new RegExp(`${standIn.url} did not answer like Ollama`));
    } finally {
      standIn.clearFaults();
    }
  });

  it('turns a multi-line server error into one line', async () => {
    standIn.addFault({
      path: '/api/tags',
      fault: { kind: 'status', status: 500, error: 'disk\nfull' },
    });
    try {
      const r = await preflight(standIn.url, ['llama3.2:3b']);
      assert.ok(!r.ok && r.problem === 'unreachable');
      assert.equal(r.message.includes('\n'), false);
      assert.match(r.message, /failed \(500: disk full\)/);
    } finally {
      standIn.clearFaults();
    }
  });
});

describe('resolveModelName', () => {
  it('matches as Ollama does: case-insensitive, a missing tag is latest', () => {
    const installed = ['llama3.2:latest', 'qwen3:0.6b'];
    assert.equal(resolveModelName('llama3.2', installed), 'llama3.2:latest');
    assert.equal(resolveModelName('Qwen3:0.6B', installed), 'qwen3:0.6b');
    assert.equal(resolveModelName('qwen3', installed), undefined);
    assert.equal(resolveModelName('llama3.2:1b', installed), undefined);
  });
});
