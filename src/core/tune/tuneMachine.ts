// The machine a tune searches for: its cores bound num_thread, its GPU memory the layers. Both are
// this machine's only when Ollama runs here; for an Ollama elsewhere the user says the cores.
import { availableParallelism } from 'node:os';
import type { HardwareConfig } from '../../shared/dto';
import { InputError } from '../failures/inputError';

const LOCAL_NAMES = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0']);

/** Whether Ollama's URL points at this machine. */
export function isLocalHost(host: string): boolean {
  try {
    return LOCAL_NAMES.has(new URL(host).hostname);
  } catch {
    return false;
  }
}

/** The most threads to try: --max-threads, else this machine's logical cores when Ollama runs here. */
export function maxThreadsFor(
  host: string,
  given: number | undefined,
  inventory: Pick<HardwareConfig, 'cpu'> | undefined,
): number {
  if (given !== undefined) return given;
  if (!isLocalHost(host))
    throw new InputError(
      `Ollama runs at ${host}, not on this machine: give --max-threads (the cores of Ollama's machine)`,
    );
  return inventory?.cpu.threads || inventory?.cpu.cores || availableParallelism();
}

/** The inventory's GPU memory, summed; undefined without a GPU. */
export function inventoryVram(
  inventory: Pick<HardwareConfig, 'gpu'> | undefined,
): number | undefined {
  const total = inventory?.gpu.reduce((s, g) => s + (g.memory ?? 0), 0) ?? 0;
  return total > 0 ? total : undefined;
}
