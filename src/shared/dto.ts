// Plain JSON shapes that cross every boundary: core ⇄ store ⇄ host ⇄ webview ⇄ CLI `--json`.
// Field names are the stored documents' own (snake_case), so a stored document, an export and
// the CLI's output read the same. Conventions, so no unit ever has to be guessed:
// - times in milliseconds, rates in tokens/s, memory in bytes, usage in percent 0–100;
// - timestamps are ISO-8601 strings here; the MongoDB layer stores them as BSON dates and gives
//   strings back, so JSON, postMessage and `--json` need no reviver;
// - ids are strings (an ObjectId's hex where the store uses ObjectIds);
// - a figure a machine cannot read is absent (undefined), never 0.
import type { HardwareSample, PartitionInfo } from './hardwareTypes';
import type { WorkloadMetrics, WorkloadSettings } from './workloadTypes';

// The machine and its samples live in hardwareTypes.ts; re-exported so one import serves.
export type {
  DiskDeviceSample,
  GpuSample,
  HardwareConfig,
  HardwareSample,
  NetInterfaceSample,
  PartitionInfo,
} from './hardwareTypes';

export type IsoDate = string;

/** A model as discovered from /api/tags, enriched by /api/show and /api/ps. */
export interface ModelInfo {
  name: string;
  digest: string;
  size: number;
  modified_at?: IsoDate;
  family?: string;
  families?: string[];
  parameter_size?: string;
  quantization_level?: string;
  format?: string;
  context_length?: number;
  capabilities?: string[];
  /** Loaded in Ollama right now (listed by /api/ps). */
  loaded: boolean;
  /** Bytes of the loaded model held in VRAM (from /api/ps); absent when not loaded. */
  size_vram?: number;
  /** size_vram / size of the loaded model, 0–1; absent when not loaded. */
  vram_share?: number;
  /** Context length the loaded instance runs with (from /api/ps). */
  loaded_context_length?: number;
  expires_at?: IsoDate;
}

export type SessionStatus = 'running' | 'completed' | 'error' | 'cancelled' | 'interrupted';
export type TestStatus = 'pending' | 'running' | 'completed' | 'error' | 'cancelled';

/** Validity flags a result carries; an honest number says when it is not to be trusted. */
export type ValidityFlag =
  | 'unstable'
  | 'cpu_spill'
  | 'truncated'
  | 'cache_hit'
  | 'implausible'
  // Ollama's own conditions (src/core/bench/serializedConcurrency.ts, loadedContext.ts): the
  // streams of a concurrency level were served one after another; the model was loaded with a
  // smaller context than asked.
  | 'serialized'
  | 'ctx_reduced'
  // The machine's evidence (src/core/bench/machineFlags.ts): throttling and another program busy.
  | 'throttled'
  | 'busy_machine';

export type ModelPlacement = 'gpu' | 'partial' | 'cpu';

/** The summary figures that are means over the repetitions (the others are medians or peaks). */
export type MeanFigure = 'tokens_per_second' | 'prompt_tokens_per_second' | 'inference_time';

/** Summary statistics of one figure over the repetitions of a test. */
export interface FigureStats {
  mean: number;
  sd: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p99: number;
  /** Coefficient of variation, sd / mean (0–1; 0.1 = 10 %). */
  cv: number;
  n: number;
  /** 95 % confidence interval of the mean (Student's t, n − 1 degrees of freedom); n ≥ 2. */
  ci95?: [number, number];
}

/** Raw figures of one repetition (one request, or one concurrency window). */
export interface RepetitionFigures {
  index: number;
  nonce: string;
  /** eval_count / eval_duration × 1e9. */
  tokens_per_second?: number;
  /**
   * Newly processed prompt tokens / prompt_eval_duration × 1e9: (prompt_eval_count −
   * prompt_cached_tokens) where Ollama reports the cached count, else prompt_eval_count.
   */
  prompt_tokens_per_second?: number;
  /** Ollama's prompt_eval_cached_count: prompt tokens reused from its cache (absent: not reported). */
  prompt_cached_tokens?: number;
  ttft_ms?: number;
  tpot_ms?: number;
  e2e_ms: number;
  /** Inter-token latencies summarised (the raw gaps are too many to keep per repetition). */
  itl_p50_ms?: number;
  itl_p99_ms?: number;
  eval_count: number;
  eval_duration_ns: number;
  prompt_eval_count: number;
  prompt_eval_duration_ns: number;
  total_duration_ns: number;
  load_duration_ns: number;
  done_reason?: string;
  /** Concurrency tests: the number of parallel streams of this window. */
  concurrency?: number;
  /** Concurrency tests: Σ eval_count / wall time of the window. */
  aggregate_tokens_per_second?: number;
  // ---- Thinking (src/core/bench/thinkingFigures.ts); absent when the request streamed no thinking ----
  /** From sending the request to the first answer (not thinking) token. */
  ttfa_ms?: number;
  /** Thinking tokens: the thinking chunks counted (one token each when the counts add up). */
  thinking_tokens?: number;
  /** True when thinking_tokens is an estimate: the chunks did not add up to eval_count. */
  thinking_tokens_estimated?: boolean;
  /** Answer tokens after the first over the time between the first and last answer token. */
  answer_tokens_per_second?: number;
  // ---- Embedding (src/core/bench/embeddingFigures.ts): one /api/embed request ----
  /** Inputs in the request. */
  batch_size?: number;
  /** batch_size over the request's wall time. */
  inputs_per_second?: number;
  /** prompt_eval_count over the request's wall time (/api/embed reports no prompt_eval_duration). */
  embed_tokens_per_second?: number;
  // ---- Workloads (src/core/workloads/) ----
  /** Depth sweeps: the context depth this request was asked at. */
  depth?: number;
  /** Shared prefix: false for the request that processed the prefix first, true for those reusing it. */
  prefix_warm?: boolean;
  /** Rate tests: the level (its rate, requests/s) this figure summarises. */
  rate_rps?: number;
}

/** The summary of a test as kept in the session document (and every export). */
export interface TestMetrics extends WorkloadMetrics {
  /** Mean over repetitions. */
  tokens_per_second?: number;
  /** Mean over repetitions. */
  prompt_tokens_per_second?: number;
  /** p50 over repetitions. */
  ttft_ms?: number;
  tpot_ms?: number;
  e2e_ms?: number;
  /** Cold load of the model (ms), as SessionModel.load_time. */
  load_time?: number;
  /** The cold load on the client's clock (ms), as SessionModel.load_wall_ms. */
  load_wall_ms?: number;
  /** 95 % confidence intervals of the means above (Student t); from 2 repetitions. */
  ci95?: Partial<Record<MeanFigure, [number, number]>>;
  /** Mean total_duration (ms). */
  inference_time?: number;
  /** Concurrency tests: best aggregate tokens/s over the windows. */
  aggregate_tokens_per_second?: number;
  /** Thinking: p50 time to the first answer token (ttft_ms is the first token of any kind). */
  ttfa_ms?: number;
  /** Thinking: mean thinking tokens per request, and whether that is an estimate. */
  thinking_tokens?: number;
  thinking_tokens_estimated?: boolean;
  /** Thinking: mean answer tokens/s (client clock, answer tokens only). */
  answer_tokens_per_second?: number;
  /** Embedding: mean inputs/s and embedded tokens/s at the batch size with the best inputs/s. */
  inputs_per_second?: number;
  embed_tokens_per_second?: number;
  /** Embedding: p90 latency of a one-input request (e2e_ms is its p50). */
  e2e_p90_ms?: number;
  /** Repetitions the test ran (with --target-ci: until the CI was reached or the cap). */
  repetitions_run?: number;
  /** With --target-ci: whether the main figure's CI reached the target before the cap. */
  target_ci_reached?: boolean;
  /** Mean % over the test's window. */
  cpu_usage?: number;
  gpu_usage?: number;
  /** Peak bytes over the test's window. */
  ram_usage?: number;
  vram_usage?: number;
  // ---- the machine's evidence over the test's window (src/core/hardware/evidenceSummary.ts) ----
  /** Hottest CPU and GPU reading (°C). */
  cpu_temp_max_c?: number;
  gpu_temp_max_c?: number;
  /** Mean power of all GPUs together (W). */
  gpu_power_mean_w?: number;
  /** Peak swap in use (bytes). */
  swap_peak?: number;
  /** Ollama's processes: mean CPU % of the machine, peak resident bytes. */
  ollama_cpu_usage?: number;
  ollama_rss_peak?: number;
  /** Mean bytes/s over the window. */
  disk_read_bps?: number;
  disk_write_bps?: number;
  net_rx_bps?: number;
  net_tx_bps?: number;
  /** GPU + CPU package energy over the decode windows (J), and per generated token. */
  energy_j?: number;
  joules_per_token?: number;
  tokens_per_joule?: number;
  /**
   * Mean prompt tokens per request Ollama reused from its cache (prompt_eval_cached_count);
   * absent when Ollama does not report it.
   */
  prompt_cached_tokens?: number;
  /** The context /api/ps reported the model loaded with for this test (may be below num_ctx). */
  loaded_context_length?: number;
  flags: ValidityFlag[];
  /** Why a flag was raised and how to avoid it, for the flags whose reason depends on the test. */
  flag_reasons?: FlagReasons;
}

/** Per flag: what was seen and the fix ("asked 32768, Ollama loaded 16384. …"). */
export type FlagReasons = Partial<Record<ValidityFlag, string>>;

export interface SessionTest {
  /** "A", "B", "C" or a custom suite's test name. */
  type: string;
  /**
   * While the test runs: the raw figures of its finished repetitions, written after each one so
   * a crash keeps them; removed once the test result (test_results) holds them.
   */
  partial_repetitions?: RepetitionFigures[];
  status: TestStatus;
  start_time?: IsoDate;
  end_time?: IsoDate;
  metrics: TestMetrics;
  logs: string[];
  error?: string;
  /** The test_results document holding the series and raw figures. */
  result_id?: string;
}

/** What the fit advisor predicted for a model before a run loaded it. */
export interface FitPrediction {
  num_ctx: number;
  total_bytes: number;
  gpu_share: number;
  verdict: 'fits' | 'partial' | 'cpu' | 'too_big';
  vram_bytes: number | null;
}

export interface SessionModel {
  model_id?: string;
  name: string;
  digest?: string;
  /**
   * Cold load time of this model in this session (ms): Ollama's load_duration of the first real
   * request after the unload (it includes the scheduler's wait). Absent when Ollama gave none.
   */
  load_time?: number;
  /**
   * The same load on the client's clock: from sending that first request to its first token
   * (so it also holds a short prompt's processing and the HTTP round trip).
   */
  load_wall_ms?: number;
  /**
   * Where /api/ps placed the model: all in VRAM (`gpu`), split between VRAM and RAM (`partial`),
   * or none of it in VRAM (`cpu`: "CPU only").
   */
  placement?: ModelPlacement;
  /** + /api/ps after the load: the context length the model ran with. */
  loaded_context_length?: number;
  /** + /api/ps after the load: size_vram / size, 0–1 (below 1 = cpu_spill). */
  vram_share?: number;
  // ---- The fit advisor's prediction beside what Ollama reported (src/core/fit) ----
  /** + /api/ps after the load: bytes of the loaded model, and of them in VRAM. */
  loaded_size?: number;
  loaded_size_vram?: number;
  /** The fit advisor's estimate before the load, at the cold load's num_ctx. */
  fit?: FitPrediction;
  error?: string;
  tests: SessionTest[];
}

/** Exactly what was asked of Ollama, recorded so a figure can be reproduced. */
export interface RunOptions {
  host: string;
  suites: string[];
  repetitions: number;
  warmup: boolean;
  num_ctx: number;
  seed: number;
  temperature: number;
  keep_alive: string;
  sampling_interval_ms?: number;
  /** Per suite: the resolved Ollama options and prompts' lengths, and the `think` it sent. */
  suite_options?: Record<string, SuiteOptions & { think?: ThinkSetting }>;
  /** The session's `think` (a suite's own value replaces it for that suite). */
  think?: ThinkSetting;
  /** `--target-ci`: repeat until the main figure's 95 % CI half-width is at most this % of its mean. */
  target_ci_percent?: number;
  /** With target_ci_percent: the most repetitions a test may run. */
  max_repetitions?: number;
  /** Per concurrency suite: the numbers of parallel streams it ran (k). */
  suite_concurrency?: Record<string, number[]>;
  /** With a depth, prefix or rate suite: the workload options it ran with. */
  workload?: WorkloadSettings;
  /** Per embedding suite: the inputs per request it sent, level by level. */
  suite_batches?: Record<string, number[]>;
  /** Ollama's load options sent with every request (absent: Ollama chose them). */
  model_options?: ModelLoadOptions;
  /** The tune (`ollama-bench tune`) this session is a trial of. */
  tune_id?: string;
}

/**
 * Per-request options that change how Ollama loads a model and so its speed, without a restart:
 * threads, layers on the GPU and the prompt batch size (api/types.go Runner). Unset: Ollama's own.
 */
export interface ModelLoadOptions {
  num_thread?: number;
  num_gpu?: number;
  num_batch?: number;
}

export interface SessionDoc {
  _id?: string;
  hardware_config_id?: string;
  status: SessionStatus;
  start_time: IsoDate;
  end_time?: IsoDate;
  models: SessionModel[];
  tags: string[];
  options: RunOptions;
  /** Ollama's version during the run (from /api/version). */
  ollama_version?: string;
  /** What else changes a figure, recorded at the session's start (src/core/bench/runConditions.ts). */
  conditions?: RunConditions;
  /** Short machine label (host name / CPU / GPU) for lists. */
  machine?: string;
  /**
   * Trends: the GPU driver during the run. The hardware config is one document per machine and
   * is updated when the driver changes, so the session keeps its own copy for "what changed".
   */
  gpu_driver?: string;
  /**
   * Figures this machine could not give, said once for the session ("CPU package energy not
   * available: needs read access to …" and the command that grants it).
   */
  machine_notes?: string[];
  /** The machine's mounted file systems at the session's start (Linux). */
  partitions?: PartitionInfo[];
  /** The process running the session: a session still "running" whose process is gone was cut off. */
  runner?: { hostname: string; pid: number };
  error?: string;
  // Benchmark plans: the configuration (and its plan) this session ran, when a worker ran it.
  config_id?: string;
  plan_id?: string;
  created_at: IsoDate;
  updated_at: IsoDate;
}

/** The server's and the machine's settings that change a figure, as found at a session's start. */
export interface RunConditions {
  ollama_version?: string;
  /**
   * OLLAMA_FLASH_ATTENTION, OLLAMA_KV_CACHE_TYPE, OLLAMA_NUM_PARALLEL, OLLAMA_MAX_LOADED_MODELS
   * and OLLAMA_CONTEXT_LENGTH as set for the server, where readable (a variable not set is absent).
   */
  ollama_env?: Record<string, string>;
  /** Where ollama_env was read: the server process's environment, or this process's. */
  ollama_env_source?: 'server' | 'client';
  gpu_driver?: string;
  /** Each GPU's power limit (W), in nvidia-smi's order. */
  gpu_power_limit_w?: number[];
  /** The CPU frequency governor (cpu0's scaling_governor on Linux). */
  cpu_governor?: string;
}

export interface SeriesPoint {
  /** ISO timestamp of the sample. */
  timestamp: IsoDate;
  value: number;
}

export interface TestResultMetrics extends WorkloadMetrics {
  inference_time?: number;
  tokens_per_second?: number;
  prompt_tokens_per_second?: number;
  ttft_ms?: number;
  tpot_ms?: number;
  e2e_ms?: number;
  load_time?: number;
  load_wall_ms?: number;
  ram_usage: SeriesPoint[];
  vram_usage: SeriesPoint[];
  cpu_usage: SeriesPoint[];
  gpu_usage: SeriesPoint[];
  /** stats.<figure> over the repetitions, e.g. stats.tokens_per_second. */
  stats: Record<string, FigureStats>;
  repetitions: RepetitionFigures[];
  flags: ValidityFlag[];
  flag_reasons?: FlagReasons;
  loaded_context_length?: number;
  prompt_cached_tokens?: number;
}

export interface TestResultDoc {
  _id?: string;
  session_id: string;
  model_id?: string;
  model_name: string;
  test_type: string;
  status: TestStatus;
  metrics: TestResultMetrics;
  /** The model's output of the last repetition (shown in the detail view). */
  output: string;
  logs: string[];
  error?: string;
  /** The hardware samples of the test's window, full resolution. */
  samples?: HardwareSample[];
  // Benchmark plans: the configuration (and its plan) this result belongs to.
  config_id?: string;
  plan_id?: string;
  created_at: IsoDate;
}

export type SuiteKind =
  | 'generation'
  | 'prompt'
  | 'concurrency'
  | 'custom'
  | 'embedding'
  | 'vision'
  | 'depth'
  | 'prefix'
  | 'rate';

/**
 * Ollama's `think` (api/types.go ThinkValue): off, on, or a level. A thinking model streams its
 * reasoning in `thinking` chunks before the answer; they count in eval_count.
 */
export type ThinkSetting = boolean | 'low' | 'medium' | 'high' | 'max';

export interface SuiteOptions {
  num_predict: number;
  num_ctx?: number;
  temperature?: number;
  seed?: number;
  top_k?: number;
  top_p?: number;
}

/** A test suite: the built-in A/B/C or a user's own, saved in `custom_suites`. */
export interface SuiteDefinition {
  _id?: string;
  /** "A", "B", "C", or a user-chosen name. */
  name: string;
  description: string;
  kind: SuiteKind;
  tags: string[];
  prompts: string[];
  options: SuiteOptions;
  /** Concurrency suites: parallel stream counts, e.g. [1, 2, 4]. */
  concurrency?: number[];
  /** Ollama's `think` for every request of the suite; unset, the session's (default false). */
  think?: ThinkSetting;
  /** Embedding suites: inputs per /api/embed request, one level after another (default 1, 8, 32). */
  batches?: number[];
  builtin?: boolean;
  /** user@hostname of whoever first saved it. */
  created_by?: string;
  /** Sessions that ran this suite (kept by the store, never by the suite's author). */
  usage_count?: number;
  execution_stats?: SuiteExecutionStats;
  created_at?: IsoDate;
  updated_at?: IsoDate;
}

export interface SuiteExecutionStats {
  runs: number;
  /** Share of runs in which every test of the suite completed, 0–1. */
  success_rate: number;
  /** Mean wall time of the suite's tests in one session (ms). */
  avg_duration_ms: number;
}
