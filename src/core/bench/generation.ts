// One measured generation request: the request exactly as the methodology asks (temperature 0,
// fixed seed, explicit num_predict and num_ctx, think:false, a nonce before the prompt), streamed
// through the official client while a monotonic clock timestamps every chunk.
import { randomBytes } from 'node:crypto';
import type { GenerateRequest, Ollama } from 'ollama';
import type { SuiteOptions } from '../../shared/dto';
import type { StreamObservation } from './metrics';

export interface SessionSettings {
  numCtx: number;
  seed: number;
  temperature: number;
  keepAlive: string;
}

/** A short random id; each repetition's prompt starts with its own, so no prompt cache is hit. */
export const randomNonce = (): string => randomBytes(6).toString('hex');

export function generateRequest(
  model: string,
  prompt: string,
  nonce: string,
  suite: SuiteOptions,
  session: SessionSettings,
): GenerateRequest & { stream: true } {
  const options: Record<string, number> = {
    temperature: suite.temperature ?? session.temperature,
    seed: suite.seed ?? session.seed,
    num_predict: suite.num_predict,
    num_ctx: suite.num_ctx ?? session.numCtx,
  };
  if (suite.top_k !== undefined) options.top_k = suite.top_k;
  if (suite.top_p !== undefined) options.top_p = suite.top_p;
  return {
    model,
    prompt: `${nonce}\n\n${prompt}`,
    stream: true,
    think: false,
    keep_alive: session.keepAlive,
    options,
  };
}

export function abortError(): Error {
  return new DOMException('The benchmark was cancelled.', 'AbortError');
}

/** Rejects as soon as the signal aborts; `onLate` receives a value that arrives after that. */
export function abortable<T>(
  pending: Promise<T>,
  signal: AbortSignal | undefined,
  onLate?: (value: T) => void,
): Promise<T> {
  if (!signal) return pending;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) onLate?.(v);
        else resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * Sends one streamed request and observes it. t0 is taken BEFORE the call: ollama-js resolves a
 * streamed call only when the first chunk has arrived. Thinking chunks count as tokens (TTFT is
 * the first token of any kind). Aborting the signal aborts the stream in flight (`it.abort()`).
 */
export async function observeGeneration(
  client: Ollama,
  request: GenerateRequest & { stream: true },
  clock: () => number,
  signal?: AbortSignal,
): Promise<StreamObservation> {
  if (signal?.aborted) throw abortError();
  const t0 = clock();
  const it = await abortable(client.generate(request), signal, (late) => late.abort());
  const onAbort = () => it.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const tokenTimes: number[] = [];
  let output = '';
  try {
    for await (const chunk of it) {
      const t = clock();
      const text = chunk.response ?? '';
      const thinking = chunk.thinking ?? '';
      if (text || thinking) tokenTimes.push(t);
      output += text;
      if (chunk.done) {
        return {
          t0,
          tokenTimes,
          tEnd: t,
          output,
          final: {
            total_duration: chunk.total_duration,
            load_duration: chunk.load_duration,
            prompt_eval_count: chunk.prompt_eval_count,
            prompt_eval_duration: chunk.prompt_eval_duration,
            eval_count: chunk.eval_count,
            eval_duration: chunk.eval_duration,
            done_reason: chunk.done_reason,
          },
        };
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  // The client throws for a stream without `done`; reaching here means an aborted iterator.
  if (signal?.aborted) throw abortError();
  throw new Error('Did not receive done or success response in stream.');
}
