// The figures of the workload kinds (depth, prefix, rate) as stored in a test's summary metrics,
// the CLI's --json, the exports and the dashboard. Pure types: no DOM, no Node.

/** One context depth of a depth sweep: Ollama's own counts and rates at that depth. */
export interface DepthLevel {
  /** The depth asked for (tokens of context before the question), capped below num_ctx − num_predict. */
  depth: number;
  /** Ollama's prompt_eval_count of the level's requests (median). */
  prompt_tokens: number;
  /** Newly processed prompt tokens / prompt_eval_duration (mean). */
  prompt_tokens_per_second?: number;
  /** eval_count / eval_duration (mean). */
  tokens_per_second?: number;
  /** Client clock to the first token (p50). */
  ttft_ms?: number;
}

/** A service-level objective: the p90 of each named figure must be at most its bound. */
export interface SloSpec {
  /** `interactive`, `standard` or `custom`. */
  name: string;
  /** The percentile every bound applies to (90). */
  percentile: number;
  bounds: SloBounds;
}

export interface SloBounds {
  ttft_ms?: number;
  tpot_ms?: number;
  itl_ms?: number;
  e2e_ms?: number;
}

/** How a rate level sent its requests. */
export type RateMode = 'synchronous' | 'throughput' | 'constant' | 'poisson';

/** One arrival rate of a rate test or sweep. */
export interface RateLevel {
  mode: RateMode;
  /** The rate asked (synchronous and throughput: the rate they achieved). */
  rate_rps: number;
  /** Completed requests / the level's wall time (first arrival to last completion). */
  achieved_rps: number;
  /** Completed requests that met every bound of the SLO, per second of the level. */
  goodput_rps: number;
  /** Generated tokens / the level's wall time. */
  output_tokens_per_second: number;
  requests: number;
  completed: number;
  failed: number;
  ttft_ms_p50?: number;
  ttft_ms_p90?: number;
  ttft_ms_p99?: number;
  tpot_ms_p50?: number;
  tpot_ms_p90?: number;
  tpot_ms_p99?: number;
  itl_ms_p50?: number;
  itl_ms_p90?: number;
  itl_ms_p99?: number;
  e2e_ms_p50?: number;
  e2e_ms_p90?: number;
  e2e_ms_p99?: number;
  /** Time before the first token that was neither load nor prompt processing: waiting for a slot. */
  wait_ms_p50?: number;
  wait_ms_p90?: number;
  wait_ms_p99?: number;
  /** How late the client sent requests against the schedule (p99): the load generator's honesty. */
  send_lag_ms_p99?: number;
  /** Most requests in flight at once. */
  max_in_flight: number;
  /** Whether every p90 of the level met the SLO. */
  meets_slo: boolean;
  /** TTFT and requests in flight kept rising through the level (saturation.ts). */
  saturated?: boolean;
  /** The level at the highest rate that met the SLO before one that did not: the knee. */
  knee?: boolean;
}

/** The workload options a session ran with, as stored in its options. */
export interface WorkloadSettings {
  depths: number[];
  rate: number;
  arrival: 'constant' | 'poisson';
  requests?: number;
  duration_ms?: number;
  sweep: boolean;
  rates: number;
  slo: SloSpec;
}

/** What the workload kinds add to a test's summary metrics. */
export interface WorkloadMetrics {
  /** Depth sweeps: one entry per depth, in order. */
  depth_levels?: DepthLevel[];
  /** Shared prefix: p50 TTFT of the first request (cold) and of the requests that reuse the prefix. */
  ttft_cold_ms?: number;
  ttft_warm_ms?: number;
  /** Shared prefix: p50 prompt_eval_duration (ms) cold and warm. */
  prefill_cold_ms?: number;
  prefill_warm_ms?: number;
  /** Shared prefix: cached tokens ÷ prompt tokens over the warm requests (where Ollama reports it). */
  prefix_reuse_ratio?: number;
  /** Rate tests: one entry per level, in the order they ran. */
  rate_levels?: RateLevel[];
  /** Rate tests: the best goodput of any level. */
  goodput_rps?: number;
  /** Rate tests: the highest rate whose p90s all met the SLO; null when none did. */
  max_sustainable_rps?: number | null;
  slo?: SloSpec;
  /** Why a sweep stopped before its last level (saturation, cancellation). */
  sweep_stopped?: string;
}
