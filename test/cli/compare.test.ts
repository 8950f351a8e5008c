// `ollama-bench compare` as a CI job runs it: sessions from the Ollama stand-in at two speeds give
// a regression (exit 1), at one speed no regression (exit 0), bad input exit 2; `--json` in the
// documented shape.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SessionDoc } from '../../src/shared/dto';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';
import { cliArgs } from '../fixtures/cliArgs';

describe('ollama-bench compare', () => {
  let fast: StandIn;
  let slow: StandIn;
  let dir: string;
  const ids: Record<string, string> = {};

  /** One session of 5 repetitions of test A (5 tokens each), stored in the temp store. */
  async function run(standIn: StandIn): Promise<string> {
    const r = await runCli(
      cliArgs`run --models llama3.2:3b --repetitions 5 --num-predict 5 --no-hardware --json --host ${standIn.url} --store ${dir}`,
    );
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as SessionDoc)._id!;
  }
  const compare = (args: string[]) => runCli(['compare', '--store', dir, ...args]);

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'ollama-bench-compare-'));
    // 100 ms between tokens against 200 ms: a halving no scheduler noise can hide or fake, and gaps
    // long enough that a busy machine's timer lateness stays far below the 5 % minimum effect.
    fast = await startOllamaStandIn({
      tokensPerSecond: 10,
      jitter: 0,
      loadMs: 5,
      version: '0.12.6',
    });
    // The slow server also reads prompts at 20 tokens/s: over a second to its first token, ten
    // times the fast server's, so no process delay on a busy machine can close the gap.
    slow = await startOllamaStandIn({
      tokensPerSecond: 5,
      promptTokensPerSecond: 20,
      jitter: 0,
      loadMs: 5,
      version: '0.13.0',
    });
    ids.fast1 = await run(fast);
    ids.fast2 = await run(fast);
    ids.slow = await run(slow);
  });
  after(async () => {
    await fast?.close();
    await slow?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one speed: no regression, exit 0', async () => {
    const r = await compare(['--baseline', ids.fast1!, '--candidate', ids.fast2!]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /llama3\.2:3b\s+A\s.*(no_change|improvement)/);
    assert.match(r.stdout, /Nothing recorded changed since the baseline/);
  });

  it('two speeds: a regression, exit 1, with the Ollama upgrade named', async () => {
    const r = await compare(['--baseline', ids.fast2!, '--candidate', ids.slow!]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /regression/);
    assert.match(r.stdout, /Changed since the baseline: Ollama 0\.12\.6 → 0\.13\.0/);
  });

  it('--json: the documented shape; the default baseline pools the earlier comparable sessions', async () => {
    // No --baseline and --candidate last: the slow session against both fast ones.
    const r = await compare(['--json']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out.comparisons[0]), [
      'model',
      'test',
      'figure',
      'baseline',
      'candidate',
      'delta_pct',
      'p_value',
      'verdict',
    ]);
    const [c] = out.comparisons;
    assert.equal(c.model, 'llama3.2:3b');
    assert.equal(c.test, 'A');
    assert.equal(c.figure, 'tokens_per_second');
    assert.equal(c.baseline.n, 10);
    assert.equal(c.candidate.n, 5);
    // tokens/s from the counters the stand-ins report: exactly their rates.
    assert.equal(c.baseline.median, 10);
    assert.equal(c.candidate.median, 5);
    assert.equal(c.delta_pct, -50);
    assert.ok(c.p_value < 0.01, String(c.p_value));
    assert.equal(c.verdict, 'regression');
    assert.deepEqual(out.changed, { ollama_version: ['0.12.6', '0.13.0'] });
    assert.equal(out.candidate_session, ids.slow);
    assert.deepEqual(out.baseline_sessions, [ids.fast2, ids.fast1]);
  });

  it('latest:MODEL is the newest earlier session of that model; TTFT is judged lower-is-better', async () => {
    const r = await compare(['--baseline', 'latest:llama3.2:3b', '--json']);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).baseline_sessions, [ids.fast2]);
    // The slow server also takes twice as long to its first token: a regression of TTFT.
    const t = await compare(['--baseline', ids.fast1!, '--figure', 'ttft_ms', '--json']);
    const ttft = JSON.parse(t.stdout).comparisons[0];
    assert.ok(ttft.delta_pct > 0, String(ttft.delta_pct));
    assert.equal(ttft.verdict, 'regression');
    assert.equal(t.code, 1);
  });

  it('a workload figure is a --figure too: tests without it have nothing to judge, exit 0', async () => {
    const r = await compare(['--baseline', ids.fast1 ?? '', '--figure', 'goodput_rps', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const [row] = JSON.parse(r.stdout).comparisons;
    assert.deepEqual(
      [row.figure, row.verdict, row.delta_pct],
      ['goodput_rps', 'insufficient', null],
    );
  });

  it('a larger minimum effect than the change: no regression, exit 0', async () => {
    const r = await compare(['--baseline', ids.fast1!, '--min-effect', '80']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it('bad input exits 2 with a message a user can act on', async () => {
    const cases: [string[], RegExp][] = [
      [['--baseline', '000000000000000000000000'], /no session with id "000000000000000000000000"/],
      [['--candidate', 'nope'], /no session with id "nope"/],
      [['--baseline', 'latest:nomodel:1b'], /no completed test of nomodel:1b/],
      [['--figure', 'speed'], /--figure must be one of tokens_per_second/],
      [['--alpha', '2'], /alpha must be between 0 and 1/],
      [['--min-effect', 'lots'], /--min-effect must be a number/],
      [['--baseline', ids.slow!, '--candidate', ids.slow!], /the same session/],
      [['--no-such-option'], /unknown option/],
    ];
    for (const [args, message] of cases) {
      const r = await compare(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });

  it('nothing comparable: exit 2', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ollama-bench-compare-empty-'));
    try {
      const none = await runCli(['compare', '--store', empty]);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /no finished session/);
      // The first session ever has no earlier comparable result.
      const r = await runCli(['compare', '--store', dir, '--candidate', ids.fast1!]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /nothing comparable/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
