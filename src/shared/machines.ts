// One model and test across machines: the rows the Machines view, `ollama-bench machines --json`
// and the offline leaderboard show. Each figure is the median over a machine's comparable results
// with its 95 % interval; a figure a machine did not measure is absent.

/** The median of a machine's comparable results and its 95 % interval. */
export interface MachineFigure {
  median: number;
  ci95: [number, number];
}

export const MACHINE_FIGURES = [
  'tokens_per_second',
  'prompt_tokens_per_second',
  'ttft_ms',
  'joules_per_token',
] as const;

export type MachineFigureName = (typeof MACHINE_FIGURES)[number];

/** What rows can be sorted by: a figure, or the LocalScore. */
export type MachineSortKey = MachineFigureName | 'localscore';

export const MACHINE_SORT_KEYS: readonly MachineSortKey[] = [...MACHINE_FIGURES, 'localscore'];

/** Which way is better for each sort key. */
export const MACHINE_BETTER: Record<MachineSortKey, 'higher' | 'lower'> = {
  tokens_per_second: 'higher',
  prompt_tokens_per_second: 'higher',
  ttft_ms: 'lower',
  joules_per_token: 'lower',
  localscore: 'higher',
};

export const MACHINE_FIGURE_LABELS: Record<MachineSortKey, string> = {
  tokens_per_second: 'tokens/s',
  prompt_tokens_per_second: 'prompt tokens/s',
  ttft_ms: 'TTFT (ms)',
  joules_per_token: 'J/token',
  localscore: 'LocalScore',
};

export const isMachineSortKey = (v: unknown): v is MachineSortKey =>
  (MACHINE_SORT_KEYS as readonly unknown[]).includes(v);

/** A machine's fingerprint in a few words: what makes its figures what they are. */
export interface MachineSummary {
  cpu: string;
  gpu: string;
  /** Total VRAM over the GPUs (bytes); absent without a GPU that reports it. */
  vram_bytes?: number;
  ram_bytes?: number;
  os: string;
  ollama_version?: string;
}

export interface MachineRow {
  /** The hardware document's id ("unknown" for sessions stored without one). */
  machine_id: string;
  hostname: string;
  summary: MachineSummary;
  tokens_per_second?: MachineFigure;
  prompt_tokens_per_second?: MachineFigure;
  ttft_ms?: MachineFigure;
  joules_per_token?: MachineFigure;
  /** Comparable results (completed tests) behind the figures. */
  n: number;
  /** 10 · ∛(prompt tok/s · tokens/s · 1000 / TTFT ms) of the medians; absent without all three. */
  localscore?: number;
}

/** Results left out because they ran with other options than the compared ones. */
export interface ExcludedResults {
  machine_id: string;
  hostname: string;
  setting: string;
  n: number;
}

/** What the dashboard's Machines view asks for (absent model or test: the one most machines ran). */
export interface MachinesRequest {
  model?: string;
  suite?: string;
  sort: MachineSortKey;
}

export interface MachinesView {
  model: string;
  suite: string;
  /** The options every row ran with ("A · num_predict 128 · num_ctx 2048"). */
  setting: string;
  sort: MachineSortKey;
  machines: MachineRow[];
  excluded: ExcludedResults[];
  /** Run conditions whose values differ between the machines (one value per row, "—" unknown). */
  differences: { condition: string; values: string[] }[];
  /** Every model and, per model, every test some machine ran: what can be picked. */
  choices: { model: string; suites: string[] }[];
}

export function sortedValue(r: MachineRow, key: MachineSortKey): number | undefined {
  return key === 'localscore' ? r.localscore : r[key]?.median;
}

/** Bar lengths 0–1 of the sorted figure, relative to the largest value. */
export function barShares(view: Pick<MachinesView, 'machines' | 'sort'>): number[] {
  const values = view.machines.map((r) => sortedValue(r, view.sort));
  const top = Math.max(0, ...values.map((v) => v ?? 0));
  return values.map((v) => (v !== undefined && top > 0 ? v / top : 0));
}
