// Benchmark plans as the CLI, the extension host and the dashboard see them: a plan names the
// dimensions of a matrix (models × suites × num_ctx × concurrency); each point of it is one
// configuration, queued in the store and run by whichever worker claims it. Ids are strings and
// dates ISO strings, as in dto.ts.
import type { IsoDate } from './dto';
import type { WorkloadSettings } from './workloadTypes';

export const CONFIG_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type ConfigStatus = (typeof CONFIG_STATUSES)[number];

/** A config may run anywhere, or only on the machine with this hardware fingerprint. */
export const ANY_MACHINE = 'any';

export const DEFAULT_PRIORITY = 100;
export const DEFAULT_MAX_RETRIES = 2;
/** error_message is cut to this many characters (a stack trace must not bloat the queue). */
export const MAX_ERROR_LENGTH = 1000;

/** An error message as a config keeps it: at most MAX_ERROR_LENGTH characters. */
export const cutError = (msg: string): string =>
  msg.length > MAX_ERROR_LENGTH ? `${msg.slice(0, MAX_ERROR_LENGTH - 1)}…` : msg;

/** What a user asks for: every value list is one dimension of the matrix. */
export interface PlanDimensions {
  models: string[];
  suites: string[];
  num_ctx: number[];
  /** Parallel stream counts; applies to concurrency-kind suites only. */
  concurrency?: number[];
  repetitions: number;
  num_predict?: number;
  seed?: number;
  keep_alive?: string;
  /** The workload suites' options asked for (depths; rate, arrivals, bounds, sweep, SLO); the rest default. */
  workload?: Partial<WorkloadSettings>;
}

export interface PlanInput extends PlanDimensions {
  name: string;
  description?: string;
  priority?: number;
  /** `any`, or a hardware fingerprint. */
  machine?: string;
  max_retries?: number;
  /** Accept a matrix of more than LARGE_PLAN_CONFIGS configurations (not stored). */
  allow_large?: boolean;
}

/** A plan with more configurations than this is refused unless asked for (`--yes-large`). */
export const LARGE_PLAN_CONFIGS = 10_000;

export interface BenchmarkPlan {
  _id: string;
  name: string;
  description?: string;
  /** The union of every value ever planned (creating a plan again may add values). */
  dimensions: PlanDimensions;
  created_at: IsoDate;
  updated_at: IsoDate;
}

export interface ConfigOptions {
  num_ctx: number;
  num_predict?: number;
  /** One stream count (concurrency-kind suites only). */
  concurrency?: number;
  repetitions: number;
  seed: number;
  keep_alive: string;
  /** Depth and rate suites: the plan's options of that kind (absent: the defaults). */
  workload?: Partial<WorkloadSettings>;
}

export interface ClaimedBy {
  hostname: string;
  pid: number;
  fingerprint?: string;
  worker_id: string;
}

export interface BenchmarkConfig {
  _id: string;
  plan_id: string;
  model: string;
  suite: string;
  options: ConfigOptions;
  machine: string;
  /** Canonical hash of plan + model + suite + options + machine (unique). */
  key: string;
  status: ConfigStatus;
  priority: number;
  created_at: IsoDate;
  started_at?: IsoDate;
  heartbeat_at?: IsoDate;
  completed_at?: IsoDate;
  claimed_by?: ClaimedBy;
  retry_count: number;
  max_retries: number;
  error_message?: string;
  session_id?: string;
  /** An eval suite's result (model_evaluations), stored or found already stored. */
  evaluation_id?: string;
  /** The evaluation was already stored for this model digest and set: nothing was asked. */
  evaluation_skipped?: boolean;
  /** Sessions of earlier attempts whose worker was lost (marked interrupted). */
  lost_session_ids?: string[];
  result_ids: string[];
}

export type PlanCounts = Record<ConfigStatus, number>;

export interface PlanStatus {
  name: string;
  plan_id: string;
  counts: PlanCounts;
  total: number;
  /** Seconds left at the median duration of completed configs, spread over running workers. */
  eta_s: number | null;
  /** Per machine (host name of the worker): configs running, completed and failed there. */
  machines: Record<string, { running: number; completed: number; failed: number }>;
}

export interface CreatePlanResult {
  plan_id: string;
  name: string;
  added: number;
  existing: number;
  total: number;
}

/** One line of `plan status`: "12/54 · 1 running · 2 failed". */
export function planProgressText(s: Pick<PlanStatus, 'counts' | 'total'>): string {
  const parts = [`${s.counts.completed}/${s.total}`];
  for (const k of ['running', 'failed', 'cancelled'] as const)
    if (s.counts[k]) parts.push(`${s.counts[k]} ${k}`);
  return parts.join(' · ');
}
