// What a CI target saves: on the Ollama stand-in with known noise (every token gap ±25 %, uniform;
// the stand-in reports the durations it drew, so the noise is in the figures themselves), each
// trial runs suite A once with `--target-ci 2` (repeat until the 95 % CI of tokens/s is within
// ±2 % of its mean, at least 3, at most 20) and once with a fixed 10 repetitions. Prints the
// median repetitions and the median wall time of the test (its start to its end, warm-up and
// cold load left out) for both; the last line is the ratio of the two median times
// (adaptive / fixed; below 1 is time saved). Timings on a shared machine are noisy.
//
//   npm run bench:adaptive [-- --trials 7 --jitter 0.25 --tokens 64 --tps 500]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSession } from '../src/core/bench/runner';
import { resolveRunOptions, type RunOptionsInput } from '../src/core/bench/runOptions';
import { median } from '../src/core/bench/stats';
import { BUILTIN_SUITES, withNumPredict } from '../src/core/bench/suites';
import { openEmbeddedStore } from '../src/core/repositories/openStore';
import type { SessionTest } from '../src/shared/dto';
import { startOllamaStandIn } from '../test/fixtures/ollamaStandIn';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const trials = arg('trials', 7);
const jitter = arg('jitter', 0.25);
const tokens = arg('tokens', 64);
const tps = arg('tps', 500);
const TARGET_CI = 2;
const FIXED = 10;

interface Trial {
  repetitions: number;
  wallMs: number;
  reached?: boolean;
}

async function main(): Promise<void> {
  const standIn = await startOllamaStandIn({ tokensPerSecond: tps, jitter, loadMs: 5 });
  const folder = mkdtempSync(join(tmpdir(), 'ob-bench-adaptive-'));
  const store = await openEmbeddedStore(folder);
  const suite = withNumPredict([BUILTIN_SUITES[0]!], tokens);
  const once = async (input: RunOptionsInput, repetitions: number): Promise<Trial> => {
    const session = await runSession(
      { models: ['llama3.2:3b'], suites: suite, repetitions, options: resolveRunOptions(input) },
      { store: store.runWrites, host: standIn.url },
    );
    const test: SessionTest | undefined = session.models[0]?.tests[0];
    if (!test?.start_time || !test.end_time || test.status !== 'completed')
      throw new Error(`the test did not complete: ${test?.error ?? session.error ?? 'no test'}`);
    return {
      repetitions: test.metrics.repetitions_run ?? repetitions,
      wallMs: Date.parse(test.end_time) - Date.parse(test.start_time),
      reached: test.metrics.target_ci_reached,
    };
  };
  try {
    const cv = (jitter / Math.sqrt(3) / Math.sqrt(tokens)) * 100;
    console.log(
      `noise: every token gap ±${jitter * 100} % (uniform), ${tokens} tokens at ${tps} tok/s: tokens/s varies by about ${cv.toFixed(1)} % (CV) per repetition; ${trials} trials`,
    );
    const adaptive: Trial[] = [];
    const fixed: Trial[] = [];
    for (let t = 0; t < trials; t++) {
      adaptive.push(await once({ target_ci_percent: TARGET_CI }, FIXED));
      fixed.push(await once({}, FIXED));
    }
    const med = (xs: Trial[], pick: (t: Trial) => number) => median(xs.map(pick));
    const adaptiveMs = med(adaptive, (t) => t.wallMs);
    const fixedMs = med(fixed, (t) => t.wallMs);
    const reached = adaptive.filter((t) => t.reached).length;
    console.log(
      `--target-ci ${TARGET_CI}: median ${med(adaptive, (t) => t.repetitions)} repetitions, median wall time ${adaptiveMs.toFixed(0)} ms (target reached in ${reached} of ${trials})`,
    );
    console.log(
      `--repetitions ${FIXED}: median ${med(fixed, (t) => t.repetitions)} repetitions, median wall time ${fixedMs.toFixed(0)} ms`,
    );
    console.log(`time ratio (target-ci / fixed ${FIXED}): ${(adaptiveMs / fixedMs).toFixed(2)}`);
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
    await standIn.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
