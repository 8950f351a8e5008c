// A tune's answer as it crosses a boundary: `ollama-bench tune --json` prints it, the extension
// keeps the last one and the dashboard's Tune view shows it (src/core/tune/tuneReport.ts builds it).

export interface TuneEstimateJson {
  /** The options sent (num_gpu, num_thread, num_batch, num_ctx; the ones set only). */
  options: Record<string, number>;
  value: number;
  ci95: [number, number] | null;
}

export interface TuneTrialJson {
  options: Record<string, number>;
  value: number | null;
  status: 'ok' | 'failed';
  stage: string;
  repetitions: number;
  session_id?: string;
  error?: string;
}

export interface TuneServerSettingJson {
  env: Record<string, string>;
  status?: 'ok' | 'failed';
  value?: number;
  error?: string;
  effect?: string;
  kv_bytes?: number;
  max_num_ctx_in_vram?: number | null;
}

export interface TuneAnswerJson {
  model: string;
  goal: string;
  tune_id: string;
  /** The goal's figure's unit ("tokens/s", "ms TTFT", …). */
  unit: string;
  default: TuneEstimateJson | null;
  best: (TuneEstimateJson & { gain_pct: number | null; gain_ci95: [number, number] | null }) | null;
  /** separated, budget, cancelled, not_separated or defaults_best. */
  confirmation: string;
  stopped?: 'budget' | 'cancelled';
  trials: TuneTrialJson[];
  grid_trials: number;
  elapsed_ms: number;
  modelfile: string | null;
  command: string | null;
  server_settings: TuneServerSettingJson[];
  search_space: readonly string[];
}

/** What the dashboard's Tune view shows: the last tune of this window and the Ollama it ran on. */
export interface TuneView {
  host: string;
  answer: TuneAnswerJson;
}
