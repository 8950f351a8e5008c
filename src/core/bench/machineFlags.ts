// Flags from the machine's evidence, so a low figure says when the machine, not the model, was
// the cause:
// - throttled    — a GPU reported an active thermal or power throttle reason during the test
//                  (nvidia-smi clocks_throttle_reasons.active: SW power cap, HW slowdown, SW or
//                  HW thermal slowdown, HW power brake), or the CPU clock fell 15 % or more below
//                  its value at the test's start while the CPU was at HOT_CPU_C or above.
// - busy_machine — other processes (total CPU minus Ollama's and this program's own) used more
//                  than 20 % of the machine on average over the test. Only judged where Ollama's
//                  processes are visible (Ollama runs on this machine).
import type { HardwareSample, ValidityFlag } from '../../shared/dto';

/** clocks_throttle_reasons bits that mean heat or power held the clocks down. */
export const GPU_THROTTLE_BITS = {
  sw_power_cap: 0x4,
  hw_slowdown: 0x8,
  sw_thermal_slowdown: 0x20,
  hw_thermal_slowdown: 0x40,
  hw_power_brake_slowdown: 0x80,
} as const;

const THROTTLE_MASK = Object.values(GPU_THROTTLE_BITS).reduce((a, b) => a | b, 0);

export const CPU_CLOCK_DROP = 0.15;
export const HOT_CPU_C = 80;
export const BUSY_MACHINE_PERCENT = 20;

export function gpuThrottled(samples: readonly HardwareSample[]): boolean {
  return samples.some((s) =>
    (s.gpus ?? []).some(
      (g) => g.throttle_reasons !== undefined && (g.throttle_reasons & THROTTLE_MASK) !== 0,
    ),
  );
}

export function cpuThrottled(samples: readonly HardwareSample[]): boolean {
  const first = samples.find((s) => s.cpu_freq_mhz !== undefined)?.cpu_freq_mhz;
  if (first === undefined || first <= 0) return false;
  return samples.some(
    (s) =>
      s.cpu_freq_mhz !== undefined &&
      s.cpu_freq_mhz <= first * (1 - CPU_CLOCK_DROP) &&
      s.temperature !== undefined &&
      s.temperature >= HOT_CPU_C,
  );
}

/** Mean CPU % of the machine used by neither Ollama nor this program; undefined where unknown. */
export function otherProcessesCpu(samples: readonly HardwareSample[]): number | undefined {
  const others = samples.flatMap((s) =>
    s.cpu_total !== undefined && s.ollama_cpu !== undefined
      ? [Math.max(0, s.cpu_total - s.ollama_cpu - (s.self_cpu ?? 0))]
      : [],
  );
  return others.length ? others.reduce((a, b) => a + b, 0) / others.length : undefined;
}

export function machineFlags(samples: readonly HardwareSample[]): ValidityFlag[] {
  const flags: ValidityFlag[] = [];
  if (gpuThrottled(samples) || cpuThrottled(samples)) flags.push('throttled');
  const others = otherProcessesCpu(samples);
  if (others !== undefined && others > BUSY_MACHINE_PERCENT) flags.push('busy_machine');
  return flags;
}
