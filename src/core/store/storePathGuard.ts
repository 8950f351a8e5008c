// A store path under /proc or /sys (kernelPathGuard.ts) is refused up front, with the ways to
// choose another.
import { InputError } from '../failures/inputError';
import { kernelPathMessage, kernelPathOf } from '../paths/kernelPathGuard';

/** A store location that can never work: bad input. */
export class StorePathError extends InputError {
  override readonly name = 'StorePathError';
}

/**
 * By name, not instanceof: the extension loads the store layer as a bundle of its own, with its own
 * copy of this class, so an error thrown there is not an instance of the host's StorePathError.
 */
export function isStorePathError(err: unknown): err is StorePathError {
  return err instanceof Error && err.name === 'StorePathError';
}

/** Throws StorePathError when an absolute folder path is, or resolves into, /proc or /sys. */
export function refuseKernelFilesystem(path: string): void {
  const k = kernelPathOf(path);
  if (!k) return;
  throw new StorePathError(
    `${kernelPathMessage(k, 'the embedded store')} Choose a folder elsewhere (--store PATH, OLLAMA_BENCH_STORE or the setting ollamaBench.store.path).`,
  );
}
