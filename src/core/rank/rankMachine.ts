// The machine a ranking is read on: this machine where it has results, otherwise the machine with
// the newest ones. The Rankings tab and Recommend a Model… (both its use cases and "the fastest
// model with accuracy ≥ X %") read the same one, so they agree on what they show.
import type { HardwareConfig } from '../../shared/dto';

export interface RankMachine {
  fingerprint: string;
  /** "this machine (host · CPU · GPU)" or, for another machine, its host, CPU and GPU. */
  label: string;
}

function describe(c: HardwareConfig): string {
  const gpu = c.gpu.map((g) => g.model).join(', ');
  return [c.os.hostname, c.cpu.model, gpu].filter(Boolean).join(' · ');
}

/** Undefined when no machine has results yet. */
export function rankMachine(
  machines: readonly HardwareConfig[],
  here: string | undefined,
): RankMachine | undefined {
  const machine =
    machines.find((m) => m.fingerprint === here) ??
    [...machines].sort((a, b) => (a.updated_at ?? '').localeCompare(b.updated_at ?? '')).pop();
  if (!machine) return undefined;
  return {
    fingerprint: machine.fingerprint,
    label: machine.fingerprint === here ? `this machine (${describe(machine)})` : describe(machine),
  };
}
