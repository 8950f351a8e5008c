// /proc and /sys are kernel views, not folders anything can be kept in: creating a folder there
// loops (mkdir -p under /proc spins at full CPU and never returns), and nothing written there
// persists. Every path a user gives (the store, an archive folder, an output file, an export
// folder) is checked here first, named directly or reached through a symlink.
import { InputError } from '../failures/inputError';
import { realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

const KERNEL_FILESYSTEMS = ['/proc', '/sys'];

/** A path under a kernel filesystem: as given, what it resolves to, and which root. */
export interface KernelPath {
  path: string;
  real: string;
  root: string;
}

/** A path that can never work: bad input. */
export class KernelPathError extends InputError {
  override readonly name = 'KernelPathError';
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

/** Where the path lies under /proc or /sys, or undefined when it does not. */
export function kernelPathOf(path: string): KernelPath | undefined {
  if (process.platform === 'win32') return undefined;
  const absolute = resolve(path);
  const named = kernelRoot(absolute);
  const real = named ? absolute : realpathOfExisting(absolute);
  const root = named ?? kernelRoot(real);
  return root ? { path: absolute, real, root } : undefined;
}

/** The words of a refusal: `Cannot use PATH as WHAT (it resolves to …): ROOT is a kernel …`. */
export function kernelPathMessage(k: KernelPath, what: string): string {
  const via = k.real === k.path ? '' : ` (it resolves to ${k.real})`;
  return `Cannot use ${k.path} as ${what}${via}: ${k.root} is a kernel filesystem, where nothing can be stored.`;
}

/** Throws KernelPathError when the path is, or resolves into, /proc or /sys. */
export function refuseKernelPath(path: string, what: string): void {
  const k = kernelPathOf(path);
  if (k) throw new KernelPathError(kernelPathMessage(k, what));
}
