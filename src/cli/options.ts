// The options more than one command takes, declared and read in one place: the store (--store,
// --database), Ollama's address (--host), --json, the hardware sampling interval, the request
// timeouts and a run's options (--num-ctx, --num-predict, --seed, --keep-alive, and the workload
// suites' --depths, --rate, --sweep, --slo, …). Each is added by
// an `add…Option` and read by a `…From`, which checks the value: a malformed one is an
// InputError (exit 2, see exitCodes.ts) that names the flag and what it expects. Defaults a run
// takes are applied by resolveRunOptions (src/core/bench/runOptions.ts), not here; the help text
// quotes them from there.
import { Option, type Command } from 'commander';
import {
  DEFAULT_KEEP_ALIVE,
  DEFAULT_NUM_CTX,
  DEFAULT_SEED,
  DEFAULT_MAX_REPETITIONS,
  DEFAULT_STREAM_TIMEOUTS,
  MIN_ADAPTIVE_REPETITIONS,
  MIN_NUM_CTX,
  parseThink,
  TARGET_CI_PERCENT_RANGE,
  THINK_LEVELS,
  type RunOptionsInput,
  type StreamTimeouts,
} from '../core/bench/runOptions';
import { DEFAULT_REPETITIONS, MAX_REPETITIONS } from '../core/bench/suites';
import { InputError } from '../core/failures/inputError';
import {
  SAMPLING_INTERVAL_DEFAULT_MS,
  SAMPLING_INTERVAL_MAX_MS,
  SAMPLING_INTERVAL_MIN_MS,
} from '../core/hardware/samplingInterval';
import { keepAliveProblem } from '../core/ollama/keepAlive';
import { defaultOllamaHost, DEFAULT_OLLAMA_HOST, parseOllamaHost } from '../core/ollama/ollamaHost';
import { openStore } from '../core/repositories/openStore';
import type { OpenedStore } from '../core/repositories/openedStore';
import { parseSlo } from '../core/workloads/slo';
import {
  checkDepths,
  DEFAULT_ARRIVAL,
  DEFAULT_DEPTHS,
  DEFAULT_LEVEL_MS,
  DEFAULT_RATE_RPS,
  DEFAULT_SWEEP_RATES,
  MAX_REQUESTS,
  MAX_SWEEP_RATES,
  parseArrival,
  parseDuration,
  parseRate,
  type WorkloadOptionsInput,
} from '../core/workloads/workloadOptions';

/** A repeatable option's values, in order (`--tag a --tag b`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A comma-separated list, trimmed, without empty items. */
export const list = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A whole number from `min` to `max` (inclusive), or an InputError naming the flag. */
export function wholeNumber(
  value: string,
  flag: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new InputError(`${flag} must be a whole number ${range}, not "${value}"`);
  }
  return n;
}

/** wholeNumber, or undefined when the option was not given. */
export function optionalWholeNumber(
  value: string | undefined,
  flag: string,
  min: number,
  max?: number,
): number | undefined {
  return value === undefined ? undefined : wholeNumber(value, flag, min, max);
}

/** A comma-separated list of whole numbers (the range is the caller's to check). */
export function wholeNumberList(value: string, flag: string): number[] {
  return list(value).map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw new InputError(`${flag} takes whole numbers, not "${v}"`);
    return n;
  });
}

// --store, --database

export interface StoreOptionValues {
  store?: string;
  database?: string;
}

/**
 * `--store <path|uri>`: a folder for the embedded store, or a mongodb:// / mongodb+srv:// URI.
 * Unset: OLLAMA_BENCH_STORE, else ~/.ollama-bench, the folder the VS Code extension uses too
 * (storeLocation.ts), so its dashboard shows CLI runs.
 */
export function addStoreOption<C extends Command>(command: C): C {
  command
    .option(
      '--store <path|uri>',
      'where results live: a folder (embedded store) or a mongodb:// / mongodb+srv:// URI (default: OLLAMA_BENCH_STORE, else ~/.ollama-bench, the store the VS Code extension shows)',
    )
    .option('--database <name>', 'MongoDB database name (default: ollama_bench)');
  return command;
}

/** Opens the store the options name; warnings (journal, torn writes) go to stderr. */
export function openStoreFromOptions(opts: StoreOptionValues): Promise<OpenedStore> {
  return openStore(opts.store, {
    database: opts.database ?? process.env.OLLAMA_BENCH_DATABASE,
    log: (msg) => process.stderr.write(`${msg}\n`),
    serverSelectionTimeoutMS: process.env.OLLAMA_BENCH_MONGO_TIMEOUT_MS
      ? Number(process.env.OLLAMA_BENCH_MONGO_TIMEOUT_MS)
      : undefined,
    // How long a write waits for another process's lock on the embedded store (default 10 s).
    lockWaitMs: process.env.OLLAMA_BENCH_LOCK_WAIT_MS
      ? Number(process.env.OLLAMA_BENCH_LOCK_WAIT_MS)
      : undefined,
  });
}

/** Runs fn with the opened store and always closes it (so a journal is flushed or reported). */
export async function withStore<T>(
  opts: StoreOptionValues,
  fn: (store: OpenedStore) => Promise<T>,
): Promise<T> {
  const store = await openStoreFromOptions(opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

// --host

export interface HostOptionValues {
  host?: string;
}

/** `--host <url>`; `use` says what the command needs Ollama for, when that is not obvious. */
export function addHostOption<C extends Command>(command: C, use = ''): C {
  command.option(
    '--host <url>',
    `Ollama's address${use ? `, ${use}` : ''} (default: OLLAMA_HOST, else ${DEFAULT_OLLAMA_HOST})`,
  );
  return command;
}

/** The host as a base URL: --host, else OLLAMA_HOST, else the local default. */
export function hostFrom(opts: HostOptionValues): string {
  return parseOllamaHost(opts.host ?? defaultOllamaHost());
}

// --json

export interface JsonOptionValues {
  json?: boolean;
}

/** `--json`, for a chain (`.addOption(jsonOption(…))`); `what` says what is printed instead. */
export function jsonOption(what: string): Option {
  return new Option('--json', what);
}

export function addJsonOption<C extends Command>(command: C, what: string): C {
  command.addOption(jsonOption(what));
  return command;
}

// --interval

export interface IntervalOptionValues {
  interval?: string;
}

export function addIntervalOption<C extends Command>(command: C): C {
  command.option(
    '--interval <ms>',
    `hardware sampling interval, ${SAMPLING_INTERVAL_MIN_MS}–${SAMPLING_INTERVAL_MAX_MS} (default: ${SAMPLING_INTERVAL_DEFAULT_MS})`,
  );
  return command;
}

export function intervalFrom(opts: IntervalOptionValues): number {
  return opts.interval === undefined
    ? SAMPLING_INTERVAL_DEFAULT_MS
    : wholeNumber(opts.interval, '--interval', SAMPLING_INTERVAL_MIN_MS, SAMPLING_INTERVAL_MAX_MS);
}

// --timeout (one request), --first-token-timeout and --stall-timeout (a measured stream)

export interface RequestTimeoutOptionValues {
  timeout?: string;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

export function addRequestTimeoutOption<C extends Command>(command: C): C {
  command.option(
    '--timeout <ms>',
    `give up on a request after this many milliseconds (default: ${DEFAULT_REQUEST_TIMEOUT_MS})`,
  );
  return command;
}

export function requestTimeoutFrom(opts: RequestTimeoutOptionValues): number {
  return opts.timeout === undefined
    ? DEFAULT_REQUEST_TIMEOUT_MS
    : wholeNumber(opts.timeout, '--timeout', 1);
}

export interface StreamTimeoutOptionValues {
  firstTokenTimeout?: string;
  stallTimeout?: string;
}

export function addStreamTimeoutOptions<C extends Command>(command: C): C {
  command
    .option(
      '--first-token-timeout <seconds>',
      `give up on a request that sends nothing for this long (covers a cold load; default: ${DEFAULT_STREAM_TIMEOUTS.firstChunkMs / 1000})`,
    )
    .option(
      '--stall-timeout <seconds>',
      `give up on a stream that stops sending for this long (default: ${DEFAULT_STREAM_TIMEOUTS.stallMs / 1000})`,
    );
  return command;
}

/** The timeouts given; one left out is the run's default (resolveRunOptions). */
export function streamTimeoutsFrom(opts: StreamTimeoutOptionValues): Partial<StreamTimeouts> {
  const seconds = (value: string | undefined, flag: string) => {
    const n = optionalWholeNumber(value, flag, 1);
    return n === undefined ? undefined : n * 1000;
  };
  const firstChunkMs = seconds(opts.firstTokenTimeout, '--first-token-timeout');
  const stallMs = seconds(opts.stallTimeout, '--stall-timeout');
  return {
    ...(firstChunkMs !== undefined ? { firstChunkMs } : {}),
    ...(stallMs !== undefined ? { stallMs } : {}),
  };
}

// --repetitions

export interface RepetitionsOptionValues {
  repetitions: string;
}

export function addRepetitionsOption<C extends Command>(command: C, what: string): C {
  command.option('--repetitions <n>', `${what}, 1–${MAX_REPETITIONS}`, String(DEFAULT_REPETITIONS));
  return command;
}

export function repetitionsFrom(opts: RepetitionsOptionValues): number {
  return wholeNumber(opts.repetitions, '--repetitions', 1, MAX_REPETITIONS);
}

// --num-ctx, --num-predict, and a run's other request options

export interface NumCtxOptionValues {
  numCtx?: string;
}

export function addNumCtxOption<C extends Command>(command: C, what: string): C {
  command.option('--num-ctx <n>', `${what} (default: ${DEFAULT_NUM_CTX})`);
  return command;
}

export function numCtxFrom(opts: NumCtxOptionValues): number | undefined {
  return optionalWholeNumber(opts.numCtx, '--num-ctx', MIN_NUM_CTX);
}

export interface NumPredictOptionValues {
  numPredict?: string;
}

export function addNumPredictOption<C extends Command>(command: C, what: string): C {
  command.option('--num-predict <n>', what);
  return command;
}

export function numPredictFrom(opts: NumPredictOptionValues): number | undefined {
  return optionalWholeNumber(opts.numPredict, '--num-predict', 1);
}

export interface RunOptionValues
  extends
    NumCtxOptionValues,
    NumPredictOptionValues,
    StreamTimeoutOptionValues,
    WorkloadOptionValues {
  seed?: string;
  keepAlive?: string;
  think?: string;
  targetCi?: string;
  maxRepetitions?: string;
}

/** What `run` sends with every request: --num-ctx, --num-predict, --seed, --keep-alive, timeouts. */
export function addRunOptions<C extends Command>(command: C): C {
  addNumCtxOption(command, 'context length for every request (changing it reloads the model)');
  addNumPredictOption(command, "override every suite's tokens to generate (quick runs)")
    .option('--seed <n>', `sampling seed (temperature is always 0; default: ${DEFAULT_SEED})`)
    .option(
      '--keep-alive <duration>',
      `how long Ollama keeps the model loaded between requests (default: ${DEFAULT_KEEP_ALIVE})`,
    )
    .option(
      '--think <value>',
      `Ollama's think for suites without their own: false, true, ${THINK_LEVELS.join(', ')} (default: false)`,
    )
    .option(
      '--target-ci <pct>',
      `repeat each test until the 95 % CI half-width of its main figure is at most pct % of its mean (${TARGET_CI_PERCENT_RANGE.min}–${TARGET_CI_PERCENT_RANGE.max}; at least ${MIN_ADAPTIVE_REPETITIONS} repetitions; replaces --repetitions)`,
    )
    .option(
      '--max-repetitions <n>',
      `with --target-ci: the most repetitions per test, ${MIN_ADAPTIVE_REPETITIONS}–${MAX_REPETITIONS} (default: ${DEFAULT_MAX_REPETITIONS})`,
    );
  return addWorkloadOptions(addStreamTimeoutOptions(command));
}

// --depths, --rate, --arrival, --duration, --requests, --sweep, --rates, --slo (workload suites)

export interface WorkloadOptionValues {
  depths?: string;
  rate?: string;
  arrival?: string;
  duration?: string;
  requests?: string;
  sweep?: boolean;
  rates?: string;
  slo?: string;
}

export function addWorkloadOptions<C extends Command>(command: C): C {
  command
    .option(
      '--depths <tokens>',
      `suite depth: comma-separated context depths (default: ${DEFAULT_DEPTHS.join(',')}; capped below num_ctx − num_predict)`,
    )
    .option('--rate <rps>', `suite rate: requests per second (default: ${DEFAULT_RATE_RPS})`)
    .option('--arrival <process>', `suite rate: constant or poisson (default: ${DEFAULT_ARRIVAL})`)
    .option(
      '--duration <time>',
      `suite rate: how long each level sends, e.g. 60s or 2m (default: ${DEFAULT_LEVEL_MS / 1000}s unless --requests)`,
    )
    .option('--requests <n>', `suite rate: most requests per level, 1–${MAX_REQUESTS}`)
    .option(
      '--sweep',
      'suite rate: synchronous, then throughput, then --rates rates between; stops at over-saturation',
    )
    .option(
      '--rates <n>',
      `with --sweep: rates between synchronous and throughput, 1–${MAX_SWEEP_RATES} (default: ${DEFAULT_SWEEP_RATES})`,
    )
    .option(
      '--slo <slo>',
      'suite rate: interactive (TTFT p90 ≤ 500 ms, TPOT p90 ≤ 30 ms), standard (≤ 2000 ms, ≤ 100 ms; the default) or bounds like "ttft_ms<=800,tpot_ms<=50"',
    );
  return command;
}

/** The workload options the flags give; resolveWorkloadOptions fills in the rest. */
export function workloadOptionsFrom(opts: WorkloadOptionValues): WorkloadOptionsInput {
  if (opts.rates !== undefined && !opts.sweep)
    throw new InputError('--rates sets how many rates a --sweep tries: give --sweep too');
  if (opts.rate !== undefined && opts.sweep)
    throw new InputError('--sweep chooses its own rates: give --rate or --sweep, not both');
  return {
    ...(opts.depths !== undefined
      ? { depths: checkDepths(wholeNumberList(opts.depths, '--depths'), '--depths') }
      : {}),
    ...(opts.rate !== undefined ? { rate: parseRate(opts.rate, '--rate') } : {}),
    ...(opts.arrival !== undefined ? { arrival: parseArrival(opts.arrival) } : {}),
    ...(opts.duration !== undefined
      ? { durationMs: parseDuration(opts.duration, '--duration') }
      : {}),
    ...(opts.requests !== undefined
      ? { requests: wholeNumber(opts.requests, '--requests', 1, MAX_REQUESTS) }
      : {}),
    ...(opts.sweep ? { sweep: true } : {}),
    ...(opts.rates !== undefined
      ? { rates: wholeNumber(opts.rates, '--rates', 1, MAX_SWEEP_RATES) }
      : {}),
    ...(opts.slo !== undefined ? { slo: parseSlo(opts.slo) } : {}),
  };
}

/** --think: a boolean or one of Ollama's levels. */
function thinkFrom(value: string | undefined): RunOptionsInput['think'] {
  if (value === undefined) return undefined;
  const think = parseThink(value);
  if (think === undefined)
    throw new InputError(`--think must be false, true, ${THINK_LEVELS.join(', ')}, not "${value}"`);
  return think;
}

/** --target-ci: a percentage within TARGET_CI_PERCENT_RANGE. */
function targetCiFrom(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const { min, max } = TARGET_CI_PERCENT_RANGE;
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new InputError(`--target-ci must be a percentage from ${min} to ${max}, not "${value}"`);
  return n;
}

/** The run options the flags give; resolveRunOptions fills in the rest. */
export function runOptionsFrom(opts: RunOptionValues): RunOptionsInput {
  if (opts.keepAlive !== undefined) {
    const refused = keepAliveProblem(opts.keepAlive);
    if (refused) throw new InputError(`--keep-alive: ${refused}`);
  }
  if (opts.maxRepetitions !== undefined && opts.targetCi === undefined)
    throw new InputError('--max-repetitions caps --target-ci: give --target-ci too');
  return {
    num_ctx: numCtxFrom(opts),
    num_predict: numPredictFrom(opts),
    seed: optionalWholeNumber(opts.seed, '--seed', 0),
    keep_alive: opts.keepAlive,
    timeouts: streamTimeoutsFrom(opts),
    think: thinkFrom(opts.think),
    target_ci_percent: targetCiFrom(opts.targetCi),
    workload: workloadOptionsFrom(opts),
    max_repetitions: optionalWholeNumber(
      opts.maxRepetitions,
      '--max-repetitions',
      MIN_ADAPTIVE_REPETITIONS,
      MAX_REPETITIONS,
    ),
  };
}
