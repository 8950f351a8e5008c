// `ollama-bench rank` and `ollama-bench fit` as a user runs them: the built dist/cli.js on
// sessions the stand-in produced through `ollama-bench run`, and on the stand-in's /api/show.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FitReport } from '../../src/shared/fitReport';
import type { RankingReport } from '../../src/shared/rank/rankingReport';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { DEFAULT_MODELS, startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';
import { cliArgs } from '../fixtures/cliArgs';

describe('ollama-bench rank and fit', () => {
  let standIn: StandIn;
  let dir: string;
  const store = () => ['--store', dir, '--host', standIn.url];

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'ollama-bench-rank-'));
    const [llama, qwen, mistral] = DEFAULT_MODELS;
    standIn = await startOllamaStandIn({
      jitter: 0,
      loadMs: 5,
      models: [
        { ...llama!, tokens_per_second: 100 },
        { ...qwen!, tokens_per_second: 400, thinking: false },
        { ...mistral! },
      ],
    });
    const run = (models: string, numCtx: string) =>
      runCli([
        ...cliArgs`run`,
        ...store(),
        ...cliArgs`--models ${models} --suite A --repetitions 2 --num-predict 16 --num-ctx ${numCtx} --interval 100`,
      ]);
    // Two comparable sessions of two models at num_ctx 4096; mistral only at 8192.
    for (let i = 0; i < 2; i++) {
      const r = await run('llama3.2:3b,qwen3:0.6b', '4096');
      assert.equal(r.code, 0, r.stderr);
    }
    const m = await run('mistral:7b-instruct-q8_0', '8192');
    assert.equal(m.code, 0, m.stderr);
  });
  after(async () => {
    await standIn?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rank --json: the documented shape, faster model first, the unlike one not ranked', async () => {
    const r = await runCli([
      ...cliArgs`rank`,
      ...store(),
      ...cliArgs`--use-case chat --weights tokens_per_second=3,ttft_ms=1 --json`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as RankingReport;
    assert.deepEqual(Object.keys(report), [
      'use_case',
      'machine',
      'criteria',
      'ranking',
      'not_ranked',
    ]);
    assert.equal(report.use_case, 'chat');
    assert.match(report.machine, /\S/);
    assert.deepEqual(report.criteria, [
      { figure: 'tokens_per_second', weight: 0.75, direction: 'benefit' },
      { figure: 'ttft_ms', weight: 0.25, direction: 'cost' },
    ]);
    assert.deepEqual(
      report.ranking.map((m) => m.model),
      ['qwen3:0.6b', 'llama3.2:3b'],
    );
    for (const m of report.ranking) {
      assert.deepEqual(Object.keys(m), ['model', 'score', 'rank', 'pareto', 'breakdown', 'inputs']);
      assert.ok(m.score >= 0 && m.score <= 1);
      assert.deepEqual(Object.keys(m.inputs).sort(), ['tokens_per_second', 'ttft_ms']);
      assert.deepEqual(Object.keys(m.breakdown).sort(), ['tokens_per_second', 'ttft_ms']);
    }
    assert.equal(report.ranking[0]!.rank, 1);
    assert.equal(report.ranking[0]!.pareto, true);
    assert.ok(
      report.ranking[0]!.inputs.tokens_per_second! > report.ranking[1]!.inputs.tokens_per_second!,
    );
    assert.deepEqual(
      report.not_ranked.map((m) => m.model),
      ['mistral:7b-instruct-q8_0'],
    );
    assert.deepEqual(Object.keys(report.not_ranked[0]!), ['model', 'reason']);
    assert.match(
      report.not_ranked[0]!.reason,
      /only at num_ctx 8192.*run `ollama-bench run --models mistral:7b-instruct-q8_0 --suite A --num-ctx 4096 --num-predict 16`/,
    );
  });

  it('rank with the use case as it is prints a table, naming the machine and what is not ranked', async () => {
    const r = await runCli(['rank', ...store(), '--use-case', 'chat']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Use case chat on machine \S+/);
    assert.match(r.stdout, /Criteria: ttft_ms 35 % \(cost, suite A at num_ctx 4096\)/);
    assert.match(r.stdout, /Not ranked:\n {2}mistral:7b-instruct-q8_0: /);
  });

  it('rank: an unknown use case or figure is a usage error (exit 2); an unknown machine says which exist', async () => {
    const useCase = await runCli(['rank', ...store(), '--use-case', 'nope']);
    assert.equal(useCase.code, 2);
    assert.match(useCase.stderr, /unknown use case "nope" \(known: chat, long-documents, batch/);
    const figure = await runCli(['rank', ...store(), '--use-case', 'chat', '--weights', 'speed=1']);
    assert.equal(figure.code, 2);
    assert.match(figure.stderr, /--weights: unknown figure "speed" \(known: tokens_per_second/);
    const none = await runCli(['rank', ...store()]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--use-case is required/);
    const machine = await runCli(['rank', ...store(), '--use-case', 'chat', '--machine', 'abc']);
    assert.equal(machine.code, 1);
    assert.match(
      machine.stderr,
      /no results stored for machine abc \(machines with results: \S+\)/,
    );
  });

  it('fit --json: Llama 3.2 3B at num_ctx 4096 on a 4 GB GPU, figures as computed by hand', async () => {
    const r = await runCli(
      cliArgs`fit --host ${standIn.url} --model llama3.2:3b --num-ctx 4096 --vram 4GB --kv-cache-type f16 --json`,
    );
    assert.equal(r.code, 0, r.stderr);
    const fit = JSON.parse(r.stdout) as FitReport;
    assert.deepEqual(fit, {
      model: 'llama3.2:3b',
      params: 3_212_749_888,
      bits_per_weight: 4.85,
      // 3 212 749 888 × 4.85 / 8 × 1.2
      weights_bytes: 2_337_275_544,
      // 2 × 28 × 8 × 128 × 4096 × 2
      kv_bytes: 469_762_048,
      total_bytes: 2_807_037_592,
      vram_bytes: 4_000_000_000,
      verdict: 'fits',
      gpu_share: 1,
      max_num_ctx_in_vram: 14_497,
    });
  });

  it('fit: Mistral 7B Q8_0 at 8192 spills on a 4 GB GPU; no GPU runs on the CPU', async () => {
    const args = [
      'fit',
      '--host',
      standIn.url,
      '--model',
      'mistral:7b-instruct-q8_0',
      '--kv-cache-type',
      'f16',
    ];
    const r = await runCli([...args, '--num-ctx', '8192', '--vram', '4000000000', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const fit = JSON.parse(r.stdout) as FitReport;
    // 7 248 023 552 × 8.5 / 8 × 1.2 = 9 241 230 028.8; head_dim = 4096 / 32 = 128 (no key_length).
    assert.equal(fit.weights_bytes, 9_241_230_029);
    assert.equal(fit.kv_bytes, 1_073_741_824);
    assert.equal(fit.verdict, 'partial');
    assert.ok(Math.abs(fit.gpu_share - 4e9 / 10_314_971_853) < 1e-12);
    assert.equal(fit.max_num_ctx_in_vram, null);
    const text = await runCli([...args, '--num-ctx', '8192', '--vram', '4GB']);
    assert.match(
      text.stdout,
      /mistral:7b-instruct-q8_0 at num_ctx 8192: partly on the CPU \(about 61 % on the CPU\)/,
    );
    const cpu = await runCli([...args, '--vram', '0', '--json']);
    assert.equal((JSON.parse(cpu.stdout) as FitReport).verdict, 'cpu');
  });

  it('fit: a model Ollama lacks, and bad options, say so', async () => {
    const missing = await runCli(cliArgs`fit --host ${standIn.url} --model nope:1b --vram 0`);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope:1b/);
    const ctx = await runCli(cliArgs`fit --host ${standIn.url} --model llama3.2:3b --num-ctx lots`);
    assert.equal(ctx.code, 2);
    assert.match(ctx.stderr, /--num-ctx must be a whole number/);
    const kv = await runCli(
      cliArgs`fit --host ${standIn.url} --model llama3.2:3b --kv-cache-type q3`,
    );
    assert.equal(kv.code, 2);
  });

  it('use-cases: lists the defaults, saves one of your own that rank then uses, deletes it', async () => {
    const list = await runCli(['use-cases', '--store', dir]);
    assert.equal(list.code, 0, list.stderr);
    // The shipped chat weighs accuracy on the core set beside speed.
    assert.match(
      list.stdout,
      /^chat: Interactive chat\n {2}ttft_ms 27 % \[suite A\].*, accuracy 23 % \[suite core\]\n/,
    );
    const file = join(dir, 'speed.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'speed',
        title: 'Raw speed',
        criteria: [{ figure: 'tokens_per_second', suite: 'A', weight: 1 }],
      }),
    );
    const saved = await runCli(['use-cases', '--store', dir, '--save', file, '--json']);
    assert.equal(saved.code, 0, saved.stderr);
    assert.ok((JSON.parse(saved.stdout) as { name: string }[]).some((u) => u.name === 'speed'));
    const r = await runCli(['rank', ...store(), '--use-case', 'speed', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as RankingReport).ranking[0]!.model, 'qwen3:0.6b');
    writeFileSync(
      file,
      JSON.stringify({ name: 'bad', criteria: [{ figure: 'speed', suite: 'A', weight: 1 }] }),
    );
    const bad = await runCli(['use-cases', '--store', dir, '--save', file]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown figure "speed"/);
    const gone = await runCli(['use-cases', '--store', dir, '--delete', 'speed']);
    assert.equal(gone.code, 0, gone.stderr);
    assert.doesNotMatch(gone.stdout, /^speed/m);
  });
});
