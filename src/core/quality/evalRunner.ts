// Asks one model every chosen item of a set, greedily (temperature 0, a fixed seed, think off
// unless asked), scores each answer and reports each group of items (a category) as it ends. A
// cancelled eval keeps the items that finished: its evaluation says complete: false.
import type { GenerateRequest, GenerateResponse } from 'ollama';
import type { EvalOptions, ModelEvaluation } from '../../shared/evaluation';
import { answerPasses } from './answerMatch';
import type { EvalSet } from './evalItem';
import { evaluationKey } from './evalOptions';
import { scoreOutcomes, type ItemOutcome } from './evalScore';
import { selectItems } from './evalSelection';
import { walkItems } from './itemWalk';

/** The model as /api/tags lists it. */
export interface EvalModel {
  name: string;
  digest: string;
  family?: string;
  quantization_level?: string;
}

/** The slice of the `ollama` client an eval uses. */
export interface EvalClient {
  generate(request: GenerateRequest & { stream: false }): Promise<GenerateResponse>;
  abort(): void;
}

export interface GroupProgress {
  model: string;
  category: string;
  correct: number;
  total: number;
  /** Items done so far of the model's whole eval. */
  done: number;
  of: number;
}

export interface EvalRunDeps {
  client: EvalClient;
  signal?: AbortSignal;
  onGroup?: (progress: GroupProgress) => void;
  now?: () => Date;
}

/** The request for one item: the same for every model, so answers differ only by the model. */
export function itemRequest(
  model: string,
  prompt: string,
  o: EvalOptions,
): GenerateRequest & { stream: false } {
  return {
    model,
    prompt,
    stream: false,
    think: o.think,
    options: { temperature: 0, seed: o.seed, num_predict: o.num_predict },
  };
}

export async function evaluateModel(
  model: EvalModel,
  set: EvalSet,
  options: EvalOptions,
  deps: EvalRunDeps,
): Promise<ModelEvaluation> {
  const items = selectItems(set.items, options.limit);
  const outcomes: ItemOutcome[] = [];
  await walkItems(items, { model: model.name, ...deps }, async (item) => {
    const response = await deps.client.generate(itemRequest(model.name, item.prompt, options));
    const answer = response.response ?? '';
    const correct = answerPasses(item, answer);
    outcomes.push({
      item,
      answer,
      correct,
      evalCount: response.eval_count ?? 0,
      evalDurationNs: response.eval_duration ?? 0,
    });
    return correct;
  });
  const complete = outcomes.length === items.length;
  return {
    key: evaluationKey(model.digest, set.hash, options),
    model: model.name,
    model_digest: model.digest,
    ...(model.family !== undefined ? { family: model.family } : {}),
    ...(model.quantization_level !== undefined
      ? { quantization_level: model.quantization_level }
      : {}),
    set: { name: set.name, hash: set.hash, items: items.length },
    options,
    ...scoreOutcomes(outcomes),
    complete,
    evaluated_at: (deps.now?.() ?? new Date()).toISOString(),
  };
}
