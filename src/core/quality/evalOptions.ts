// The one home of an eval's generation defaults, and the key that makes two evaluations the
// same: model digest, set hash and these options.
import { createHash } from 'node:crypto';
import type { EvalOptions } from '../../shared/evaluation';

export const EVAL_SEED = 42;
export const EVAL_NUM_PREDICT = 256;

export interface EvalOptionsInput {
  think?: boolean;
  limit?: number;
}

export function resolveEvalOptions(input: EvalOptionsInput = {}): EvalOptions {
  return {
    temperature: 0,
    seed: EVAL_SEED,
    think: input.think ?? false,
    num_predict: EVAL_NUM_PREDICT,
    limit: input.limit ?? null,
  };
}

/** sha256 of the canonical JSON of digest, set hash and options (keys in a fixed order). */
export function evaluationKey(modelDigest: string, setHash: string, o: EvalOptions): string {
  const canonical = JSON.stringify([
    modelDigest,
    setHash,
    o.temperature,
    o.seed,
    o.think,
    o.num_predict,
    o.limit,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
