// `ollama-bench history | export | prune` as a user runs them: the built dist/cli.js on a store
// folder that two processes wrote at the same time, and on a MongoDB nobody listens on.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SessionDoc } from '../../src/shared/dto';
import { ensureBuilt, ROOT, runCli, runProcess, type ProcessResult } from '../fixtures/cliProcess';
import { closedPort } from '../fixtures/closedPort';
import { cliArgs } from '../fixtures/cliArgs';

/** A process that writes `count` sessions of `model` through openStore, as a benchmark run does. */
function writer(folder: string, model: string, count: number): Promise<ProcessResult> {
  const script = `
    const { openStore } = require(${JSON.stringify(join(ROOT, 'src/core/repositories/openStore.ts'))});
    (async () => {
      const store = await openStore(${JSON.stringify(folder)});
      for (let i = 0; i < ${count}; i++) {
        const now = new Date(Date.UTC(2025, 2, 1, 10, 0, i)).toISOString();
        const id = await store.runWrites.insertSession({ status: 'running', start_time: now, tags: ['cli'],
          models: [{ name: ${JSON.stringify(model)}, tests: [] }], options: { host: 'h', suites: ['A'],
          repetitions: 1, warmup: false, num_ctx: 2048, seed: 1, temperature: 0, keep_alive: '5m' },
          created_at: now, updated_at: now });
        const s = await store.sessions.getSession(id);
        s.status = 'completed';
        s.models[0].tests.push({ type: 'A', status: 'completed', metrics: { tokens_per_second: 10 + i, flags: [] }, logs: [] });
        await store.runWrites.updateSession(s);
      }
      await store.close();
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return runProcess(process.execPath, ['--import', 'tsx', '-e', script]);
}

describe('ollama-bench history / export / prune', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ob-history-'));
  const store = join(dir, 'store');
  before(async () => {
    ensureBuilt();
    // Two processes write the same folder at once (two VS Code windows, two CLI runs).
    const [a, b] = await Promise.all([
      writer(store, 'llama3.2:3b', 15),
      writer(store, 'qwen2.5:7b', 15),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the sessions of both processes, whole, and --model narrows to one', async () => {
    const all = await runCli(['history', '--store', store, '--json', '--limit', '500']);
    assert.equal(all.code, 0, all.stderr);
    const sessions = JSON.parse(all.stdout) as SessionDoc[];
    assert.equal(sessions.length, 30);
    assert.ok(sessions.every((s) => s.status === 'completed' && s.models[0]!.tests.length === 1));
    assert.equal(new Set(sessions.map((s) => s._id)).size, 30);

    const one = await runCli(
      cliArgs`history --store ${store} --json --model qwen2.5:7b --limit 500`,
    );
    const narrowed = JSON.parse(one.stdout) as SessionDoc[];
    assert.equal(narrowed.length, 15);
    assert.ok(narrowed.every((s) => s.models[0]!.name === 'qwen2.5:7b'));
  });

  it('reads the store from OLLAMA_BENCH_STORE and prints a table', async () => {
    const r = await runCli(['history', '--limit', '3'], { OLLAMA_BENCH_STORE: store });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ID\s+STARTED\s+STATUS\s+MODELS/);
    assert.match(r.stdout, /\(3 of 30; raise --limit/);
  });

  it('treats filter values as literals and rejects bad ones', async () => {
    const literal = await runCli(cliArgs`history --store ${store} --json --model {"$ne":null}`);
    assert.equal(literal.code, 0, literal.stderr);
    assert.deepEqual(JSON.parse(literal.stdout), []);
    const text = await runCli(['history', '--store', store, '--json', '--text', '.*']);
    assert.deepEqual(JSON.parse(text.stdout), []);
    const bad = await runCli(['history', '--store', store, '--status', 'hacked']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /status "hacked" is not one of/);
    const date = await runCli(['history', '--store', store, '--since', 'yesterday-ish']);
    assert.notEqual(date.code, 0);
    assert.match(date.stderr, /--since "yesterday-ish" is not a date/);
  });

  it('exports CSV, Markdown and JSON with the same filters', async () => {
    const out = join(dir, 'out.csv');
    const csv = await runCli(
      cliArgs`export --store ${store} --format csv --model llama3.2:3b --out ${out}`,
    );
    assert.equal(csv.code, 0, csv.stderr);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    assert.equal(lines.length, 16);
    assert.match(
      lines[0]!,
      /^session_id,start_time,end_time,status,tags,machine,model,test_type,test_status,tokens_per_second/,
    );
    assert.ok(lines.slice(1).every((l) => l.includes(',llama3.2:3b,A,completed,')));
    const md = await runCli(cliArgs`export --store ${store} --format md --suite A --limit 2`);
    assert.match(md.stdout, /^# Ollama Bench results\n\n2 session\(s\), 2 result row\(s\)\./);
    const json = await runCli(cliArgs`export --store ${store} --format json --tag cli --limit 500`);
    assert.equal((JSON.parse(json.stdout) as unknown[]).length, 30);
    const bad = await runCli(['export', '--store', store, '--format', 'xlsx']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /--format must be one of csv, json, md/);
  });

  it('prunes by retention', async () => {
    const r = await runCli(cliArgs`prune --store ${store} --session-days 0 --sample-days 90`);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /0 session\(s\) and 0 result\(s\) deleted/);
  });

  it('names an unreachable MongoDB, never prints its password, exits non-zero', async () => {
    const port = await closedPort();
    const r = await runCli(['history', '--store', `mongodb://user:password@127.0.0.1:${port}`], {
      OLLAMA_BENCH_MONGO_TIMEOUT_MS: '1500',
    });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, new RegExp(`MongoDB at 127\\.0\\.0\\.1:${port} refused the connection`));
    assert.doesNotMatch(r.stdout + r.stderr, /password/);
  });
});
