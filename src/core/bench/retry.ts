// A busy Ollama (503: its queue is full) is worth another try after a pause; every other error is
// final. Delays grow so a loaded server gets room, and are injectable so tests stay fast.
import { OllamaError, toOllamaError } from '../ollama/ollamaErrors';
import { abortError } from './generation';

export const DEFAULT_RETRY_DELAYS_MS = [1000, 3000, 9000];

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export interface RetryOptions {
  host: string;
  model?: string;
  delaysMs?: readonly number[];
  sleep?: Sleep;
  signal?: AbortSignal;
  onRetry?: (error: OllamaError, delayMs: number, attempt: number) => void;
}

/** Runs fn, retrying while Ollama answers busy; throws an OllamaError naming the host. */
export async function withBusyRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const delays = options.delaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const wait = options.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const error = toOllamaError(err, options.host, options.model);
      const delay = delays[attempt];
      if (!error.retryable || delay === undefined || options.signal?.aborted) {
        if (error.retryable && delay === undefined) {
          throw new OllamaError(
            error.kind,
            `${error.message} Gave up after ${attempt + 1} attempts.`,
            error.host,
            error.status,
            { cause: err },
          );
        }
        throw error;
      }
      options.onRetry?.(error, delay, attempt + 1);
      await wait(delay, options.signal);
    }
  }
}
