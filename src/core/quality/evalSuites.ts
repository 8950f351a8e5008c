// Plans' eval suites: `eval:core` or `eval:FILE` in a plan's suites is one configuration per model
// that scores the model on that set instead of benchmarking it. Its result is a model evaluation,
// not a session; a configuration whose model digest and set were already evaluated (on any machine,
// with the same options) is completed without asking the model again.
import type { ConfigOptions } from '../../shared/plans';
import type { EvalSet } from './evalItem';
import { EVAL_SEED } from './evalOptions';
import { loadEvalSet } from './evalSetSource';

export const EVAL_SUITE_PREFIX = 'eval:';

export const isEvalSuite = (suite: string): boolean => suite.startsWith(EVAL_SUITE_PREFIX);

/** The set an eval suite names (`core` or a file path). */
export const evalSuiteSet = (suite: string): string => suite.slice(EVAL_SUITE_PREFIX.length);

/** The set of an eval suite, checked line by line (a bad one refuses the plan: exit 2). */
export function loadEvalSuite(suite: string): EvalSet {
  return loadEvalSet(evalSuiteSet(suite));
}

/**
 * An eval configuration's options: the num_ctx and keep_alive of the plan's first point (an eval
 * sends neither differently per point), one pass, the eval's seed.
 */
export function evalConfigOptions(numCtx: number, keepAlive: string): ConfigOptions {
  return { num_ctx: numCtx, repetitions: 1, seed: EVAL_SEED, keep_alive: keepAlive };
}
