// Retention's downsampling: hardware samples older than the retention window become one-minute
// means (the original metrics system's policy), so long histories stay small but keep their shape.
import type { GpuSample, HardwareSample } from '../../shared/dto';

const MINUTE = 60_000;

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
    ] as const) {
      const m = mean(of.map((g) => g[k]));
      if (m !== undefined) out[k] = m;
    }
    return out;
  });
}

/** One sample per started minute: the mean of each figure present in that minute (absent stays absent). */
export function downsampleToMinutes(samples: readonly HardwareSample[]): HardwareSample[] {
  const byMinute = new Map<number, HardwareSample[]>();
  for (const s of samples) {
    const m = Math.floor(s.t / MINUTE) * MINUTE;
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
        if (key === 'cpu_per_core') v = meanArrays(group.map((s) => s.cpu_per_core));
        else if (key === 'gpus') v = meanGpus(group.map((s) => s.gpus));
        else v = mean(group.map((s) => s[key] as number | undefined));
        if (v !== undefined) (out as unknown as Record<string, unknown>)[key] = v;
      }
      return out;
    });
}
