// A run's options resolved once: the defaults, then the session's choice (settings, flags, a
// plan's config), then each suite's own values; every default lives in runOptions.ts.
import { resolveWorkloadOptions } from '../../src/core/workloads/workloadOptions';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  DEFAULT_KEEP_ALIVE,
  DEFAULT_NUM_CTX,
  DEFAULT_SEED,
  DEFAULT_STREAM_TIMEOUTS,
  resolveRunOptions,
  runSuites,
  suiteRequestOptions,
} from '../../src/core/bench/runOptions';
import { generateRequest } from '../../src/core/bench/generation';
import { BUILTIN_SUITES } from '../../src/core/bench/suites';
import { configSessionRequest } from '../../src/core/plans/configSession';
import type { SuiteDefinition } from '../../src/shared/dto';
import type { BenchmarkConfig } from '../../src/shared/plans';

const ROOT = join(__dirname, '..', '..');

describe('resolveRunOptions', () => {
  it('nothing chosen: every default', () => {
    assert.deepEqual(resolveRunOptions(), {
      num_ctx: DEFAULT_NUM_CTX,
      seed: DEFAULT_SEED,
      temperature: 0,
      keep_alive: DEFAULT_KEEP_ALIVE,
      timeouts: DEFAULT_STREAM_TIMEOUTS,
      think: false,
      workload: resolveWorkloadOptions(),
    });
  });

  it('a CI target makes repetitions adaptive: at least 3, at most the cap (default 20)', () => {
    assert.deepEqual(resolveRunOptions({ target_ci_percent: 2 }).adaptive, {
      targetCiPercent: 2,
      min: 3,
      max: 20,
    });
    assert.equal(resolveRunOptions({ target_ci_percent: 2, max_repetitions: 8 }).adaptive?.max, 8);
    assert.equal(resolveRunOptions({ max_repetitions: 8 }).adaptive, undefined);
  });

  it("the session's choice wins over the default, one option at a time", () => {
    const run = resolveRunOptions({
      num_ctx: 8192,
      keep_alive: '1h',
      num_predict: 16,
      timeouts: { stallMs: 5000 },
    });
    assert.equal(run.num_ctx, 8192);
    assert.equal(run.seed, DEFAULT_SEED);
    assert.equal(run.keep_alive, '1h');
    assert.equal(run.num_predict, 16);
    assert.deepEqual(run.timeouts, {
      firstChunkMs: DEFAULT_STREAM_TIMEOUTS.firstChunkMs,
      stallMs: 5000,
    });
  });

  it('an option given as undefined (a flag not passed) keeps the default', () => {
    const run = resolveRunOptions({
      num_ctx: undefined,
      seed: undefined,
      timeouts: { firstChunkMs: undefined },
    });
    assert.equal(run.num_ctx, DEFAULT_NUM_CTX);
    assert.equal(run.seed, DEFAULT_SEED);
    assert.equal(run.timeouts.firstChunkMs, DEFAULT_STREAM_TIMEOUTS.firstChunkMs);
    assert.equal('num_predict' in run, false);
  });
});

describe('suiteRequestOptions: suite over session over default', () => {
  const own: SuiteDefinition['options'] = {
    num_predict: 64,
    num_ctx: 2048,
    seed: 7,
    temperature: 0.5,
    top_k: 20,
  };

  it("a suite's own num_ctx, seed and temperature win over the session's", () => {
    const run = resolveRunOptions({ num_ctx: 8192, seed: 1 });
    assert.deepEqual(suiteRequestOptions(own, run), {
      num_predict: 64,
      num_ctx: 2048,
      seed: 7,
      temperature: 0.5,
      top_k: 20,
      think: false,
    });
  });

  it("a suite's own think wins over the session's", () => {
    const run = resolveRunOptions({ think: 'high' });
    assert.equal(suiteRequestOptions(own, run).think, 'high');
    assert.equal(suiteRequestOptions(own, run, false).think, false);
  });

  it('what the suite leaves out comes from the session, else from the default', () => {
    const bare = { num_predict: 64 };
    assert.deepEqual(suiteRequestOptions(bare, resolveRunOptions({ num_ctx: 8192 })), {
      num_predict: 64,
      num_ctx: 8192,
      seed: DEFAULT_SEED,
      temperature: 0,
      think: false,
    });
    assert.equal(suiteRequestOptions(bare, resolveRunOptions()).num_ctx, DEFAULT_NUM_CTX);
  });

  it("the session's num_predict replaces every suite's (quick runs)", () => {
    const run = resolveRunOptions({ num_predict: 8 });
    assert.equal(suiteRequestOptions(own, run).num_predict, 8);
    assert.equal(suiteRequestOptions(own, resolveRunOptions()).num_predict, 64);
  });

  it('the request sent to Ollama carries exactly the resolved values, under its own names', () => {
    const run = resolveRunOptions({ num_ctx: 8192, keep_alive: '2m' });
    const [suite] = runSuites([BUILTIN_SUITES[0]!], run);
    const req = generateRequest('m', 'p', 'n', suite!.options, run.keep_alive);
    assert.equal(req.keep_alive, '2m');
    assert.deepEqual(req.options, {
      temperature: 0,
      seed: DEFAULT_SEED,
      num_predict: BUILTIN_SUITES[0]!.options.num_predict,
      num_ctx: 8192,
    });
  });
});

describe("a plan's config", () => {
  const config = {
    _id: 'c',
    plan_id: 'p',
    model: 'm:1b',
    suite: 'A',
    options: { num_ctx: 2048, repetitions: 2, seed: 9, keep_alive: '5m', num_predict: 12 },
  } as BenchmarkConfig;

  it("its own values win over the worker's, and over a saved suite's num_ctx", () => {
    const saved: SuiteDefinition = {
      ...BUILTIN_SUITES[0]!,
      name: 'Mine',
      builtin: false,
      options: { num_predict: 100, num_ctx: 16384 },
    };
    const request = configSessionRequest({ ...config, suite: 'Mine' }, [saved], {
      runOptions: { num_ctx: 4096, seed: 1, timeouts: { stallMs: 7000 } },
    });
    const options = request.options!;
    assert.equal(options.num_ctx, 2048);
    assert.equal(options.seed, 9);
    assert.equal(options.keep_alive, '5m');
    assert.equal(options.num_predict, 12);
    assert.equal(options.timeouts.stallMs, 7000, "the worker's timeout is kept");
    const [suite] = runSuites(request.suites, options);
    assert.equal(suite!.options.num_ctx, 2048);
    assert.equal(suite!.options.num_predict, 12);
  });
});

describe('each default lives in one place', () => {
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? sources(join(dir, e.name))
        : e.name.endsWith('.ts')
          ? [join(dir, e.name)]
          : [],
    );
  }
  const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'webview'))];
  const definitions = (pattern: RegExp) =>
    files.filter((f) => pattern.test(readFileSync(f, 'utf8'))).map((f) => f.slice(ROOT.length + 1));

  it('the run defaults are defined only in runOptions.ts', () => {
    for (const name of [
      'DEFAULT_NUM_CTX',
      'DEFAULT_SEED',
      'DEFAULT_KEEP_ALIVE',
      'DEFAULT_STREAM_TIMEOUTS',
    ])
      assert.deepEqual(
        definitions(new RegExp(`\\b(const|let|var)\\s+${name}\\b`)),
        [join('src', 'core', 'bench', 'runOptions.ts')],
        name,
      );
  });

  it('no runner part picks between a suite’s value and the session’s', () => {
    const bench = sources(join(ROOT, 'src', 'core', 'bench')).filter(
      (f) => !f.endsWith('runOptions.ts'),
    );
    for (const f of bench) {
      const text = readFileSync(f, 'utf8');
      assert.doesNotMatch(text, /options\.(num_ctx|seed|temperature|keep_alive)\s*\?\?/, f);
      assert.doesNotMatch(text, /\bnumCtx\b|\bkeepAlive\b/, `${f}: one name, num_ctx / keep_alive`);
    }
  });
});
