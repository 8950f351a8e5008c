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
  const stop = () => deps.client.abort();
  deps.signal?.addEventListener('abort', stop);
  try {
    let group: { category: string; correct: number; total: number } | undefined;
    const report = () => {
      if (group && deps.onGroup)
        deps.onGroup({ model: model.name, ...group, done: outcomes.length, of: items.length });
    };
    for (const item of items) {
      if (group && group.category !== item.category) {
        report();
        group = undefined;
      }
      if (deps.signal?.aborted) break;
      group ??= { category: item.category, correct: 0, total: 0 };
      let response: GenerateResponse;
      try {
        response = await deps.client.generate(itemRequest(model.name, item.prompt, options));
      } catch (err) {
        if (deps.signal?.aborted) break;
        throw err;
      }
      const answer = response.response ?? '';
      const correct = answerPasses(item, answer);
      outcomes.push({
        item,
        answer,
        correct,
        evalCount: response.eval_count ?? 0,
        evalDurationNs: response.eval_duration ?? 0,
      });
      group.total++;
      if (correct) group.correct++;
    }
    report();
  } finally {
    deps.signal?.removeEventListener('abort', stop);
  }
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
