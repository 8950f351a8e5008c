// `ollama-bench drift`: the same greedy requests to a reference model and a candidate (another
// quantization of it), with log-probabilities, compared token by token (driftMaths.ts). Refused
// before the comparison when the two are of different families, or when the server returns no
// log-probabilities (an Ollama from before it reported them ignores the request's field).
import type { GenerateRequest, GenerateResponse, Logprob, ShowResponse } from 'ollama';
import type { EvalOptions, EvalSetRef } from '../../shared/evaluation';
import { InputError } from '../failures/inputError';
import {
  compareOutputs,
  summariseDrift,
  TOP_K,
  type DriftSummary,
  type ItemDrift,
  type TokenChoice,
} from './driftMaths';
import type { EvalSet } from './evalItem';
import { itemRequest, type EvalClient, type EvalModel, type GroupProgress } from './evalRunner';
import { selectItems } from './evalSelection';
import { walkItems } from './itemWalk';

export interface DriftClient extends EvalClient {
  show(request: { model: string }): Promise<ShowResponse>;
}

export interface DriftReport extends DriftSummary {
  reference: string;
  candidate: string;
  set: EvalSetRef;
  /** False when the comparison was cancelled: the figures count the items compared. */
  complete: boolean;
}

export const DEFAULT_DRIFT_LIMIT = 50;

const choices = (logprobs: readonly Logprob[] | undefined): TokenChoice[] =>
  (logprobs ?? []).map((l) => ({
    token: l.token,
    top: (l.top_logprobs ?? []).map((t) => t.token),
  }));

function withLogprobs(request: GenerateRequest & { stream: false }) {
  return { ...request, logprobs: true, top_logprobs: TOP_K };
}

/** Refuses two models of different families (drift compares quantizations of one model). */
async function checkFamilies(client: DriftClient, reference: EvalModel, candidate: EvalModel) {
  const family = async (m: EvalModel) =>
    (await client.show({ model: m.name })).details?.family || m.family || 'unknown';
  const [a, b] = await Promise.all([family(reference), family(candidate)]);
  if (a !== b)
    throw new InputError(
      `drift compares quantizations of one model: ${reference.name} is of family ${a}, ${candidate.name} of family ${b}`,
    );
}

function noLogprobs(response: GenerateResponse): boolean {
  return !response.logprobs?.length && (response.eval_count ?? 0) > 0;
}

export async function compareDrift(
  reference: EvalModel,
  candidate: EvalModel,
  set: EvalSet,
  options: EvalOptions,
  deps: {
    client: DriftClient;
    host: string;
    signal?: AbortSignal;
    onGroup?: (p: GroupProgress) => void;
  },
): Promise<DriftReport> {
  await checkFamilies(deps.client, reference, candidate);
  const items = selectItems(set.items, options.limit);
  const drifts: ItemDrift[] = [];
  // A group's "correct" count: items answered token for token as the reference.
  await walkItems(items, { model: candidate.name, ...deps }, async (item) => {
    const ref = await deps.client.generate(
      withLogprobs(itemRequest(reference.name, item.prompt, options)),
    );
    if (noLogprobs(ref))
      throw new InputError(
        `Ollama at ${deps.host} returned no logprobs: drift needs an Ollama that reports them (upgrade Ollama)`,
      );
    const cand = await deps.client.generate(
      withLogprobs(itemRequest(candidate.name, item.prompt, options)),
    );
    const d = compareOutputs(choices(ref.logprobs), choices(cand.logprobs));
    drifts.push(d);
    return d.identical;
  });
  return {
    reference: reference.name,
    candidate: candidate.name,
    set: { name: set.name, hash: set.hash, items: items.length },
    ...summariseDrift(drifts),
    complete: drifts.length === items.length,
  };
}
