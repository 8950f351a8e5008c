// One measured /api/embed request. Ollama answers it whole (not streamed) with embeddings,
// total_duration, load_duration and prompt_eval_count, and no prompt_eval_duration
// (api/types.go EmbedResponse), so the rate is the client's: tokens over the request's wall
// time on a monotonic clock, t0 taken before the call.
import type { EmbedRequest } from 'ollama';
import type { ClientForRequest } from './generation';
import type { StreamTimeouts } from './runOptions';
import { boundedRequest } from './sessionClient';

/** What the client saw of one /api/embed request (ms on the monotonic clock; counters in ns). */
export interface EmbedObservation {
  t0: number;
  tEnd: number;
  inputs: number;
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
}

export function embedRequest(
  model: string,
  inputs: string[],
  keep_alive: string,
  num_ctx: number,
): EmbedRequest {
  return { model, input: inputs, keep_alive, options: { num_ctx } };
}

/** Sends the request; the first-token timeout bounds it whole (a cold load included). */
export async function observeEmbed(
  clientFor: ClientForRequest,
  request: EmbedRequest,
  clock: () => number,
  signal: AbortSignal | undefined,
  timeouts: StreamTimeouts,
): Promise<EmbedObservation> {
  const t0 = clock();
  const answer = await boundedRequest(
    clientFor,
    (c) => c.embed(request),
    timeouts.firstChunkMs,
    signal,
  );
  const tEnd = clock();
  const inputs = Array.isArray(request.input) ? request.input.length : 1;
  return {
    t0,
    tEnd,
    inputs,
    total_duration: answer.total_duration,
    load_duration: answer.load_duration,
    prompt_eval_count: answer.prompt_eval_count,
  };
}
