// The official `ollama` client, built with a fetch that suits benchmarking: Node's fetch gives up
// after 300 s without response headers, and a cold load of a large model can take longer.
// Error bodies that are not JSON are rewrapped as Ollama's {"error"} (jsonErrorBodies.ts).
import { Ollama } from 'ollama';
import { Agent, fetch as undiciFetch } from 'undici';
import { withJsonError } from './jsonErrorBodies';

export interface OllamaClientOptions {
  /** Milliseconds to wait for response headers (a cold load happens before them). Default 30 min. */
  headersTimeoutMs?: number;
  /** Milliseconds between two body chunks before the stream counts as dead. Default 10 min. */
  bodyTimeoutMs?: number;
  /** Overall deadline per request (discovery calls); unset for streams. */
  requestTimeoutMs?: number;
  /**
   * Aborts every request of this client, in flight or still to come, once it fires. The official
   * client's abort() reaches only streamed requests; a non-streamed one (an eval item) needs this
   * to stop at once rather than when Ollama answers.
   */
  signal?: AbortSignal;
  /** A fetch to use instead of undici's (tests). */
  fetch?: typeof fetch;
}

/** One signal for all that are given (undefined: none). */
function eitherSignal(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const given = signals.filter((s): s is AbortSignal => !!s);
  return given.length > 1 ? AbortSignal.any(given) : given[0];
}

export function createOllamaFetch(options: OllamaClientOptions = {}): typeof fetch {
  if (options.fetch) {
    const given = options.fetch;
    return (input, init) => {
      const signal = eitherSignal([init?.signal ?? undefined, options.signal]);
      return given(input, { ...init, ...(signal ? { signal } : {}) }).then(withJsonError);
    };
  }
  const dispatcher = new Agent({
    headersTimeout: options.headersTimeoutMs ?? 30 * 60_000,
    bodyTimeout: options.bodyTimeoutMs ?? 10 * 60_000,
    keepAliveTimeout: 10_000,
  });
  const deadline = options.requestTimeoutMs;
  const ollamaFetch = (input: string | URL | Request, init?: RequestInit) => {
    const signal = eitherSignal([
      init?.signal ?? undefined,
      options.signal,
      deadline ? AbortSignal.timeout(deadline) : undefined,
    ]);
    // undici's fetch and the global one share the WHATWG shapes; the casts bridge their typings.
    return (
      undiciFetch(input as Parameters<typeof undiciFetch>[0], {
        ...(init as Parameters<typeof undiciFetch>[1]),
        dispatcher,
        ...(signal ? { signal } : {}),
      }) as unknown as Promise<Response>
    ).then(withJsonError);
  };
  return ollamaFetch;
}

export function createOllamaClient(host: string, options: OllamaClientOptions = {}): Ollama {
  return new Ollama({ host, fetch: createOllamaFetch(options) });
}
