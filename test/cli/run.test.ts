// `ollama-bench run` as a user runs it: the built dist/cli.js against the Ollama stand-in, results in
// an embedded store in a temp folder.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/core/repositories/openStore';
import type { SessionDoc } from '../../src/shared/dto';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { closedPort } from '../fixtures/closedPort';
import { DEFAULT_MODELS, startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';
import { cliArgs } from '../fixtures/cliArgs';

const run = (args: string[]) => runCli(['run', ...args]);

const recorded = {
  eval_count: 259,
  eval_duration: 4_232_710_000,
  prompt_eval_count: 26,
  prompt_eval_duration: 130_079_000,
};

describe('ollama-bench run', () => {
  let standIn: StandIn;
  let dir: string;
  const quick = () => cliArgs`--host ${standIn.url} --store ${dir} --no-hardware --num-predict 4`;

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'ollama-bench-run-'));
    standIn = await startOllamaStandIn({
      tokensPerSecond: 1000,
      jitter: 0,
      loadMs: 5,
      models: [
        {
          ...DEFAULT_MODELS[0]!,
          name: 'recorded:8b',
          first_token_delay_ms: 150,
          final_counters: recorded,
        },
        ...DEFAULT_MODELS,
      ],
    });
  });
  after(async () => {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports 61.19 tok/s and 199.88 prompt tok/s from the final chunk, and the client-side TTFT', async () => {
    const first = standIn.requests.length;
    const r = await run(['--models', 'recorded:8b', '--repetitions', '2', '--json', ...quick()]);
    assert.equal(r.code, 0, r.stderr);
    const session = JSON.parse(r.stdout) as SessionDoc;
    const test = session.models[0]!.tests[0]!;
    assert.equal(session.status, 'completed');
    assert.equal(test.type, 'A');
    assert.equal(test.status, 'completed');
    assert.equal(test.metrics.tokens_per_second, 61.19);
    assert.equal(test.metrics.prompt_tokens_per_second, 199.88);
    // The stand-in's own first-token delay of each measured request (arrival → first write, on
    // the monotonic clock); it spends at least the 150 ms it was told.
    const delays = standIn.requests
      .slice(first)
      .filter((q) => q.firstTokenAfterMs !== undefined)
      .slice(1) // the warm-up
      .map((q) => q.firstTokenAfterMs!);
    assert.equal(delays.length, 2);
    // --json is the stored session document
    const store = await openStore(dir);
    try {
      assert.deepEqual(await store.sessions.getSession(session._id!), session);
      const [result] = await store.sessions.getTestResults(session._id!);
      assert.equal(result!.metrics.repetitions.length, 2);
      assert.equal(result!.metrics.repetitions[0]!.tokens_per_second, 259 / 4.23271);
      // The client's TTFT holds the server's delay (its clock starts before the request leaves
      // and stops after the first token arrives) and lies within its own request.
      for (const [i, rep] of result!.metrics.repetitions.entries()) {
        assert.ok(rep.ttft_ms! >= delays[i]!, `client ttft ${rep.ttft_ms} vs server ${delays[i]}`);
        assert.ok(rep.ttft_ms! <= rep.e2e_ms);
      }
    } finally {
      await store.close();
    }
    assert.equal(r.stderr.match(/repetition \d/g)?.length, 2, 'a progress line per repetition');
  });

  const storedSessions = async () => {
    const r = await runCli(['history', '--json', '--store', dir]);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as unknown[]).length;
  };

  it('refuses a run naming models Ollama does not have: one line naming them, nothing stored', async () => {
    const before = await storedSessions();
    const first = standIn.requests.length;
    const r = await run(['--models', 'llama3.2:3b,nope:1b,a;echo pwned', '--json', ...quick()]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(
      lines[0]!,
      new RegExp(`Ollama at ${standIn.url} has no models 'nope:1b', 'a;echo pwned'`),
    );
    assert.match(
      lines[0]!,
      /Installed: llama3\.2:3b, mistral:7b-instruct-q8_0, qwen3:0\.6b, recorded:8b\./,
    );
    assert.ok(
      lines[0]!.includes("`ollama pull 'nope:1b'`, `ollama pull 'a;echo pwned'`"),
      lines[0],
    );
    assert.equal(await storedSessions(), before);
    // Only the two preflight reads reached Ollama: nothing was loaded or generated.
    assert.deepEqual(
      standIn.requests.slice(first).map((q) => q.path),
      ['/api/version', '/api/tags'],
    );
  });

  it('with nothing listening: exactly one stderr line saying how to fix it, nothing stored', async () => {
    const before = await storedSessions();
    const host = `http://127.0.0.1:${await closedPort()}`;
    const r = await run(cliArgs`--models llama3.2:3b --host ${host} --store ${dir} --no-hardware`);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      `ollama-bench: Ollama is not running at ${host} (connection refused). Start it with \`ollama serve\`, or set the right host.\n`,
    );
    assert.equal(await storedSessions(), before);
  });

  it('accepts a model named without its tag when Ollama has it as :latest', async () => {
    const latest = await startOllamaStandIn({
      loadMs: 1,
      models: [{ ...DEFAULT_MODELS[0]!, name: 'tiny:latest' }],
    });
    try {
      const r = await run(
        cliArgs`--models tiny --repetitions 1 --json --host ${latest.url} --store ${dir} --no-hardware --num-predict 2`,
      );
      assert.equal(r.code, 0, r.stderr);
      assert.equal((JSON.parse(r.stdout) as SessionDoc).status, 'completed');
    } finally {
      await latest.close();
    }
  });

  it('prints a table of model × test with the flags', async () => {
    const r = await run([
      ...cliArgs`--models mistral:7b-instruct-q8_0 --repetitions 1 --tag ci`,
      ...quick(),
    ]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(
      lines[0]!,
      /^MODEL\s+TEST\s+STATUS\s+TOK\/S\s+PROMPT TOK\/S\s+TTFT P50 MS\s+TPOT P50 MS\s+LOAD MS\s+FLAGS$/,
    );
    assert.match(
      lines[1]!,
      /^mistral:7b-instruct-q8_0\s+A\s+completed\s+[\d.]+\s+[\d.]+\s+\d+\s+[\d.]+\s+\d+\s+.*cpu_spill/,
    );
    assert.match(lines[2]!, /^session \w+ completed; stored in embedded store/);
  });

  it('runs a saved suite by name, with its prompts cycling over the repetitions', async () => {
    const store = await openStore(dir);
    try {
      const codeReview = { name: 'Code review', description: '', kind: 'custom' as const };
      const prompts = ['first prompt', 'second prompt'];
      await store.suites.save({
        ...codeReview,
        tags: [],
        prompts,
        options: { num_predict: 3, top_k: 20 },
      });
    } finally {
      await store.close();
    }
    const first = standIn.requests.length;
    const r = await run([
      ...cliArgs`--models llama3.2:3b --suite ${'Code review'} --repetitions 2 --json`,
      ...quick().slice(0, -2),
    ]);
    assert.equal(r.code, 0, r.stderr);
    const session = JSON.parse(r.stdout) as SessionDoc;
    assert.equal(session.models[0]!.tests[0]!.type, 'Code review');
    assert.equal(session.options.suite_options!['Code review']!.top_k, 20);
    const measured = standIn.requests
      .slice(first)
      .filter((q) => q.firstTokenAt !== undefined)
      .slice(1)
      .map((q) => String(q.body!.prompt).split('\n\n')[1]);
    assert.deepEqual(measured, ['first prompt', 'second prompt']);
  });

  it('names what is wrong with its arguments (a usage error: exit 2)', async () => {
    const zero = await run(['--models', 'llama3.2:3b', '--repetitions', '0', ...quick()]);
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /--repetitions must be a whole number from 1 to 100, not "0"/);
    const many = await run(['--models', 'llama3.2:3b', '--repetitions', '101', ...quick()]);
    assert.equal(many.code, 2);
    assert.match(many.stderr, /--repetitions must be a whole number from 1 to 100, not "101"/);
    const suite = await run(['--models', 'llama3.2:3b', '--suite', 'Z', ...quick()]);
    assert.equal(suite.code, 2);
    assert.match(suite.stderr, /Unknown test suite "Z"\. Known suites: A, B, C/);
    // Ollama reads keep_alive with Go's ParseDuration: "300" would be a 400 on every request.
    const keep = await run(['--models', 'llama3.2:3b', '--keep-alive', '300', ...quick()]);
    assert.equal(keep.code, 2);
    assert.match(keep.stderr, /--keep-alive: "300" has no unit/);
  });
});
