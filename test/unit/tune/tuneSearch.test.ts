// The tune's pure parts over a fake trial runner: the fit advisor's pruning, the budget (never
// more than one trial past it, on a counter clock), a failed trial that the search goes past, the
// confirmation, the gain and the Modelfile.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { geometryFromShow } from '../../../src/core/fit/modelGeometry';
import { confirmWinner, separated } from '../../../src/core/tune/confirmWinner';
import { createBody, createCommand, modelfileText } from '../../../src/core/tune/modelfile';
import {
  largestContextFor,
  modelBytes,
  searchSpace,
  threadLadder,
} from '../../../src/core/tune/searchSpace';
import { parseBudget, startBudget } from '../../../src/core/tune/tuneBudget';
import { gainInterval, gainPct } from '../../../src/core/tune/tuneGoal';
import { runTune } from '../../../src/core/tune/tuneRun';
import type { TuneSetting } from '../../../src/core/tune/tuneSetting';
import { TrialBook, type RunTrial } from '../../../src/core/tune/tuneTrials';
import { DEFAULT_MODELS } from '../../fixtures/ollamaStandIn';
import { modelInfoOf } from '../../fixtures/standIn/modelCatalogue';
import {
  LOAD_FAILURE,
  optionSpeed,
  type OptionSpeedModel,
} from '../../fixtures/standIn/optionSpeed';
import { TUNE_MAX_THREADS, TUNE_SPEED_MODEL, TUNE_VRAM_BYTES } from '../../fixtures/tuneStandIn';

const llama = DEFAULT_MODELS[0]!;
const geometry = geometryFromShow(llama.name, {
  model_info: modelInfoOf(llama),
  details: { quantization_level: llama.quantization_level },
});
const space = (over: Partial<Parameters<typeof searchSpace>[0]> = {}) =>
  searchSpace({
    model: llama.name,
    geometry,
    numCtx: 4096,
    vramBytes: TUNE_VRAM_BYTES,
    maxThreads: TUNE_MAX_THREADS,
    usesBatch: false,
    ...over,
  });

/** A trial runner over the stand-in's speed model, exact, counting its calls. */
function speedTrials(
  onCall?: (setting: TuneSetting) => void,
  model: OptionSpeedModel = TUNE_SPEED_MODEL,
): RunTrial {
  return async (setting, repetitions) => {
    onCall?.(setting);
    const s = optionSpeed(model, llama, { ...setting });
    return s.fails
      ? { status: 'failed', values: [], error: s.error }
      : { status: 'ok', values: Array.from({ length: repetitions }, () => s.tokensPerSecond) };
  };
}

describe('tune: the search space', () => {
  it('keeps a window of layers around the fit advisor’s estimate, and the grid it saves', () => {
    const s = space();
    assert.equal(s.estimatedGpuLayers, 17);
    assert.deepEqual(s.gpuLayers, [14, 15, 16, 17, 18, 19, 20]);
    assert.deepEqual(s.threads, [1, 2, 4, 8, 12]);
    assert.equal(s.batches, undefined);
    assert.equal(s.gridSize, TUNE_MAX_THREADS * (geometry.layers + 1));
  });

  it('drops num_gpu for a model the GPU holds whole, and without a GPU', () => {
    assert.equal(space({ vramBytes: 24e9 }).gpuLayers, undefined);
    assert.equal(space({ vramBytes: undefined }).gpuLayers, undefined);
    assert.equal(space({ vramBytes: undefined }).gridSize, TUNE_MAX_THREADS);
  });

  it('searches the batch size only for a goal with a long prompt', () => {
    const s = space({ usesBatch: true });
    assert.deepEqual(s.batches, [64, 128, 256, 512, 1024, 2048]);
    assert.equal(s.gridSize, TUNE_MAX_THREADS * (geometry.layers + 1) * 6);
  });

  it('the ladder of threads ends at the cores', () => {
    assert.deepEqual(threadLadder(1), [1]);
    assert.deepEqual(threadLadder(6), [1, 2, 4, 6]);
  });

  it('the largest context that keeps the layers in VRAM, never below the one searched', () => {
    const bytes = modelBytes({ model: llama.name, geometry });
    assert.equal(largestContextFor(bytes, TUNE_VRAM_BYTES, 20, 4096), undefined);
    const ctx = largestContextFor(bytes, TUNE_VRAM_BYTES, 12, 4096, 131072);
    assert.ok(ctx !== undefined && ctx > 4096 && ctx % 1024 === 0);
    assert.equal(largestContextFor(bytes, undefined, 12, 4096), undefined);
  });
});

describe('tune: the search', () => {
  it('finds the optimum of the stand-in’s speed model without the full grid', async () => {
    const plan = {
      goal: 'decode' as const,
      space: space(),
      numCtx: 4096,
      numCtxFixed: true,
      repetitions: 2,
    };
    const out = await runTune(plan, { runTrial: speedTrials(), budget: startBudget(60_000) });
    assert.deepEqual(out.best?.setting, { num_ctx: 4096, num_gpu: 20, num_thread: 6 });
    assert.ok(out.trials.length <= 0.3 * out.gridSize);
    assert.equal(out.confirmation, 'separated');
    assert.ok((out.best?.gain_pct ?? 0) > 25);
  });

  it('a space measured whole goes straight to the confirmation, without halving', async () => {
    const small = space({ vramBytes: undefined, maxThreads: 2 });
    const out = await runTune(
      { goal: 'decode', space: small, numCtx: 4096, numCtxFixed: true, repetitions: 2 },
      { runTrial: speedTrials(), budget: startBudget(60_000) },
    );
    assert.deepEqual(
      out.trials.map((t) => t.stage),
      ['default', 'num_thread', 'num_thread'],
    );
    assert.equal(out.confirmation, 'defaults_best');
  });

  it('without --num-ctx, keeps the largest context the GPU holds the layers at', async () => {
    // A GPU that holds the whole model: the advisor's room for the KV cache decides the context.
    const model = { ...TUNE_SPEED_MODEL, vramBytes: 4e9 };
    const runTrial = speedTrials(undefined, model);
    const wide = space({ vramBytes: 4e9 });
    assert.equal(wide.gpuLayers, undefined);
    const out = await runTune(
      {
        goal: 'decode',
        space: wide,
        numCtx: 4096,
        numCtxFixed: false,
        bytes: modelBytes({ model: llama.name, geometry }),
        vramBytes: 4e9,
        trainingContext: geometry.contextLength,
        repetitions: 2,
      },
      { runTrial, budget: startBudget(60_000) },
    );
    assert.ok(out.trials.some((t) => t.stage === 'num_ctx'));
    assert.equal(out.best?.setting.num_ctx, 14336);
    assert.equal(out.best?.setting.num_thread, 6);
  });

  it('a setting that fails to load is a failed trial and the search goes on', async () => {
    // A GPU smaller than the advisor is told: the window's top layers fail to load.
    const model = { ...TUNE_SPEED_MODEL, vramBytes: 1_200_000_000 };
    const runTrial = speedTrials(undefined, model);
    const out = await runTune(
      { goal: 'decode', space: space(), numCtx: 4096, numCtxFixed: true, repetitions: 2 },
      { runTrial, budget: startBudget(60_000) },
    );
    const failed = out.trials.filter((t) => t.status === 'failed');
    assert.ok(failed.length >= 1);
    assert.equal(failed[0]?.error, LOAD_FAILURE);
    assert.ok(
      out.trials.some((t) => t.stage === 'num_thread'),
      'the search went on',
    );
    assert.equal(out.best?.setting.num_gpu, 14);
  });

  it('never starts a trial past the budget: at most one trial over it', async () => {
    let now = 0;
    const trialMs = 7_000;
    const runTrial = speedTrials(() => (now += trialMs));
    const out = await runTune(
      { goal: 'decode', space: space(), numCtx: 4096, numCtxFixed: true, repetitions: 2 },
      { runTrial, budget: startBudget(30_000, () => now) },
    );
    assert.equal(out.stopped, 'budget');
    assert.equal(out.confirmation, 'budget');
    assert.equal(out.trials.length, 5);
    assert.ok(out.elapsedMs < 30_000 + trialMs);
    assert.ok(out.best, 'the best so far is still given');
  });

  it('a cancelled tune keeps the best so far', async () => {
    const controller = new AbortController();
    let calls = 0;
    const runTrial = speedTrials(() => {
      if (++calls === 8) controller.abort();
    });
    const out = await runTune(
      { goal: 'decode', space: space(), numCtx: 4096, numCtxFixed: true, repetitions: 2 },
      { runTrial, budget: startBudget(60_000), signal: controller.signal },
    );
    assert.equal(out.stopped, 'cancelled');
    assert.equal(out.trials.length, 7, 'the trial cut short is not counted');
    assert.equal(out.best?.setting.num_gpu, 19);
  });
});

describe('tune: confirmation, gain and Modelfile', () => {
  it('runs both again until the 95 % intervals are apart', async () => {
    let i = 0;
    // Noisy values whose means differ by 10 %: two repetitions each do not separate them.
    const runTrial: RunTrial = async (setting, repetitions) => {
      const centre = setting.num_gpu === undefined ? 100 : 110;
      return {
        status: 'ok',
        values: Array.from({ length: repetitions }, () => centre + (i++ % 2 ? 6 : -6)),
      };
    };
    const book = new TrialBook('decode', runTrial, startBudget(60_000));
    const base = { num_ctx: 4096 };
    const best = { num_ctx: 4096, num_gpu: 20 };
    await book.run(base, 2, 'default');
    await book.run(best, 2, 'num_gpu');
    assert.equal(separated(book.estimate(base), book.estimate(best)), false);
    assert.equal(await confirmWinner(book, base, best, 2), 'separated');
    assert.ok(book.trials.length > 2);
    assert.equal(await confirmWinner(book, base, base, 2), 'defaults_best');
  });

  it('gain in % for rates and for times, with a conservative interval', () => {
    assert.ok(Math.abs(gainPct('decode', 120, 100) - 20) < 1e-9);
    assert.equal(gainPct('ttft', 50, 100), 100);
    const [lo, hi] = gainInterval('decode', [115, 125], [95, 105]);
    assert.ok(lo < 20 && hi > 20);
    assert.ok(Math.abs(lo - (115 / 105 - 1) * 100) < 1e-9);
  });

  it('the Modelfile, the command and /api/create’s body', () => {
    const setting = { num_ctx: 8192, num_gpu: 20, num_thread: 6 };
    assert.equal(
      modelfileText('llama3.2:3b', setting),
      'FROM llama3.2:3b\nPARAMETER num_gpu 20\nPARAMETER num_thread 6\nPARAMETER num_ctx 8192\n',
    );
    assert.equal(createCommand('llama3.2:3b'), 'ollama create llama3.2:3b-tuned -f Modelfile');
    assert.deepEqual(createBody('llama3.2:3b', setting), {
      model: 'llama3.2:3b-tuned',
      from: 'llama3.2:3b',
      parameters: { num_gpu: 20, num_thread: 6, num_ctx: 8192 },
      stream: true,
    });
  });

  it('budgets read as durations', () => {
    assert.equal(parseBudget('10m'), 600_000);
    assert.equal(parseBudget('90s'), 90_000);
    assert.equal(parseBudget('1h'), 3_600_000);
    assert.equal(parseBudget('2'), 120_000);
    assert.throws(() => parseBudget('soon'), /--budget is a duration/);
  });
});
