// A run's options, resolved once: the defaults below, then what the caller chose for the session
// (the extension's settings, the CLI's flags, a plan's configuration), then each suite's own
// values. The result travels down through the runner as one value; no part of the runner applies
// a default or picks between a suite's and the session's value again. The names are Ollama's
// (num_ctx, num_predict, keep_alive, seed) from the caller to the request.
import type { SuiteDefinition, SuiteOptions } from '../../shared/dto';

export const DEFAULT_NUM_CTX = 4096;
export const DEFAULT_SEED = 42;
export const DEFAULT_KEEP_ALIVE = '10m';
/** Every measured request is greedy unless a suite sets its own temperature. */
export const RUN_TEMPERATURE = 0;
/** The smallest num_ctx a run or a setting accepts. */
export const MIN_NUM_CTX = 256;

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
}

/** The session's options, every one decided. */
export interface RunOptions {
  readonly num_ctx: number;
  readonly seed: number;
  readonly temperature: number;
  readonly keep_alive: string;
  readonly num_predict?: number;
  readonly timeouts: Readonly<StreamTimeouts>;
}

/** What every request of one suite is sent with (Ollama's `options`, plus top_k / top_p). */
export interface SuiteRequestOptions extends SuiteOptions {
  num_ctx: number;
  seed: number;
  temperature: number;
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
  };
}

/**
 * One suite's request options: the suite's own num_ctx, seed and temperature over the session's;
 * num_predict is the suite's unless the session replaces it for every suite.
 */
export function suiteRequestOptions(suite: SuiteOptions, run: RunOptions): SuiteRequestOptions {
  return {
    ...suite,
    num_ctx: suite.num_ctx ?? run.num_ctx,
    seed: suite.seed ?? run.seed,
    temperature: suite.temperature ?? run.temperature,
    num_predict: run.num_predict ?? suite.num_predict,
  };
}

/** The suites of a session, each with its options resolved, in their order. */
export function runSuites(suites: readonly SuiteDefinition[], run: RunOptions): RunSuite[] {
  return suites.map((s) => ({ ...s, options: suiteRequestOptions(s.options, run) }));
}

function definedOnly<T extends object>(partial: Partial<T> | undefined): Partial<T> {
  if (!partial) return {};
  return Object.fromEntries(
    Object.entries(partial).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
