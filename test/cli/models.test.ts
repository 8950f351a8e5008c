// `ollama-bench models` as a user runs it: the built dist/cli.js against the Ollama stand-in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { closedPort } from '../fixtures/closedPort';
import { DEFAULT_MODELS, startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';

describe('ollama-bench models', () => {
  let standIn: StandIn;
  before(async () => {
    ensureBuilt();
    standIn = await startOllamaStandIn();
  });
  after(() => standIn.close());

  it('prints a JSON array with parameter size, quantization and load state', async () => {
    const r = await runCli(['models', '--host', standIn.url, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const models = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.equal(models.length, 3);
    // The stand-in's first model: llama3.2:3b, llama, 3.2B, Q4_K_M, 2 019 393 189 bytes, 131072.
    const { name, family, parameter_size, quantization_level, size, context_length } =
      DEFAULT_MODELS[0]!;
    const described = { name, family, parameter_size, quantization_level, size, context_length };
    assert.deepEqual(models[0], { ...described, loaded: false, size_vram: 0 });
  });

  it('prints a table by default, with loaded models marked', async () => {
    const load = await fetch(`${standIn.url}/api/generate`, {
      method: 'POST',
      body: JSON.stringify({ model: 'llama3.2:3b', prompt: '' }),
    });
    await load.arrayBuffer();
    const r = await runCli(['models', '--host', standIn.url]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^NAME\s+FAMILY\s+PARAMS\s+QUANT\s+SIZE\s+CONTEXT\s+STATUS$/);
    assert.equal(lines.length, 4);
    assert.match(
      r.stdout,
      /llama3\.2:3b\s+llama\s+3\.2B\s+Q4_K_M\s+2\.0 GB\s+131072\s+loaded · 100 % GPU/,
    );
    assert.match(
      r.stdout,
      /qwen3:0\.6b\s+qwen3\s+751\.63M\s+Q4_K_M\s+522\.7 MB\s+40960\s+not loaded/,
    );
  });

  it('reads the host from OLLAMA_HOST when --host is not given', async () => {
    const r = await runCli(['models', '--json'], { OLLAMA_HOST: `127.0.0.1:${standIn.port}` });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 3);
  });

  it('exits 1 with one line naming the host when Ollama is not running', async () => {
    const host = `http://127.0.0.1:${await closedPort()}`;
    const r = await runCli(['models', '--host', host]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`Ollama is not running at ${host}`));
  });

  it('says the address is wrong when the host name does not resolve', async () => {
    const r = await runCli(['models', '--host', 'http://no-such-host.invalid:11434']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /no-such-host\.invalid.*check the address/);
  });

  it('names a port Node fetch blocks (OLLAMA_HOST=…:6000) before trying it', async () => {
    const r = await runCli(['models'], { OLLAMA_HOST: '127.0.0.1:6000' });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `ollama-bench: Ollama host "127.0.0.1:6000" cannot be used: port 6000 is blocked by Node's fetch (a WHATWG 'bad port'); run Ollama on another port, e.g. OLLAMA_HOST=127.0.0.1:11434.\n`,
    );
  });

  it('says what is wrong with a malformed --host (a usage error: exit 2)', async () => {
    const r = await runCli(['models', '--host', 'ftp://box']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"ftp:\/\/box" is not valid: the scheme must be http or https/);
  });
});
