// The Ollama clients a session uses: one whose every request is tied to the session's signal
// (cancel aborts the stream in flight) and one for the clean-up after a cancel, which the signal
// must not abort.
import { Ollama } from 'ollama';
import { createOllamaFetch, type OllamaClientOptions } from '../ollama/ollamaClient';

/** Response headers of a cold load can take many minutes (Node's fetch alone gives up at 300 s). */
export const STREAM_HEADERS_TIMEOUT_MS = 30 * 60_000;

export function sessionClients(
  host: string,
  options: OllamaClientOptions | undefined,
  signal: AbortSignal | undefined,
): { client: Ollama; cleanupClient: Ollama } {
  const fetchOptions = { headersTimeoutMs: STREAM_HEADERS_TIMEOUT_MS, ...options };
  const base = createOllamaFetch(fetchOptions);
  const fetchWithSignal: typeof fetch = (input, init) => {
    const signals = [init?.signal, signal].filter((s): s is AbortSignal => !!s);
    const combined = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    return base(input, { ...init, ...(combined ? { signal: combined } : {}) });
  };
  return {
    client: new Ollama({ host, fetch: fetchWithSignal }),
    cleanupClient: new Ollama({
      host,
      fetch: createOllamaFetch({ ...fetchOptions, requestTimeoutMs: 10_000 }),
    }),
  };
}
