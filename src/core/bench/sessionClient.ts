// The Ollama clients a session uses. Each request gets a client of its own whose fetch is aborted
// by that request's signal (cancel, or a stall timer): one undici Agent per session keeps the
// connections pooled, and nothing per-request hangs off the long-lived session signal (an
// AbortSignal.any per request on it kept every request's objects alive for the whole session).
import { Ollama } from 'ollama';
import { createOllamaFetch, type OllamaClientOptions } from '../ollama/ollamaClient';
import { abortable, abortError, StallError, type ClientForRequest } from './generation';

/** Response headers of a cold load can take many minutes (Node's fetch alone gives up at 300 s). */
export const STREAM_HEADERS_TIMEOUT_MS = 30 * 60_000;

export interface SessionClients {
  forRequest: ClientForRequest;
  /** For the unloads after a cancel: the session's signal must not abort them. */
  cleanupClient: Ollama;
}

export function sessionClients(
  host: string,
  options: OllamaClientOptions | undefined,
): SessionClients {
  const fetchOptions = { headersTimeoutMs: STREAM_HEADERS_TIMEOUT_MS, ...options };
  const base = createOllamaFetch(fetchOptions);
  return {
    forRequest: (signal) =>
      new Ollama({
        host,
        fetch: (input, init) =>
          base(input, {
            ...init,
            // Both signals live only as long as this one request.
            signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
          }),
      }),
    cleanupClient: new Ollama({
      host,
      fetch: createOllamaFetch({ ...fetchOptions, requestTimeoutMs: 10_000 }),
    }),
  };
}

/**
 * One non-streamed request (a load, /api/ps…) with its own signal: the session's cancel and a
 * deadline (a cold load of a huge model included) both abort the HTTP request itself.
 */
export async function boundedRequest<T>(
  clientFor: ClientForRequest,
  call: (client: Ollama) => Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (signal?.aborted) throw abortError();
  const own = new AbortController();
  const onSessionAbort = () => own.abort(abortError());
  signal?.addEventListener('abort', onSessionAbort, { once: true });
  const timer = setTimeout(() => own.abort(new StallError('first-chunk', timeoutMs)), timeoutMs);
  try {
    return await abortable(call(clientFor(own.signal)), own.signal);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onSessionAbort);
  }
}
