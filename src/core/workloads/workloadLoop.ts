// The workload kinds' measured part, picked by the suite's kind: a depth sweep, a shared prefix or
// arrival rates. Returns false for the other kinds (repetitionLoop.ts runs those).
import type { RepetitionLoopDeps } from '../bench/repetitionLoop';
import type { RunSuite } from '../bench/runOptions';
import type { TestProgress } from '../bench/testResult';
import { runDepthSweep } from './depthLoop';
import { runSharedPrefix } from './prefixLoop';
import { runRateLevels } from './rateLoop';

export async function runWorkload(
  suite: RunSuite,
  repetitions: number,
  progress: TestProgress,
  deps: RepetitionLoopDeps,
): Promise<boolean> {
  if (suite.kind === 'depth') await runDepthSweep(suite, repetitions, progress, deps);
  else if (suite.kind === 'prefix') await runSharedPrefix(suite, repetitions, progress, deps);
  else if (suite.kind === 'rate') await runRateLevels(suite, progress, deps);
  else return false;
  return true;
}
