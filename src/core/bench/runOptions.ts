// A run's options, resolved once: the defaults below, then what the caller chose for the session
// (the extension's settings, the CLI's flags, a plan's configuration), then each suite's own
// values. The result travels down through the runner as one value; no part of the runner applies
// a default or picks between a suite's and the session's value again. The names are Ollama's
// (num_ctx, num_predict, keep_alive, seed) from the caller to the request.
import type {
  ModelLoadOptions,
  SuiteDefinition,
  SuiteOptions,
  ThinkSetting,
} from '../../shared/dto';
import {
  resolveWorkloadOptions,
  type WorkloadOptions,
  type WorkloadOptionsInput,
} from '../workloads/workloadOptions';

export const DEFAULT_NUM_CTX = 4096;
export const DEFAULT_SEED = 42;
export const DEFAULT_KEEP_ALIVE = '10m';
/** Every measured request is greedy unless a suite sets its own temperature. */
export const RUN_TEMPERATURE = 0;
/** The smallest num_ctx a run or a setting accepts. */
export const MIN_NUM_CTX = 256;
/** Thinking is off unless a suite or the session asks for it: answers are then comparable. */
export const DEFAULT_THINK: ThinkSetting = false;
/** Ollama's `think` values (api/types.go ThinkValue.IsValid). */
export const THINK_LEVELS = ['low', 'medium', 'high', 'max'] as const;
/** With a CI target: never fewer repetitions than this (a CI from 2 values says little). */
export const MIN_ADAPTIVE_REPETITIONS = 3;
/** With a CI target and no cap given: the most repetitions a test runs. */
export const DEFAULT_MAX_REPETITIONS = 20;
/** The CI targets a run or a setting accepts, in percent of the mean. */
export const TARGET_CI_PERCENT_RANGE = { min: 0.1, max: 50 } as const;

/** "true", "high", … as a ThinkSetting; undefined for anything Ollama would refuse. */
export function parseThink(value: unknown): ThinkSetting | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  return (THINK_LEVELS as readonly string[]).includes(v) ? (v as ThinkSetting) : undefined;
}

/** Whether a think value turns thinking on (api/types.go ThinkValue.Bool: true or any level). */
export const thinks = (think: ThinkSetting): boolean => think !== false;

/** How long a measured request may stay silent. */
export interface StreamTimeouts {
  /** Until the first chunk: covers a cold load and the prompt. */
  firstChunkMs: number;
  /** Between two chunks once the stream has started. */
  stallMs: number;
}

export const DEFAULT_STREAM_TIMEOUTS: Readonly<StreamTimeouts> = {
  firstChunkMs: 10 * 60_000,
  stallMs: 60_000,
};

/** What a caller chose for the session; anything left out takes the default. */
export interface RunOptionsInput {
  num_ctx?: number;
  seed?: number;
  keep_alive?: string;
  /** Replaces every suite's num_predict (quick runs); unset, each suite keeps its own. */
  num_predict?: number;
  timeouts?: Partial<StreamTimeouts>;
  /** Ollama's `think` for suites that do not set their own. */
  think?: ThinkSetting;
  /** Repeat each test until its main figure's CI half-width is at most this % of the mean. */
  target_ci_percent?: number;
  /** With target_ci_percent: the most repetitions a test may run. */
  max_repetitions?: number;
  /** Depth, prefix and rate suites: depths, rates, arrivals, bounds, the SLO. */
  workload?: WorkloadOptionsInput;
  /** Threads, GPU layers, batch size for every request; unset ones are Ollama's own. */
  model_options?: ModelLoadOptions;
  /** Marks the session as one trial of a tune. */
  tune_id?: string;
}

/** Repetitions until the CI is narrow enough: at least `min`, at most `max`. */
export interface AdaptiveRepetitions {
  readonly targetCiPercent: number;
  readonly min: number;
  readonly max: number;
}

/** The session's options, every one decided. */
export interface RunOptions {
  readonly num_ctx: number;
  readonly seed: number;
  readonly temperature: number;
  readonly keep_alive: string;
  readonly num_predict?: number;
  readonly timeouts: Readonly<StreamTimeouts>;
  readonly think: ThinkSetting;
  /** Set with a CI target: the repetitions then adapt, else every test runs the fixed count. */
  readonly adaptive?: AdaptiveRepetitions;
  /** Depth, prefix and rate suites' options, every one decided. */
  readonly workload: WorkloadOptions;
  /** Sent with every request of the session (a tune's trial); absent: Ollama's own choice. */
  readonly model_options?: Readonly<ModelLoadOptions>;
  readonly tune_id?: string;
}

/** What every request of one suite is sent with (Ollama's `options`, plus top_k / top_p). */
export interface SuiteRequestOptions extends SuiteOptions, ModelLoadOptions {
  num_ctx: number;
  seed: number;
  temperature: number;
  /** Sent as the request's top-level `think`, not in `options`. */
  think: ThinkSetting;
}

/** A suite as the runner runs it: its options resolved against the session's. */
export interface RunSuite extends Omit<SuiteDefinition, 'options'> {
  options: SuiteRequestOptions;
}

/** The session's options: the caller's value where it gave one, else the default. */
export function resolveRunOptions(input: RunOptionsInput = {}): RunOptions {
  return {
    num_ctx: input.num_ctx ?? DEFAULT_NUM_CTX,
    seed: input.seed ?? DEFAULT_SEED,
    temperature: RUN_TEMPERATURE,
    keep_alive: input.keep_alive ?? DEFAULT_KEEP_ALIVE,
    ...(input.num_predict !== undefined ? { num_predict: input.num_predict } : {}),
    timeouts: { ...DEFAULT_STREAM_TIMEOUTS, ...definedOnly(input.timeouts) },
    think: input.think ?? DEFAULT_THINK,
    workload: resolveWorkloadOptions(input.workload),
    ...(input.target_ci_percent !== undefined
      ? {
          adaptive: {
            targetCiPercent: input.target_ci_percent,
            min: MIN_ADAPTIVE_REPETITIONS,
            max: Math.max(
              MIN_ADAPTIVE_REPETITIONS,
              input.max_repetitions ?? DEFAULT_MAX_REPETITIONS,
            ),
          },
        }
      : {}),
    ...(input.model_options && Object.keys(definedOnly(input.model_options)).length
      ? { model_options: definedOnly(input.model_options) }
      : {}),
    ...(input.tune_id !== undefined ? { tune_id: input.tune_id } : {}),
  };
}

/**
 * One suite's request options: the suite's own num_ctx, seed, temperature and think over the
 * session's; num_predict is the suite's unless the session replaces it for every suite.
 */
export function suiteRequestOptions(
  suite: SuiteOptions,
  run: RunOptions,
  think?: ThinkSetting,
): SuiteRequestOptions {
  return {
    ...suite,
    ...run.model_options,
    num_ctx: suite.num_ctx ?? run.num_ctx,
    seed: suite.seed ?? run.seed,
    temperature: suite.temperature ?? run.temperature,
    num_predict: run.num_predict ?? suite.num_predict,
    think: think ?? run.think,
  };
}

/** The suites of a session, each with its options resolved, in their order. */
export function runSuites(suites: readonly SuiteDefinition[], run: RunOptions): RunSuite[] {
  return suites.map((s) => ({ ...s, options: suiteRequestOptions(s.options, run, s.think) }));
}

function definedOnly<T extends object>(partial: Partial<T> | undefined): Partial<T> {
  if (!partial) return {};
  return Object.fromEntries(
    Object.entries(partial).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
