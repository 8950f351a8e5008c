// Every figure the sampler recorded, grouped for charts the way a user looks for a cause: CPU
// (total, per core, user/system/iowait, clock, temperature, package power), memory (used,
// available, swap), I/O (disk, network), Ollama's own processes (CPU, RSS) and each GPU
// (utilisation, memory, temperature, power, clocks). x is seconds since `origin`; a figure no
// sample has is listed in `missing` (shown "not available"), never drawn as 0. Pure and shared:
// the session detail (host side) and the live panel (webview side) build the same groups.
import type { GpuSample, HardwareSample } from './dto';

export type XYPoint = [x: number, y: number];

export interface MachineLine {
  label: string;
  points: XYPoint[];
}

export interface MachineLineChart {
  kind: 'line';
  id: string;
  title: string;
  unit: string;
  /** Lines with at least one point. */
  lines: MachineLine[];
  /** Lines the machine gave no figure for. */
  missing: string[];
}

/** Per-core load: one row per core, one column per sample time. */
export interface MachineHeatmap {
  kind: 'heatmap';
  id: string;
  title: string;
  unit: string;
  times: number[];
  /** rows[core][i] at times[i]; null where the sample had no such core. */
  rows: (number | null)[][];
  missing: string[];
}

export type MachineChart = MachineLineChart | MachineHeatmap;

export interface MachineChartGroup {
  id: string;
  title: string;
  charts: MachineChart[];
}

const GIB = 1024 ** 3;
const MB = 1e6;

type Read = (s: HardwareSample) => number | undefined;

/** At most `max` samples, evenly picked (first and last kept), so a long session stays small. */
export function thinSamples<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = (items.length - 1) / (max - 1);
  const out: T[] = [];
  for (let i = 0; i < max; i++) {
    const item = items[Math.round(i * step)];
    if (item !== undefined) out.push(item);
  }
  return out;
}

function line(
  id: string,
  title: string,
  unit: string,
  samples: readonly HardwareSample[],
  origin: number,
  series: [label: string, read: Read][],
): MachineLineChart {
  const lines: MachineLine[] = [];
  const missing: string[] = [];
  for (const [label, read] of series) {
    const points: XYPoint[] = [];
    for (const s of samples) {
      const v = read(s);
      if (typeof v === 'number' && Number.isFinite(v)) points.push([(s.t - origin) / 1000, v]);
    }
    if (points.length) lines.push({ label, points });
    else missing.push(label);
  }
  return { kind: 'line', id, title, unit, lines, missing };
}

const scaled =
  (read: Read, by: number): Read =>
  (s) => {
    const v = read(s);
    return v === undefined ? undefined : v / by;
  };

function heatmap(samples: readonly HardwareSample[], origin: number): MachineHeatmap {
  const withCores = samples.flatMap((s) =>
    s.cpu_per_core?.length ? [{ t: s.t, perCore: s.cpu_per_core }] : [],
  );
  const cores = Math.max(0, ...withCores.map((s) => s.perCore.length));
  return {
    kind: 'heatmap',
    id: 'cpu-cores',
    title: 'Per-core load',
    unit: '%',
    times: withCores.map((s) => (s.t - origin) / 1000),
    rows: Array.from({ length: cores }, (_, c) => withCores.map((s) => s.perCore[c] ?? null)),
    missing: cores ? [] : ['per-core load'],
  };
}

function gpuIndexes(samples: readonly HardwareSample[]): number[] {
  return [...new Set(samples.flatMap((s) => (s.gpus ?? []).map((g) => g.index)))].sort(
    (a, b) => a - b,
  );
}

const gpu =
  (index: number, read: (g: GpuSample) => number | undefined): Read =>
  (s) => {
    const g = s.gpus?.find((x) => x.index === index);
    return g ? read(g) : undefined;
  };

export function machineChartGroups(
  all: readonly HardwareSample[],
  origin = all[0]?.t ?? 0,
  maxPoints = 1500,
): MachineChartGroup[] {
  const samples = thinSamples(all, maxPoints);
  const chart = (id: string, title: string, unit: string, series: [string, Read][]) =>
    line(id, title, unit, samples, origin, series);
  const groups: MachineChartGroup[] = [
    {
      id: 'cpu',
      title: 'CPU',
      charts: [
        chart('cpu-total', 'CPU total', '%', [['total', (s) => s.cpu_total]]),
        heatmap(samples, origin),
        chart('cpu-split', 'User / system / iowait', '%', [
          ['user', (s) => s.cpu_user],
          ['system', (s) => s.cpu_system],
          ['iowait', (s) => s.cpu_iowait],
        ]),
        chart('cpu-clock', 'Clock', 'MHz', [['mean clock', (s) => s.cpu_freq_mhz]]),
        chart('cpu-temperature', 'Temperature', '°C', [['CPU', (s) => s.temperature]]),
        chart('cpu-power', 'Package power', 'W', [['package', (s) => s.cpu_package_w]]),
      ],
    },
    {
      id: 'memory',
      title: 'Memory',
      charts: [
        chart('memory', 'Memory', 'GiB', [
          ['used', scaled((s) => s.mem_used, GIB)],
          ['available', scaled((s) => s.mem_available, GIB)],
          ['swap used', scaled((s) => s.swap_used, GIB)],
        ]),
      ],
    },
    {
      id: 'io',
      title: 'I/O',
      charts: [
        chart('disk', 'Disk', 'MB/s', [
          ['read', scaled((s) => s.disk_read_bps, MB)],
          ['write', scaled((s) => s.disk_write_bps, MB)],
        ]),
        chart('network', 'Network', 'MB/s', [
          ['rx', scaled((s) => s.net_rx_bps, MB)],
          ['tx', scaled((s) => s.net_tx_bps, MB)],
        ]),
      ],
    },
    {
      id: 'ollama',
      title: 'Ollama’s processes',
      charts: [
        chart('ollama-cpu', 'Ollama CPU', '% of the machine', [['CPU', (s) => s.ollama_cpu]]),
        chart('ollama-rss', 'Ollama memory (RSS)', 'GiB', [
          ['RSS', scaled((s) => s.ollama_rss, GIB)],
        ]),
      ],
    },
  ];
  const gpus = gpuIndexes(samples);
  if (!gpus.length) {
    groups.push({
      id: 'gpu',
      title: 'GPU',
      charts: [chart('gpu', 'GPU', '%', [['utilisation', () => undefined]])],
    });
  }
  for (const i of gpus) {
    groups.push({
      id: `gpu${i}`,
      title: `GPU ${i}`,
      charts: [
        chart(`gpu${i}-util`, 'Utilisation', '%', [['utilisation', gpu(i, (g) => g.utilization)]]),
        chart(`gpu${i}-memory`, 'Memory', 'GiB', [
          ['used', gpu(i, (g) => (g.memory_used === undefined ? undefined : g.memory_used / GIB))],
        ]),
        chart(`gpu${i}-temperature`, 'Temperature', '°C', [['GPU', gpu(i, (g) => g.temperature)]]),
        chart(`gpu${i}-power`, 'Power', 'W', [['draw', gpu(i, (g) => g.power_draw)]]),
        chart(`gpu${i}-clocks`, 'Clocks', 'MHz', [
          ['SM', gpu(i, (g) => g.clock_sm_mhz)],
          ['memory', gpu(i, (g) => g.clock_mem_mhz)],
        ]),
      ],
    });
  }
  return groups;
}
