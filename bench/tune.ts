// How well `tune` searches: on the Ollama stand-in whose speed depends on the options (a known
// optimum, a spill cliff past the layers the GPU holds; test/fixtures/standIn/optionSpeed.ts), the
// tune runs with the real runner and store for a few machines and seeds. For each it prints the
// share of the full grid's optimum speed that its winner reaches (the stand-in's exact speed of
// the winning options, not the noisy measurement) and the share of the full grid's trials it ran.
// Goal: ≥ 95 % of the speed with ≤ 30 % of the trials. The last line is the smallest share of
// speed. Wall times on a shared machine are noisy; the shares are not (the noise is seeded).
//
//   npm run bench:tune
import { Ollama } from 'ollama';
import { runSession } from '../src/core/bench/runner';
import { BUILTIN_SUITES } from '../src/core/bench/suites';
import { geometryFromShow } from '../src/core/fit/modelGeometry';
import { modelBytes, searchSpace } from '../src/core/tune/searchSpace';
import { startBudget } from '../src/core/tune/tuneBudget';
import { runTune } from '../src/core/tune/tuneRun';
import { trialRunner } from '../src/core/tune/trialSession';
import { openTempStore } from '../test/fixtures/tempStore';
import {
  gridOptimum,
  startTuneStandIn,
  trueSpeed,
  TUNE_MAX_THREADS,
  TUNE_MODEL,
  TUNE_SPEED_MODEL,
  TUNE_VRAM_BYTES,
} from '../test/fixtures/tuneStandIn';

/** Machines: the GPU's memory and Ollama's own layer choice there. */
const MACHINES = [
  { vramBytes: TUNE_VRAM_BYTES, defaultLayers: 17 },
  { vramBytes: 1_200_000_000, defaultLayers: 10 },
  { vramBytes: 2_400_000_000, defaultLayers: 24 },
];
const SEEDS = [1, 2, 3];

async function once(machine: (typeof MACHINES)[number], seed: number) {
  const speedModel = {
    ...TUNE_SPEED_MODEL,
    vramBytes: machine.vramBytes,
    defaults: { ...TUNE_SPEED_MODEL.defaults, num_gpu: machine.defaultLayers },
  };
  const standIn = await startTuneStandIn({ speedModel, jitterSeed: seed });
  const temp = await openTempStore();
  try {
    const geometry = geometryFromShow(
      TUNE_MODEL,
      await new Ollama({ host: standIn.url }).show({ model: TUNE_MODEL }),
    );
    const numCtx = 4096;
    const space = searchSpace({
      model: TUNE_MODEL,
      geometry,
      numCtx,
      vramBytes: machine.vramBytes,
      maxThreads: TUNE_MAX_THREADS,
      usesBatch: false,
    });
    const suite = BUILTIN_SUITES.find((s) => s.name === 'A');
    if (!suite) throw new Error('suite A is missing');
    const t0 = performance.now();
    const outcome = await runTune(
      {
        goal: 'decode',
        space,
        numCtx,
        numCtxFixed: true,
        bytes: modelBytes({ model: TUNE_MODEL, geometry }),
        vramBytes: machine.vramBytes,
        repetitions: 2,
      },
      {
        runTrial: trialRunner({
          model: TUNE_MODEL,
          goal: 'decode',
          suite,
          tuneId: `bench-${seed}`,
          numPredict: 16,
          runSession,
          store: temp.store.runWrites,
          host: standIn.url,
        }),
        budget: startBudget(10 * 60_000),
      },
    );
    const winner = outcome.best?.setting ?? { num_ctx: numCtx };
    const speedShare =
      trueSpeed(winner, speedModel) / gridOptimum(TUNE_MAX_THREADS, numCtx, speedModel);
    return {
      speedShare,
      trialShare: outcome.trials.length / outcome.gridSize,
      trials: outcome.trials.length,
      grid: outcome.gridSize,
      wallS: (performance.now() - t0) / 1000,
      winner,
    };
  } finally {
    await temp.remove();
    await standIn.close();
  }
}

async function main(): Promise<void> {
  let worstSpeed = Infinity;
  let worstTrials = 0;
  for (const machine of MACHINES)
    for (const seed of SEEDS) {
      const r = await once(machine, seed);
      worstSpeed = Math.min(worstSpeed, r.speedShare);
      worstTrials = Math.max(worstTrials, r.trialShare);
      console.log(
        `VRAM ${(machine.vramBytes / 1e9).toFixed(1)} GB, seed ${seed}: num_gpu ${r.winner.num_gpu ?? '-'} num_thread ${r.winner.num_thread ?? '-'}; ${(r.speedShare * 100).toFixed(1)} % of the optimum's speed, ${r.trials} of ${r.grid} trials (${(r.trialShare * 100).toFixed(1)} %), ${r.wallS.toFixed(1)} s`,
      );
    }
  console.log(`most of the grid's trials used: ${(worstTrials * 100).toFixed(1)} % (goal ≤ 30 %)`);
  console.log(
    `share of the optimum's speed found (lowest): ${(worstSpeed * 100).toFixed(1)} % (goal ≥ 95 %)`,
  );
  if (worstSpeed < 0.95 || worstTrials > 0.3) process.exitCode = 1;
}

void main();
