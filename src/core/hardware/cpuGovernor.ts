// The CPU frequency governor (Linux cpufreq): `powersave` against `performance` moves a CPU-bound
// figure by tens of percent, so a session records it among its conditions.
import { readProcFile } from './procfs';

/** cpu0's scaling_governor, or undefined where there is no cpufreq (other systems, some VMs). */
export function readCpuGovernor(
  path = '/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor',
): string | undefined {
  if (process.platform !== 'linux') return undefined;
  return readProcFile(path)?.trim() || undefined;
}
