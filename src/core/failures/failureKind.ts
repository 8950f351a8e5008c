// What kind of failure an error is, said by core and read by each front end: the CLI turns it
// into an exit code (src/cli/exitCodes.ts), so core never knows the CLI's numbers. Read by
// property, not instanceof: the extension loads parts of core as bundles of their own, each with
// its own copy of every error class.

/**
 * - `input`: something a user typed or wrote (an option, a setting, a file, a name) is wrong and
 *   can be fixed there;
 * - `unreachable`: a service (Ollama, MongoDB) did not answer or cannot be reached from here;
 * - `failed`: anything else.
 */
export type FailureKind = 'input' | 'unreachable' | 'failed';

/** An error that says its kind. */
export interface KindedError extends Error {
  readonly kind: FailureKind;
}

const OLLAMA_UNREACHABLE = new Set(['not-running', 'wrong-address', 'timeout']);

export function failureKindOf(err: unknown): FailureKind {
  if (!(err instanceof Error)) return 'failed';
  const kind = (err as { kind?: unknown }).kind;
  if (kind === 'input' || kind === 'unreachable') return kind;
  // Ollama's and MongoDB's errors carry their own, finer classification.
  if (err.name === 'OllamaError' && typeof kind === 'string' && OLLAMA_UNREACHABLE.has(kind))
    return 'unreachable';
  if (err.name === 'MongoConnectionError') return 'unreachable';
  return 'failed';
}
