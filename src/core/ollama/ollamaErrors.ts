// Names what went wrong talking to Ollama in words a user can act on. ollama-js throws a
// `ResponseError` (not exported) for HTTP errors, a plain Error for a mid-stream {"error"} line,
// and fetch's TypeError with a `cause.code` when nothing answers (or a cause "bad port" when fetch
// refused the port without trying). Suggested commands quote the model name for the shell.
import { pullCommand } from './commandHints';
import { blockedPortProblem } from './fetchBlockedPorts';

export type OllamaProblemKind =
  | 'not-running'
  | 'wrong-address'
  | 'timeout'
  | 'model-not-found'
  | 'busy'
  | 'server-error'
  | 'bad-request'
  | 'bad-response'
  | 'stream-cut'
  | 'aborted';

export class OllamaError extends Error {
  override readonly name = 'OllamaError';
  constructor(
    readonly kind: OllamaProblemKind,
    message: string,
    readonly host: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  /** Worth another try after a pause (busy server). */
  get retryable(): boolean {
    return this.kind === 'busy';
  }
}

const causeCode = (err: unknown): string | undefined => {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
};

/** undici's TypeError("fetch failed") for a WHATWG bad port has cause Error("bad port"), no code. */
const isBadPort = (err: unknown): boolean => {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if ((e as { message?: unknown }).message === 'bad port') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
};

/** Turns anything thrown by the client (or fetch) into an OllamaError naming the host. */
export function toOllamaError(err: unknown, host: string, model?: string): OllamaError {
  if (err instanceof OllamaError) return err;
  const e = err as { name?: string; message?: string; status_code?: number; error?: string };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const make = (kind: OllamaProblemKind, text: string, status?: number) =>
    new OllamaError(kind, text, host, status, { cause: err });

  if (e?.name === 'AbortError')
    return make('aborted', `Request to Ollama at ${host} was cancelled.`);
  if (e?.name === 'TimeoutError') {
    return make(
      'timeout',
      `Ollama at ${host} did not answer in time; is it overloaded or the address wrong?`,
    );
  }
  if (e?.name === 'ResponseError' && typeof e.status_code === 'number') {
    const status = e.status_code;
    // "404 page not found" is Go's router (a wrong path or not Ollama), not a missing model.
    if (status === 404 && /not found/i.test(message) && !/page not found/i.test(message)) {
      // Greedy: the name is whatever sits between "model '" and "' not found", quotes included.
      const name = /model '([\s\S]+)' not found/.exec(message)?.[1] ?? model ?? 'unknown';
      return make(
        'model-not-found',
        `model '${name}' not found at ${host} (pull it with \`${pullCommand(name)}\`).`,
        status,
      );
    }
    if (status === 503) return make('busy', `Ollama at ${host} is busy (503: ${message}).`, status);
    if (status >= 500)
      return make('server-error', `Ollama at ${host} failed (${status}: ${message}).`, status);
    if (status === 404) {
      return make(
        'wrong-address',
        `${host} answered 404 for an Ollama API call: is this Ollama's address?`,
        status,
      );
    }
    return make(
      'bad-request',
      `Ollama at ${host} rejected the request (${status}: ${message}).`,
      status,
    );
  }
  if (isBadPort(err)) {
    return make(
      'wrong-address',
      `Cannot reach Ollama at ${host}: ${blockedPortProblem(host) ?? "Node's fetch refuses its port (a WHATWG 'bad port'); run Ollama on another port, e.g. OLLAMA_HOST=127.0.0.1:11434"}.`,
    );
  }
  const code = causeCode(err);
  switch (code) {
    case 'ECONNREFUSED':
      return make(
        'not-running',
        `Ollama is not running at ${host} (connection refused). Start it with \`ollama serve\`, or set the right host.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return make('wrong-address', `Cannot resolve the Ollama host ${host}: check the address.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return make('wrong-address', `Ollama host ${host} is unreachable: check the address.`);
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return make(
        'stream-cut',
        `The connection to Ollama at ${host} was cut (did Ollama stop or crash?).`,
      );
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return make('timeout', `Ollama at ${host} stopped answering (timeout).`);
  }
  if (/Did not receive done or success response in stream/.test(message)) {
    return make(
      'stream-cut',
      `Ollama at ${host} ended the stream without finishing (did it stop or crash?).`,
    );
  }
  if (e instanceof SyntaxError || /JSON/.test(message)) {
    return make(
      'bad-response',
      `${host} did not answer like Ollama (malformed JSON): is this Ollama's address?`,
    );
  }
  if (e?.name === 'Error' || e instanceof Error) {
    // A mid-stream {"error": …} line surfaces as a plain Error with Ollama's message.
    return make('server-error', `Ollama at ${host} reported an error: ${message}`);
  }
  return make('server-error', `Ollama at ${host}: ${message}`);
}
