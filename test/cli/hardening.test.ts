// Hostile input at the CLI: stored text cannot drive the terminal, passwords in URLs never print,
// paths under /proc are refused before anything spins, and every count a user types is capped.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';

const dir = mkdtempSync(join(tmpdir(), 'ob-hardening-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const store = () => join(dir, `store${n++}`);
const env = { HOME: dir };
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('hardened CLI output and input', () => {
  let standIn: StandIn;
  before(async () => {
    ensureBuilt();
    standIn = await startOllamaStandIn({ tokensPerSecond: 1000, jitter: 0, loadMs: 5 });
  });
  after(async () => standIn.close());

  it('prints a tag with escape codes inert in history, and caps a tag at input', async () => {
    const s = store();
    const tag = '\x1b]0;PWNED\x07\x1b]52;c;aGk=\x07';
    const run = await runCli(
      [
        'run',
        '--models',
        'llama3.2:3b',
        '--host',
        standIn.url,
        '--store',
        s,
        '--no-hardware',
      ].concat(['--repetitions', '1', '--num-predict', '5', '--tag', tag]),
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    const history = await runCli(['history', '--store', s], env);
    assert.equal(history.code, 0, history.stderr);
    assert.doesNotMatch(history.stdout, RAW_CONTROL);
    assert.match(history.stdout, /\\u001b\]0;PWNED\\u0007/);
    const json = await runCli(['history', '--store', s, '--json'], env);
    assert.deepEqual(JSON.parse(json.stdout)[0].tags, [tag], '--json stays valid and exact');

    const long = await runCli(
      ['run', '--models', 'x', '--host', standIn.url, '--store', s, '--tag', 'x'.repeat(101)],
      env,
    );
    assert.equal(long.code, 2);
    assert.match(long.stderr, /A --tag may be at most 100 characters; this one has 101/);
  });

  it('prints a plan name with escape codes inert in plan list', async () => {
    const s = store();
    const name = 'evil\x1b[2J\x9b31m';
    const created = await runCli(['plan', 'create', '--name', name, '--models', 'm', '--store', s]);
    assert.equal(created.code, 0, created.stderr);
    const list = await runCli(['plan', 'list', '--store', s], env);
    assert.doesNotMatch(list.stdout, RAW_CONTROL);
    assert.match(list.stdout, /evil\\u001b\[2J\\u009b31m/);
  });

  it('never prints the password of a URL, in --host or OLLAMA_HOST', async () => {
    const s = store();
    for (const [args, extra] of [
      [['--host', 'http://user:S3cretPW@127.0.0.1:1/x'], {}],
      [[], { OLLAMA_HOST: 'user:S3cretPW@127.0.0.1:1/x' }],
    ] as const) {
      const r = await runCli(['run', '--models', 'm', '--store', s, ...args], { ...env, ...extra });
      assert.notEqual(r.code, 0);
      assert.doesNotMatch(r.stderr + r.stdout, /S3cretPW/);
      assert.match(r.stderr, /user:\*\*\*\*@127\.0\.0\.1/);
    }
  });

  it('refuses /proc paths for --archive and --out at once, exit 2', async () => {
    const s = store();
    const prune = await runCli(
      ['prune', '--session-days', '30', '--archive', '/proc/x', '--store', s],
      env,
    );
    assert.equal(prune.code, 2, prune.stderr);
    assert.match(prune.stderr, /Cannot use \/proc\/x as the archive folder \(--archive\)/);
    const exp = await runCli(['export', '--format', 'csv', '--out', '/proc/x.csv', '--store', s]);
    assert.equal(exp.code, 2, exp.stderr);
    assert.match(exp.stderr, /\/proc is a kernel filesystem/);
  });

  it('caps plans as run is capped, and refuses weights that overflow', async () => {
    const s = store();
    const plan = (args: string[]) =>
      runCli(['plan', 'create', '--name', 'p', '--models', 'm', '--store', s, ...args], env);
    const reps = await plan(['--repetitions', '1000000000']);
    assert.equal(reps.code, 2);
    assert.match(reps.stderr, /repetitions must be a whole number from 1 to 100/);
    const conc = await plan(['--suites', 'C', '--concurrency', '100000']);
    assert.equal(conc.code, 2);
    assert.match(conc.stderr, /concurrency values must be whole numbers from 1 to 64/);
    const ctx = Array.from({ length: 10_001 }, (_, i) => 256 + i).join(',');
    const large = await plan(['--num-ctx', ctx]);
    assert.equal(large.code, 2);
    assert.match(large.stderr, /10001 configurations, more than 10000; .*--yes-large/);
    const weights = await runCli(
      ['rank', '--use-case', 'chat', '--weights', 'tokens_per_second=1e308,ttft_ms=1e308'],
      { ...env, OLLAMA_BENCH_STORE: s },
    );
    assert.equal(weights.code, 2, weights.stderr);
    assert.match(weights.stderr, /positive number up to 1000000/);
  });
});
