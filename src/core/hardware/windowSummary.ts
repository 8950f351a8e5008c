// Reduces the samples of one test's window to the figures stored with the test: utilisation as a
// mean, memory as a peak, and each as a series. A figure no sample carries stays absent.
import type { HardwareSample, SeriesPoint } from '../../shared/dto';

export interface WindowSummary {
  cpu_usage?: number;
  gpu_usage?: number;
  ram_usage?: number;
  vram_usage?: number;
}

export interface WindowSeries {
  cpu_usage: SeriesPoint[];
  gpu_usage: SeriesPoint[];
  ram_usage: SeriesPoint[];
  vram_usage: SeriesPoint[];
}

type Reading = (s: HardwareSample) => number | undefined;

const sumDefined = (values: (number | undefined)[]): number | undefined => {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length ? present.reduce((a, b) => a + b, 0) : undefined;
};

const meanDefined = (values: (number | undefined)[]): number | undefined => {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : undefined;
};

export const readings: Record<keyof WindowSeries, Reading> = {
  cpu_usage: (s) => s.cpu_total,
  gpu_usage: (s) => meanDefined((s.gpus ?? []).map((g) => g.utilization)),
  ram_usage: (s) => s.mem_used,
  // nvidia-smi's figure covers everything on the card; /api/ps is the fallback where it is absent.
  vram_usage: (s) => sumDefined((s.gpus ?? []).map((g) => g.memory_used)) ?? s.vram_models,
};

/** Samples whose timestamps fall within [start, end] (epoch ms). */
export function samplesInWindow(
  samples: readonly HardwareSample[],
  start: number,
  end: number,
): HardwareSample[] {
  return samples.filter((s) => s.t >= start && s.t <= end);
}

export function seriesOf(samples: readonly HardwareSample[]): WindowSeries {
  const series = (read: Reading): SeriesPoint[] =>
    samples.flatMap((s) => {
      const value = read(s);
      return value === undefined ? [] : [{ timestamp: new Date(s.t).toISOString(), value }];
    });
  return {
    cpu_usage: series(readings.cpu_usage),
    gpu_usage: series(readings.gpu_usage),
    ram_usage: series(readings.ram_usage),
    vram_usage: series(readings.vram_usage),
  };
}

export function summarizeWindow(samples: readonly HardwareSample[]): WindowSummary {
  const values = (read: Reading) => samples.map(read).filter((v): v is number => v !== undefined);
  const mean = (xs: number[]) =>
    xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined;
  const peak = (xs: number[]) => (xs.length ? Math.max(...xs) : undefined);
  const summary: WindowSummary = {};
  const cpu = mean(values(readings.cpu_usage));
  const gpu = mean(values(readings.gpu_usage));
  const ram = peak(values(readings.ram_usage));
  const vram = peak(values(readings.vram_usage));
  if (cpu !== undefined) summary.cpu_usage = cpu;
  if (gpu !== undefined) summary.gpu_usage = gpu;
  if (ram !== undefined) summary.ram_usage = ram;
  if (vram !== undefined) summary.vram_usage = vram;
  return summary;
}
