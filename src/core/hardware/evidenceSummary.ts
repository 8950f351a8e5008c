// The machine's evidence over one test's window, as summary figures stored with the test: the
// hottest CPU and GPU, GPU power, swap, Ollama's own CPU and memory, and disk and network rates.
// A figure no sample carries stays absent, never 0.
import type { HardwareSample, TestMetrics } from '../../shared/dto';

export type EvidenceFigures = Pick<
  TestMetrics,
  | 'cpu_temp_max_c'
  | 'gpu_temp_max_c'
  | 'gpu_power_mean_w'
  | 'swap_peak'
  | 'ollama_cpu_usage'
  | 'ollama_rss_peak'
  | 'disk_read_bps'
  | 'disk_write_bps'
  | 'net_rx_bps'
  | 'net_tx_bps'
>;

type Reading = (s: HardwareSample) => number | undefined;

const present = (xs: (number | undefined)[]): number[] =>
  xs.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));

const gpuSum =
  (key: 'power_draw'): Reading =>
  (s) => {
    const values = present((s.gpus ?? []).map((g) => g[key]));
    return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
  };

const gpuMax: Reading = (s) => {
  const values = present((s.gpus ?? []).map((g) => g.temperature));
  return values.length ? Math.max(...values) : undefined;
};

/** Each figure: how one sample gives it, and how the window's values reduce to one. */
const FIGURES: Record<keyof EvidenceFigures, [Reading, 'mean' | 'max']> = {
  cpu_temp_max_c: [(s) => s.temperature, 'max'],
  gpu_temp_max_c: [gpuMax, 'max'],
  gpu_power_mean_w: [gpuSum('power_draw'), 'mean'],
  swap_peak: [(s) => s.swap_used, 'max'],
  ollama_cpu_usage: [(s) => s.ollama_cpu, 'mean'],
  ollama_rss_peak: [(s) => s.ollama_rss, 'max'],
  disk_read_bps: [(s) => s.disk_read_bps, 'mean'],
  disk_write_bps: [(s) => s.disk_write_bps, 'mean'],
  net_rx_bps: [(s) => s.net_rx_bps, 'mean'],
  net_tx_bps: [(s) => s.net_tx_bps, 'mean'],
};

export const EVIDENCE_FIGURES = Object.keys(FIGURES) as (keyof EvidenceFigures)[];

export function summarizeEvidence(samples: readonly HardwareSample[]): EvidenceFigures {
  const out: EvidenceFigures = {};
  for (const key of EVIDENCE_FIGURES) {
    const [read, reduce] = FIGURES[key];
    const values = present(samples.map(read));
    if (!values.length) continue;
    out[key] =
      reduce === 'max' ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / values.length;
  }
  return out;
}
