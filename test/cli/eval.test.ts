// `ollama-bench eval` as a user runs it: the built dist/cli.js against the stand-in told the core
// set's answers, each model right on its own share of the items.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { openEmbeddedStore } from '../../src/core/repositories/openStore';
import type { EvalJson } from '../../src/core/quality/evalReport';
import { cliArgs } from '../fixtures/cliArgs';
import { ensureBuilt, runCli, runCliUntil } from '../fixtures/cliProcess';
import { coreSet, startEvalStandIn } from '../fixtures/evalStandIn';
import { idShare, type StandIn } from '../fixtures/ollamaStandIn';
import { scratchFolders } from '../fixtures/scratchFolders';

describe('ollama-bench eval', () => {
  const folder = scratchFolders('ollama-bench-eval-');
  let standIn: StandIn;
  before(async () => {
    ensureBuilt();
    standIn = await startEvalStandIn(
      { 'llama3.2:3b': 0.8, 'qwen3:0.6b': 0.5 },
      { tokensPerSecond: 2000 },
    );
  });
  after(() => standIn.close());

  const stored = async (store: string) => {
    const s = await openEmbeddedStore(store);
    try {
      return await s.evaluations.list();
    } finally {
      await s.close();
    }
  };

  it('--json: per model accuracy, interval, categories, failures and tokens/s; stored by digest', async () => {
    const store = folder();
    const r = await runCli([
      ...cliArgs`eval --models llama3.2:3b,qwen3:0.6b --limit 25 --json`,
      ...cliArgs`--host ${standIn.url} --store ${store}`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as EvalJson;
    const set = coreSet();
    assert.deepEqual(out.set, { name: 'core', hash: set.hash, items: 25 });
    assert.deepEqual(
      out.models.map((m) => m.model),
      ['llama3.2:3b', 'qwen3:0.6b'],
    );
    const [llama, qwen] = out.models;
    assert.ok(llama && qwen);
    assert.deepEqual(Object.keys(llama), [
      'model',
      'accuracy',
      'ci95',
      'correct',
      'total',
      'by_category',
      'failures',
      'tokens_per_second',
      'complete',
    ]);
    assert.ok(llama.accuracy > qwen.accuracy);
    assert.equal(llama.total, 25);
    assert.equal(llama.correct + llama.failures.length, 25);
    assert.deepEqual(Object.keys(llama.by_category).length, 5);
    assert.ok(llama.failures.every((f) => idShare(f.id) >= 0.8 && f.got === 'Not sure.'));
    assert.ok((llama.tokens_per_second ?? 0) > 0);
    // One progress line per category and model.
    assert.equal(r.stderr.match(/^llama3\.2:3b: \w+ \d+\/\d+ correct/gm)?.length, 5);

    const evaluations = await stored(store);
    assert.equal(evaluations.length, 2);
    for (const e of evaluations) {
      assert.equal(e.set.hash, set.hash);
      assert.match(e.model_digest, /^[0-9a-f]{64}$/);
      assert.deepEqual(e.options, {
        temperature: 0,
        seed: 42,
        think: false,
        num_predict: 256,
        limit: 25,
      });
    }
  });

  it('a bad line of a set: its line number, exit 2, nothing asked and nothing stored', async () => {
    const store = folder();
    const file = `${folder('set')}.jsonl`;
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', prompt: 'What is 1 + 1?', expected: 2, match: 'number' }),
        JSON.stringify({ id: 'b', prompt: 'Say hi', expected: 'hi', match: 'exact' }),
        JSON.stringify({ id: 'c', prompt: 'Anything', expected: 'x', match: 'similar' }),
      ].join('\n'),
    );
    const asked = standIn.requests.length;
    const r = await runCli([
      ...cliArgs`eval --models llama3.2:3b --set ${file}`,
      ...cliArgs`--host ${standIn.url} --store ${store}`,
    ]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      /line 3: "match" must be one of exact, number, contains, regex, json_schema/,
    );
    assert.equal(standIn.requests.length, asked);
    assert.deepEqual(await stored(store), []);
  });

  it('Ctrl-C keeps the items that finished: stored as not complete, exit 130', async () => {
    const store = folder();
    const r = await runCliUntil(
      [...cliArgs`eval --models qwen3:0.6b`, ...cliArgs`--host ${standIn.url} --store ${store}`],
      {},
      /arithmetic/,
      'SIGINT',
    );
    assert.equal(r.code, 130, r.stderr);
    const [e, ...more] = await stored(store);
    assert.equal(more.length, 0);
    assert.ok(e);
    assert.equal(e.complete, false);
    assert.ok(e.total >= 1 && e.total < coreSet().items.length, String(e.total));
  });

  it('drift --json: the comparison of two quantizations; other families refused with exit 2', async () => {
    const r = await runCli([
      ...cliArgs`drift --reference mistral:7b-instruct-q8_0 --candidate llama3.2:3b --limit 10`,
      ...cliArgs`--json --host ${standIn.url}`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(report), [
      'reference',
      'candidate',
      'set',
      'items',
      'identical_share',
      'mean_first_divergence',
      'mean_top5_overlap',
      'complete',
    ]);
    assert.equal(report.items, 10);
    const refused = await runCli([
      ...cliArgs`drift --reference llama3.2:3b --candidate qwen3:0.6b --host ${standIn.url}`,
    ]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /of family llama, qwen3:0\.6b of family qwen3/);
  });

  it('rank --min-accuracy: the fastest models at or above the bar on this machine', async () => {
    const store = folder();
    const cli = (args: string[]) =>
      runCli([...args, ...cliArgs`--host ${standIn.url} --store ${store}`]);
    const models = 'llama3.2:3b,qwen3:0.6b';
    const run = await cli(
      cliArgs`run --models ${models} --suite A --repetitions 1 --num-predict 16 --interval 100`,
    );
    assert.equal(run.code, 0, run.stderr);
    const evaluated = await cli(cliArgs`eval --models ${models} --limit 25`);
    assert.equal(evaluated.code, 0, evaluated.stderr);
    const accuracy = new Map((await stored(store)).map((e) => [e.model, e.accuracy * 100]));

    const r = await cli(cliArgs`rank --min-accuracy 60 --json`);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      machine: string;
      min_accuracy: number;
      models: { model: string; tokens_per_second: number; accuracy: number }[];
    };
    assert.equal(out.min_accuracy, 60);
    assert.match(out.machine, /\S/);
    assert.deepEqual(
      out.models.map((m) => m.model).sort(),
      [...accuracy]
        .filter(([, a]) => a >= 60)
        .map(([m]) => m)
        .sort(),
    );
    assert.ok(out.models.some((m) => m.model === 'llama3.2:3b'));
    for (const m of out.models) assert.equal(m.accuracy, accuracy.get(m.model));
    const text = await cli(cliArgs`rank --min-accuracy 60`);
    assert.match(text.stdout, /Fastest with accuracy >= 60 %[\s\S]*llama3\.2:3b/);

    const bad = await cli(cliArgs`rank --min-accuracy 120`);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /percentage from 0 to 100/);
    const mixed = await cli(cliArgs`rank --min-accuracy 60 --use-case chat`);
    assert.equal(mixed.code, 2);
    assert.match(mixed.stderr, /answers alone/);
  });
});
