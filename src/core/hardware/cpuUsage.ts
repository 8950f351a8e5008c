// CPU utilisation between two readings of cumulative CPU times, as top computes it: the share of
// elapsed ticks spent busy. Shared by the /proc reader (Linux) and the os.cpus() reader (elsewhere).
import type { CpuTimes } from './procfs';
import { sumCpuTimes } from './procfs';

export interface CpuUsage {
  /** Busy share 0–100: user + nice + system + irq + softirq. */
  total: number;
  /** user + nice. */
  user: number;
  /** system + irq + softirq. */
  system: number;
  iowait: number;
}

const pct = (part: number, whole: number) => Math.min(100, Math.max(0, (100 * part) / whole));

/**
 * Usage between two readings; undefined when no tick elapsed (or the counters went backwards, as
 * they do when a CPU goes offline and comes back).
 */
export function cpuUsageBetween(a: CpuTimes, b: CpuTimes): CpuUsage | undefined {
  const elapsed = sumCpuTimes(b) - sumCpuTimes(a);
  if (!(elapsed > 0)) return undefined;
  const d = (k: keyof CpuTimes) => b[k] - a[k];
  const user = d('user') + d('nice');
  const system = d('system') + d('irq') + d('softirq');
  if (user < 0 || system < 0) return undefined;
  return {
    total: pct(user + system, elapsed),
    user: pct(user, elapsed),
    system: pct(system, elapsed),
    iowait: pct(Math.max(0, d('iowait')), elapsed),
  };
}

/** Each core's busy share between two readings of the same cores; 0 where it cannot be told. */
export function perCoreUsage(before: readonly CpuTimes[], after: readonly CpuTimes[]): number[] {
  return after.map((now, i) => {
    const then = before[i];
    const usage = then ? cpuUsageBetween(then, now) : undefined;
    return usage?.total ?? 0;
  });
}

/** os.cpus() times (milliseconds, no iowait) in the same shape as /proc/stat's. */
export function cpuTimesFromOs(times: {
  user: number;
  nice: number;
  sys: number;
  idle: number;
  irq: number;
}): CpuTimes {
  return {
    user: times.user,
    nice: times.nice,
    system: times.sys,
    idle: times.idle,
    iowait: 0,
    irq: times.irq,
    softirq: 0,
    steal: 0,
  };
}

export function addCpuTimes(all: readonly CpuTimes[]): CpuTimes {
  const sum: CpuTimes = {
    user: 0,
    nice: 0,
    system: 0,
    idle: 0,
    iowait: 0,
    irq: 0,
    softirq: 0,
    steal: 0,
  };
  for (const t of all) for (const k of Object.keys(sum) as (keyof CpuTimes)[]) sum[k] += t[k];
  return sum;
}
