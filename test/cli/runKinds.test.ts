// `ollama-bench run` with today's Ollama: --think on a thinking model, --target-ci, an
// embedding-only model that gets suite E by default, the workload suites and their flags, and the
// refusals that store nothing. The built dist/cli.js against the stand-in; --json carries every
// new field.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SessionDoc } from '../../src/shared/dto';
import { cliArgs } from '../fixtures/cliArgs';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { scratchFolders } from '../fixtures/scratchFolders';
import {
  DEFAULT_MODELS,
  EMBEDDING_MODEL,
  startOllamaStandIn,
  type StandIn,
} from '../fixtures/ollamaStandIn';

describe('ollama-bench run: thinking, embedding, --target-ci, workloads', () => {
  const folder = scratchFolders('ollama-bench-kinds-');
  const dir = folder('store');
  let standIn: StandIn;
  const run = (args: string[]) =>
    runCli(['run', ...args, ...cliArgs`--host ${standIn.url} --store ${dir} --no-hardware`]);

  before(async () => {
    ensureBuilt();
    standIn = await startOllamaStandIn({
      tokensPerSecond: 2000,
      jitter: 0,
      loadMs: 5,
      models: [...DEFAULT_MODELS, EMBEDDING_MODEL],
    });
  });
  after(() => standIn.close());

  it('--think high on a thinking model: the thinking figures in --json and below the table', async () => {
    const args = cliArgs`--models qwen3:0.6b --num-predict 24 --think high --target-ci 5`;
    const r = await run([...args, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const session = JSON.parse(r.stdout) as SessionDoc;
    const metrics = session.models[0]!.tests[0]!.metrics;
    assert.equal(session.options.think, 'high');
    assert.equal(metrics.thinking_tokens, 16);
    assert.equal(metrics.thinking_tokens_estimated, false);
    assert.ok(metrics.ttfa_ms! > metrics.ttft_ms!);
    assert.equal(metrics.repetitions_run, 3);
    assert.equal(metrics.target_ci_reached, true);
    const table = await run(args);
    assert.equal(table.code, 0, table.stderr);
    assert.match(
      table.stdout,
      /qwen3:0\.6b · A: TTFT ms \(any token\) \d+ · TTFA ms \d+ · Thinking tokens 16\.0 · Answer tok\/s [\d.]+ · Repetitions 3 \(CI target reached\)/,
    );
  });

  it('an embedding-only model runs suite E when no --suite is given', async () => {
    const r = await run([...cliArgs`--models nomic-embed-text --repetitions 1`, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const session = JSON.parse(r.stdout) as SessionDoc;
    const test = session.models[0]!.tests[0]!;
    assert.equal(test.type, 'E');
    assert.ok(test.metrics.inputs_per_second! > 0);
    assert.ok(test.metrics.embed_tokens_per_second! > 0);
  });

  it('refuses --think on a model that cannot think, and suite A for an embedding model: exit 2, nothing stored', async () => {
    const before = (await run(['--models', 'llama3.2:3b', '--suite', 'Q'])).code;
    assert.equal(before, 2, 'an unknown suite is an input error');
    for (const args of [
      cliArgs`--models llama3.2:3b --think true`,
      cliArgs`--models nomic-embed-text --suite A`,
    ]) {
      const r = await run(args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /Refused before anything was stored: .* cannot run suite A/);
      assert.doesNotMatch(r.stderr, /session [0-9a-f]/);
    }
    const history = await runCli(['history', '--store', dir, '--json']);
    const sessions = JSON.parse(history.stdout) as unknown[];
    assert.equal(sessions.length, 3, 'only the three runs above that were not refused');
  });

  it('checks --think, --target-ci and --max-repetitions', async () => {
    for (const [args, message] of [
      [cliArgs`--models qwen3:0.6b --think lots`, /--think must be false, true, low/],
      [cliArgs`--models qwen3:0.6b --target-ci 0`, /--target-ci must be a percentage/],
      [cliArgs`--models qwen3:0.6b --max-repetitions 5`, /--max-repetitions caps --target-ci/],
    ] as const) {
      const r = await run([...args]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
    }
  });

  it('--suite rate --rate --arrival --requests --slo: one level, stored with its SLO', async () => {
    const args = cliArgs`--models llama3.2:3b --suite rate --num-predict 4 --rate 20 --arrival constant --requests 5 --slo ttft_ms<=800,tpot_ms<=50`;
    const r = await run([...args, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const session = JSON.parse(r.stdout) as SessionDoc;
    const m = session.models[0]?.tests[0]?.metrics;
    assert.equal(m?.rate_levels?.length, 1);
    assert.equal(m?.rate_levels?.[0]?.requests, 5);
    assert.deepEqual(m?.slo?.bounds, { ttft_ms: 800, tpot_ms: 50 });
    assert.equal(session.options.workload?.arrival, 'constant');
    const table = await run(args);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /Max sustainable rps 20\.00 · Goodput rps [\d.]+ · SLO custom/);
  });

  it('--suite depth --depths: a level per depth below the table', async () => {
    const r = await run(
      cliArgs`--models llama3.2:3b --suite depth --num-predict 4 --repetitions 1 --depths 0,256`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /@0 tok\/s [\d.]+ .* · @256 tok\/s/);
  });

  it('malformed workload flags: one line, exit 2, nothing run', async () => {
    for (const [flags, words] of [
      [cliArgs`--rate 0`, /--rate must be requests per second/],
      [cliArgs`--arrival bursty`, /--arrival must be constant or poisson/],
      [cliArgs`--duration forever`, /--duration must be a duration/],
      [cliArgs`--slo ttft<5`, /An SLO is interactive, standard/],
      [cliArgs`--rates 3`, /give --sweep too/],
      [cliArgs`--depths 0,-5`, /--depths/],
    ] as const) {
      const r = await run([...cliArgs`--models llama3.2:3b --suite rate`, ...flags]);
      assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, words);
    }
  });
});
