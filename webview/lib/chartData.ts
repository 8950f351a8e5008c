// Chart data prepared from protocol shapes: pure (no DOM, no chart.js), so node --test reaches it.
// x is seconds; memory is GiB; an absent figure adds no point, so a series the machine cannot read
// stays empty and is labelled "not available" rather than drawn as 0.
import type {
  CompareFigure,
  CompareView,
  LiveHardwarePoint,
  LivePoint,
} from '../../src/shared/protocol';

export interface XY {
  x: number;
  y: number;
}

export type HardwareKey = 'cpu' | 'gpu' | 'ram' | 'vram';
export const HARDWARE_KEYS: readonly HardwareKey[] = ['cpu', 'gpu', 'ram', 'vram'];
export const HARDWARE_LABELS: Record<HardwareKey, string> = {
  cpu: 'CPU %',
  gpu: 'GPU %',
  ram: 'RAM GiB',
  vram: 'VRAM GiB',
};

const GIB = 1024 ** 3;

export type HardwareSeries = Record<HardwareKey, XY[]>;

export function emptyHardwareSeries(): HardwareSeries {
  return { cpu: [], gpu: [], ram: [], vram: [] };
}

/** Appends points to the series in place (one chart instance, updated without rebuilding). */
export function appendHardware(series: HardwareSeries, points: readonly LiveHardwarePoint[]): void {
  for (const p of points) {
    const x = p.t / 1000;
    if (p.cpu !== undefined) series.cpu.push({ x, y: p.cpu });
    if (p.gpu !== undefined) series.gpu.push({ x, y: p.gpu });
    if (p.ram !== undefined) series.ram.push({ x, y: p.ram / GIB });
    if (p.vram !== undefined) series.vram.push({ x, y: p.vram / GIB });
  }
}

export function hardwareSeries(points: readonly LiveHardwarePoint[]): HardwareSeries {
  const s = emptyHardwareSeries();
  appendHardware(s, points);
  return s;
}

export const seriesKey = (p: Pick<LivePoint, 'model' | 'test'>) => `${p.model} · ${p.test}`;

/** Per-repetition figures grouped into one series per model × test, in arrival order. */
export function appendPoints(groups: Map<string, XY[]>, points: readonly LivePoint[]): string[] {
  const added: string[] = [];
  for (const p of points) {
    const key = seriesKey(p);
    let list = groups.get(key);
    if (!list) {
      groups.set(key, (list = []));
      added.push(key);
    }
    list.push({ x: p.t / 1000, y: p.value });
  }
  return added;
}

export const FIGURE_LABELS: Record<CompareFigure, string> = {
  tokens_per_second: 'Tokens/s',
  prompt_tokens_per_second: 'Prompt tokens/s',
  ttft_ms: 'TTFT (ms)',
  joules_per_token: 'Joules per token',
  tokens_per_joule: 'Tokens per joule',
  ttft_warm_ms: 'TTFT warm prefix (ms)',
  goodput_rps: 'Goodput (req/s)',
  max_sustainable_rps: 'Max sustainable (req/s)',
};

export interface BarChartData {
  figure: CompareFigure;
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
}

/** One grouped bar chart per figure: tests on the axis, one bar per subject. */
export function compareCharts(view: CompareView): BarChartData[] {
  const out: BarChartData[] = [];
  for (const figure of Object.keys(FIGURE_LABELS) as CompareFigure[]) {
    const rows = view.rows.filter((r) => r.figure === figure);
    if (!rows.length) continue;
    out.push({
      figure,
      labels: rows.map((r) => r.test),
      datasets: view.subjects.map((s, i) => ({
        label: s.label,
        data: rows.map((r) => r.values[i] ?? null),
      })),
    });
  }
  return out;
}

/** The last `max` rows of a table a screen reader can read, with how many were left out. */
export function tail<T>(rows: readonly T[], max: number): { rows: T[]; omitted: number } {
  return rows.length <= max
    ? { rows: [...rows], omitted: 0 }
    : { rows: rows.slice(rows.length - max), omitted: rows.length - max };
}
