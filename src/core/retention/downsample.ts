// Retention's downsampling: hardware samples and a result's series older than the retention
// window become means per interval (one minute by default, fine enough to keep a test's shape;
// 5 minutes or an hour where chosen), so long histories stay small but keep their shape.
import type { GpuSample, HardwareSample } from '../../shared/dto';

const MINUTE = 60_000;

export const DOWNSAMPLE_INTERVALS = { '1m': MINUTE, '5m': 5 * MINUTE, '1h': 60 * MINUTE } as const;
export type DownsampleInterval = keyof typeof DOWNSAMPLE_INTERVALS;

export function isDownsampleInterval(v: unknown): v is DownsampleInterval {
  return typeof v === 'string' && Object.hasOwn(DOWNSAMPLE_INTERVALS, v);
}

function mean(values: (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : undefined;
}

function meanArrays(arrays: (number[] | undefined)[]): number[] | undefined {
  const present = arrays.filter((a): a is number[] => Array.isArray(a));
  if (!present.length) return undefined;
  const len = Math.max(...present.map((a) => a.length));
  return Array.from({ length: len }, (_, i) => mean(present.map((a) => a[i])) ?? 0);
}

function meanGpus(lists: (GpuSample[] | undefined)[]): GpuSample[] | undefined {
  const present = lists.filter((l): l is GpuSample[] => Array.isArray(l));
  if (!present.length) return undefined;
  const indexes = [...new Set(present.flat().map((g) => g.index))].sort((a, b) => a - b);
  return indexes.map((index) => {
    const of = present.flat().filter((g) => g.index === index);
    const out: GpuSample = { index };
    for (const k of [
      'utilization',
      'memory_used',
      'memory_total',
      'temperature',
      'power_draw',
      'energy_mj',
      'clock_sm_mhz',
      'clock_mem_mhz',
    ] as const) {
      const m = mean(of.map((g) => g[k]));
      if (m !== undefined) out[k] = m;
    }
    // Throttle reasons are bits, not a level: any reason active in the interval stays set.
    const reasons = of.flatMap((g) =>
      g.throttle_reasons === undefined ? [] : [g.throttle_reasons],
    );
    if (reasons.length) out.throttle_reasons = reasons.reduce((a, b) => a | b, 0);
    return out;
  });
}

/** One sample per started minute: the mean of each figure present in that minute (absent stays absent). */
export function downsampleToMinutes(samples: readonly HardwareSample[]): HardwareSample[] {
  return downsampleSamples(samples, MINUTE);
}

/** Cumulative counters: the last reading of the interval, so growth between intervals stays exact. */
const COUNTERS = new Set<string>(['cpu_package_j']);

/** One sample per started interval: the mean of each figure present in it (absent stays absent). */
export function downsampleSamples(
  samples: readonly HardwareSample[],
  intervalMs: number,
): HardwareSample[] {
  const byMinute = new Map<number, HardwareSample[]>();
  for (const s of samples) {
    const m = Math.floor(s.t / intervalMs) * intervalMs;
    const list = byMinute.get(m);
    if (list) list.push(s);
    else byMinute.set(m, [s]);
  }
  return [...byMinute.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, group]) => {
      const out: HardwareSample = { t };
      const keys = new Set(group.flatMap((s) => Object.keys(s)));
      for (const k of keys) {
        if (k === 't') continue;
        const key = k as keyof HardwareSample;
        let v: unknown;
        const values = group.map((s) => s[key] as unknown);
        if (key === 'cpu_per_core' || key === 'cpu_freq_per_core_mhz')
          v = meanArrays(values as (number[] | undefined)[]);
        else if (key === 'disks' || key === 'net_interfaces')
          // Per-device figures are kept as the interval's last reading, not averaged by name.
          v = values.reverse().find((x) => x !== undefined);
        else if (key === 'gpus') v = meanGpus(group.map((s) => s.gpus));
        else if (COUNTERS.has(key))
          v = group
            .map((s) => s[key] as number | undefined)
            .reverse()
            .find((x) => x !== undefined);
        else v = mean(group.map((s) => s[key] as number | undefined));
        if (v !== undefined) (out as unknown as Record<string, unknown>)[key] = v;
      }
      return out;
    });
}

/** A stored series point: its timestamp as the store gives it back (a Date) or an ISO string. */
export interface StoredPoint {
  timestamp: Date | string;
  value: number;
}

/** A result's series at one point per started interval (the mean), timestamps kept as given. */
export function downsampleSeries<P extends StoredPoint>(
  points: readonly P[],
  intervalMs: number,
): P[] {
  const groups = new Map<number, P[]>();
  for (const p of points) {
    const at = new Date(p.timestamp).getTime();
    if (!Number.isFinite(at)) continue;
    const key = Math.floor(at / intervalMs) * intervalMs;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([key, group]) => {
      const [first] = group;
      if (!first) return []; // a group holds at least the point that made it
      const value = group.reduce((sum, p) => sum + p.value, 0) / group.length;
      const timestamp =
        first.timestamp instanceof Date ? new Date(key) : new Date(key).toISOString();
      return { ...first, timestamp, value } as P;
    });
}
