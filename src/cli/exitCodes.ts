// The CLI's exit codes, decided here and nowhere else: core errors say what kind of failure they
// are (src/core/failures/failureKind.ts) and this maps the kind to a number.
import { failureKindOf, type FailureKind } from '../core/failures/failureKind';

export const EXIT_CODES = {
  ok: 0,
  /** A test errored, Ollama or the store failed, a check found damage: anything not below. */
  failed: 1,
  /** Bad input: an option, a name or a file the user can fix. Nothing was changed. */
  usage: 2,
  /** `run`: results wait in a journal because the store refused them. */
  journaled: 3,
} as const;

const BY_KIND: Record<FailureKind, number> = {
  input: EXIT_CODES.usage,
  unreachable: EXIT_CODES.failed,
  failed: EXIT_CODES.failed,
};

/** The exit code of a command that ended with this error. */
export function exitCodeFor(err: unknown): number {
  return BY_KIND[failureKindOf(err)];
}
