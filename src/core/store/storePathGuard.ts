// /proc and /sys are kernel views, not folders a store can live in: creating a folder there loops
// (mkdir -p under /proc spins at full CPU and never returns), and nothing written there persists.
// A store path under either, named directly or reached through a symlink, is refused up front.
import type { KindedError } from '../failures/failureKind';
import { realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

const KERNEL_FILESYSTEMS = ['/proc', '/sys'];

/** A store location that can never work: a usage error. */
export class StorePathError extends Error implements KindedError {
  readonly kind = 'input' as const;
  constructor(message: string) {
    super(message);
    this.name = 'StorePathError';
  }
}

/**
 * By name, not instanceof: the extension loads the store layer as a bundle of its own, with its own
 * copy of this class, so an error thrown there is not an instance of the host's StorePathError.
 */
export function isStorePathError(err: unknown): err is StorePathError {
  return err instanceof Error && err.name === 'StorePathError';
}

function kernelRoot(path: string): string | undefined {
  return KERNEL_FILESYSTEMS.find((root) => path === root || path.startsWith(`${root}${sep}`));
}

/** The path with its longest existing ancestor replaced by that ancestor's real path. */
function realpathOfExisting(path: string): string {
  let existing = path;
  let rest = '';
  for (;;) {
    try {
      return resolve(realpathSync(existing), rest);
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return path;
      rest = rest
        ? `${existing.slice(parent.length + 1)}${sep}${rest}`
        : existing.slice(parent.length + 1);
      existing = parent;
    }
  }
}

/** Throws StorePathError when an absolute folder path is, or resolves into, /proc or /sys. */
export function refuseKernelFilesystem(path: string): void {
  if (process.platform === 'win32') return;
  const folder = resolve(path);
  const named = kernelRoot(folder);
  const real = named ? folder : realpathOfExisting(folder);
  const root = named ?? kernelRoot(real);
  if (!root) return;
  const via = real === folder ? '' : ` (it resolves to ${real})`;
  throw new StorePathError(
    `Cannot use ${folder} as the embedded store${via}: ${root} is a kernel filesystem, where nothing can be stored. Choose a folder elsewhere (--store PATH, OLLAMA_BENCH_STORE or the setting ollamaBench.store.path).`,
  );
}
