// The fit advisor's prediction kept beside what Ollama reported: a run stores the estimate made
// before the load (SessionModel.fit) and /api/ps's size and size_vram after it, and the detail
// shows how far apart they are.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runSession } from '../../src/core/bench/runner';
import { resolveRunOptions } from '../../src/core/bench/runOptions';
import { BUILTIN_SUITES, withNumPredict } from '../../src/core/bench/suites';
import { fitPredictor } from '../../src/core/fit/modelFits';
import { fitAccuracy, fitAccuracyText } from '../../src/shared/fitAccuracy';
import { DEFAULT_MODELS, startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';
import { openTempStore, type TempStore } from '../fixtures/tempStore';

describe('prediction beside /api/ps', () => {
  let standIn: StandIn;
  let temp: TempStore;
  before(async () => {
    standIn = await startOllamaStandIn({ models: DEFAULT_MODELS, loadMs: 5, jitter: 0 });
    temp = await openTempStore();
  });
  after(async () => {
    await standIn.close();
    await temp.remove();
  });

  it('stores the estimate and what Ollama loaded, and says how far apart they are', async () => {
    const session = await runSession(
      {
        models: ['mistral:7b-instruct-q8_0'],
        suites: [withNumPredict([BUILTIN_SUITES[0]!], 4)[0]!],
        repetitions: 1,
        options: resolveRunOptions({ num_ctx: 4096 }),
      },
      {
        store: temp.store.runWrites,
        host: standIn.url,
        predictFit: fitPredictor(
          standIn.url,
          async () => ({ vramBytes: 4e9, ramBytes: 64e9 }),
          'f16',
        ),
      },
    );
    const stored = (await temp.store.sessions.getSession(session._id!))!;
    const m = stored.models[0]!;
    // 7 248 023 552 × 8.5 / 8 × 1.2 + 2 × 32 × 8 × 128 × 4096 × 2 = 9 241 230 029 + 536 870 912.
    assert.deepEqual(m.fit, {
      num_ctx: 4096,
      total_bytes: 9_778_100_941,
      gpu_share: 4e9 / 9_778_100_941,
      verdict: 'partial',
      vram_bytes: 4e9,
    });
    // The stand-in, as Ollama, reports the file plus its f16 KV cache, 40 % of it in VRAM.
    const loaded = 7_695_857_680 + 536_870_912;
    assert.equal(m.loaded_size, loaded);
    assert.equal(m.loaded_size_vram, Math.round(loaded * 0.4));
    const a = fitAccuracy(m)!;
    assert.ok(Math.abs(a.error - (9_778_100_941 - loaded) / loaded) < 1e-12);
    assert.equal(
      fitAccuracyText(m),
      'Fit advisor: predicted ≈ 9.8 GB at num_ctx 4096, 41 % on the GPU; Ollama loaded 8.2 GB, 40 % in VRAM (estimate +19 %)',
    );
  });

  it('a failing estimate never stops the run', async () => {
    const session = await runSession(
      {
        models: ['llama3.2:3b'],
        suites: [withNumPredict([BUILTIN_SUITES[0]!], 4)[0]!],
        repetitions: 1,
      },
      {
        store: temp.store.runWrites,
        host: standIn.url,
        predictFit: async () => Promise.reject(new Error('no')),
      },
    );
    assert.equal(session.status, 'completed');
    assert.equal(session.models[0]!.fit, undefined);
  });
});
