// A model's score on an eval set, as stored in `model_evaluations`, printed by `ollama-bench eval
// --json` and shown by the dashboard's Quality view. Quality does not depend on the machine, so
// an evaluation is keyed by what decides the answers: the model's digest, the set's content hash
// and the generation options (`key`).
import type { IsoDate } from './dto';

/** The generation options of an eval: greedy and seeded, so a rerun gives the same answers. */
export interface EvalOptions {
  temperature: 0;
  seed: number;
  /** Thinking on (only when asked; a thinking model is told think:false otherwise). */
  think: boolean;
  /** The most tokens an answer may take. */
  num_predict: number;
  /** Items taken from the set (spread over its categories); null = every item. */
  limit: number | null;
}

export interface EvalSetRef {
  name: string;
  /** sha256 of the set's bytes. */
  hash: string;
  /** Items asked (the set's size, or the limit). */
  items: number;
}

export interface CategoryScore {
  correct: number;
  total: number;
  accuracy: number;
}

export interface EvalFailure {
  id: string;
  expected: string;
  got: string;
}

export interface ModelEvaluation {
  _id?: string;
  /** sha256 of model digest, set hash and options: what makes two evaluations the same. */
  key: string;
  model: string;
  model_digest: string;
  family?: string;
  quantization_level?: string;
  set: EvalSetRef;
  options: EvalOptions;
  /** correct / total, 0–1. */
  accuracy: number;
  /** Wilson 95 % interval of the accuracy. */
  ci95: [number, number];
  correct: number;
  total: number;
  by_category: Record<string, CategoryScore>;
  failures: EvalFailure[];
  /** Generated tokens over generation time, over every answer of the eval. */
  tokens_per_second: number | null;
  /** False when the eval was cancelled: the scores count the items that finished. */
  complete: boolean;
  evaluated_at: IsoDate;
}
