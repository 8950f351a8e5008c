// One measured generation request: the request exactly as the methodology asks (temperature 0,
// fixed seed, explicit num_predict and num_ctx, the suite's think, a nonce before the prompt), streamed
// through the official client while a monotonic clock timestamps every chunk.
import { randomBytes } from 'node:crypto';
import type { GenerateRequest, Ollama } from 'ollama';
import type { ModelLoadOptions } from '../../shared/dto';
import type { StreamObservation } from './metrics';
import type { StreamTimeouts, SuiteRequestOptions } from './runOptions';

/** A short random id; each repetition's prompt starts with its own, so no prompt cache is hit. */
export const randomNonce = (): string => randomBytes(6).toString('hex');

export function generateRequest(
  model: string,
  prompt: string,
  nonce: string,
  suite: SuiteRequestOptions,
  keep_alive: string,
): GenerateRequest & { stream: true } {
  const options: Record<string, number> = {
    temperature: suite.temperature,
    seed: suite.seed,
    num_predict: suite.num_predict,
    num_ctx: suite.num_ctx,
  };
  if (suite.top_k !== undefined) options.top_k = suite.top_k;
  if (suite.top_p !== undefined) options.top_p = suite.top_p;
  Object.assign(options, loadOptionsOf(suite));
  return {
    model,
    prompt: `${nonce}\n\n${prompt}`,
    stream: true,
    // ollama-js 0.6 types think as boolean | 'high' | 'medium' | 'low'; Ollama also takes 'max'
    // (api/types.go ThinkValue), which the client passes through unchanged.
    think: suite.think as GenerateRequest['think'],
    keep_alive,
    options,
  };
}

/** The load options a request carries: only those set, so Ollama chooses the others. */
export function loadOptionsOf(o: ModelLoadOptions): Record<string, number> {
  const out: Record<string, number> = {};
  if (o.num_thread !== undefined) out.num_thread = o.num_thread;
  if (o.num_gpu !== undefined) out.num_gpu = o.num_gpu;
  if (o.num_batch !== undefined) out.num_batch = o.num_batch;
  return out;
}

export function abortError(): Error {
  return new DOMException('The benchmark was cancelled.', 'AbortError');
}

/** Ollama took a request and then went quiet: before its first chunk, or between two chunks. */
export class StallError extends Error {
  override readonly name = 'StallError';
  constructor(
    readonly phase: 'first-chunk' | 'between-chunks',
    readonly silentMs: number,
  ) {
    const seconds = silentMs < 10_000 ? (silentMs / 1000).toFixed(1) : Math.round(silentMs / 1000);
    super(
      phase === 'first-chunk'
        ? `Ollama accepted the request but sent nothing for ${seconds} s (first-token timeout; a cold load of a very large model may need a longer one).`
        : `Ollama stopped sending mid-stream: nothing for ${seconds} s (stall timeout).`,
    );
  }
}

/**
 * Rejects as soon as the signal aborts (with the signal's reason when that is a StallError, else
 * a cancellation); `onLate` receives a value that arrives after that.
 */
export function abortable<T>(
  pending: Promise<T>,
  signal: AbortSignal | undefined,
  onLate?: (value: T) => void,
): Promise<T> {
  if (!signal) return pending;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(signal.reason instanceof StallError ? signal.reason : abortError());
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

/** A client per request: its fetch is aborted by that request's own signal (see sessionClient.ts). */
export type ClientForRequest = (signal: AbortSignal) => Ollama;

/**
 * Sends one streamed request and observes it. t0 is taken BEFORE the call: ollama-js resolves a
 * streamed call only when the first chunk has arrived. Thinking chunks count as tokens (TTFT is
 * the first token of any kind).
 *
 * The request has its own AbortController, linked to the session's signal only while it runs (a
 * listener added and removed, never AbortSignal.any on the long-lived session signal), and
 * aborted by the stall timers. The stream is read to its natural end after the done chunk:
 * ollama-js forgets a stream (ongoingStreamedRequests) only when its iterator runs past `done`,
 * so leaving the loop at `done` kept every stream of a session in memory.
 */
export async function observeGeneration(
  clientFor: ClientForRequest | Ollama,
  request: GenerateRequest & { stream: true },
  clock: () => number,
  signal: AbortSignal | undefined,
  timeouts: StreamTimeouts,
): Promise<StreamObservation> {
  if (signal?.aborted) throw abortError();
  const own = new AbortController();
  const onSessionAbort = () => own.abort(abortError());
  signal?.addEventListener('abort', onSessionAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const arm = (phase: StallError['phase'], ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => own.abort(new StallError(phase, ms)), ms);
  };
  const client = typeof clientFor === 'function' ? clientFor(own.signal) : clientFor;
  const t0 = clock();
  arm('first-chunk', timeouts.firstChunkMs);
  try {
    const it = await abortable(client.generate(request), own.signal, (late) => late.abort());
    own.signal.addEventListener('abort', () => it.abort(), { once: true });
    const tokenTimes: number[] = [];
    const answerTimes: number[] = [];
    let thinkingChunks = 0;
    let output = '';
    let final: StreamObservation['final'] | undefined;
    let tEnd = 0;
    for await (const chunk of it) {
      const t = clock();
      arm('between-chunks', timeouts.stallMs);
      const text = chunk.response ?? '';
      const thinking = chunk.thinking ?? '';
      if (text || thinking) tokenTimes.push(t);
      if (text) answerTimes.push(t);
      if (thinking) thinkingChunks++;
      output += text;
      if (chunk.done) {
        tEnd = t;
        final = {
          total_duration: chunk.total_duration,
          load_duration: chunk.load_duration,
          prompt_eval_count: chunk.prompt_eval_count,
          prompt_eval_duration: chunk.prompt_eval_duration,
          // Newer servers only (ollama PR #17943); the client's type does not know it yet.
          prompt_eval_cached_count: (chunk as { prompt_eval_cached_count?: number })
            .prompt_eval_cached_count,
          eval_count: chunk.eval_count,
          eval_duration: chunk.eval_duration,
          done_reason: chunk.done_reason,
        };
      }
    }
    if (final) return { t0, tokenTimes, tEnd, output, final, answerTimes, thinkingChunks };
    // The client throws for a stream without `done`; reaching here means an aborted iterator.
    throw own.signal.aborted ? reasonOf(own.signal) : new Error('Stream ended without done.');
  } catch (err) {
    // An aborted fetch surfaces as the client's AbortError: say why it was aborted.
    if (own.signal.aborted) throw reasonOf(own.signal);
    throw err;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onSessionAbort);
  }
}

function reasonOf(signal: AbortSignal): Error {
  return signal.reason instanceof StallError ? signal.reason : abortError();
}
