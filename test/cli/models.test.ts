// `ollama-bench models` as a user runs it: the built dist/cli.js against the Ollama stand-in.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

/** Newest modification time under a folder. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds when dist/cli.js is missing or older than the sources (npm test builds first anyway). */
function ensureBuilt(): void {
  if (existsSync(cli) && statSync(cli).mtimeMs >= newest(join(root, 'src'))) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], {
      env: { ...process.env, OLLAMA_HOST: '', ...env },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('ollama-bench models', () => {
  let standIn: StandIn;
  before(async () => {
    ensureBuilt();
    standIn = await startOllamaStandIn();
  });
  after(() => standIn.close());

  it('prints a JSON array with parameter size, quantization and load state', async () => {
    const r = await run(['models', '--host', standIn.url, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const models = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.equal(models.length, 3);
    assert.deepEqual(models[0], {
      name: 'llama3.2:3b',
      family: 'llama',
      parameter_size: '3.2B',
      quantization_level: 'Q4_K_M',
      size: 2_019_393_189,
      context_length: 131072,
      loaded: false,
      size_vram: 0,
    });
  });

  it('prints a table by default, with loaded models marked', async () => {
    const load = await fetch(`${standIn.url}/api/generate`, {
      method: 'POST',
      body: JSON.stringify({ model: 'llama3.2:3b', prompt: '' }),
    });
    await load.arrayBuffer();
    const r = await run(['models', '--host', standIn.url]);
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
    const r = await run(['models', '--json'], { OLLAMA_HOST: `127.0.0.1:${standIn.port}` });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 3);
  });

  it('exits 1 with one line naming the host when Ollama is not running', async () => {
    const host = `http://127.0.0.1:${await closedPort()}`;
    const r = await run(['models', '--host', host]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`Ollama is not running at ${host}`));
  });

  it('says the address is wrong when the host name does not resolve', async () => {
    const r = await run(['models', '--host', 'http://no-such-host.invalid:11434']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /no-such-host\.invalid.*check the address/);
  });

  it('says what is wrong with a malformed --host', async () => {
    const r = await run(['models', '--host', 'ftp://box']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /"ftp:\/\/box" is not valid: the scheme must be http or https/);
  });
});
