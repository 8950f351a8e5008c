// The options of the workload kinds, as a run resolves them (resolveRunOptions adds them to the
// run's options): depths of a depth sweep; rate, arrival process, bounds and sweep of a rate test;
// the SLO goodput is judged against. Defaults and limits live here; the CLI's flags and a plan's
// configuration give the values. Every load is bounded: a level stops at its request count or its
// duration, whichever comes first, and neither may exceed the caps below.
import type { SloSpec } from '../../shared/workloadTypes';
import { InputError } from '../failures/inputError';
import type { Arrival } from './arrivalSchedule';
import { DEFAULT_SLO } from './slo';

export const DEFAULT_DEPTHS = [0, 2048, 8192, 32768];
export const MAX_DEPTH = 1_048_576;
export const DEFAULT_RATE_RPS = 1;
export const MAX_RATE_RPS = 1000;
export const DEFAULT_ARRIVAL: Arrival = 'poisson';
/** A level without --requests or --duration runs this long. */
export const DEFAULT_LEVEL_MS = 60_000;
export const MAX_LEVEL_MS = 3_600_000;
export const MAX_REQUESTS = 10_000;
/** Rates a sweep spreads between its synchronous and its throughput level. */
export const DEFAULT_SWEEP_RATES = 5;
export const MAX_SWEEP_RATES = 20;
/** The throughput level's streams: as fast as the server takes them, within a bound. */
export const THROUGHPUT_STREAMS = 16;

export interface WorkloadOptionsInput {
  depths?: number[];
  rate?: number;
  arrival?: Arrival;
  durationMs?: number;
  requests?: number;
  sweep?: boolean;
  rates?: number;
  slo?: SloSpec;
}

export interface WorkloadOptions {
  readonly depths: readonly number[];
  readonly rate: number;
  readonly arrival: Arrival;
  /** Each level stops at this many requests, or after durationMs, whichever comes first. */
  readonly requests?: number;
  readonly durationMs?: number;
  readonly sweep: boolean;
  readonly rates: number;
  readonly slo: SloSpec;
}

export function resolveWorkloadOptions(input: WorkloadOptionsInput = {}): WorkloadOptions {
  const requests = input.requests;
  const durationMs = input.durationMs ?? (requests === undefined ? DEFAULT_LEVEL_MS : undefined);
  return {
    depths: input.depths ?? DEFAULT_DEPTHS,
    rate: input.rate ?? DEFAULT_RATE_RPS,
    arrival: input.arrival ?? DEFAULT_ARRIVAL,
    ...(requests !== undefined ? { requests } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
    sweep: input.sweep ?? false,
    rates: input.rates ?? DEFAULT_SWEEP_RATES,
    slo: input.slo ?? DEFAULT_SLO,
  };
}

/** "60s", "2m", "500ms" or plain seconds, as ms within the level cap. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(text.trim());
  const ms = m ? Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000) : Number.NaN;
  if (!(ms >= 1) || ms > MAX_LEVEL_MS)
    throw new InputError(
      `${flag} must be a duration like 60s, 2m or 500ms, at most ${MAX_LEVEL_MS / 60_000} minutes; not "${text}"`,
    );
  return Math.round(ms);
}

/** A rate in requests/s, > 0 and at most MAX_RATE_RPS. */
export function parseRate(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0 || n > MAX_RATE_RPS)
    throw new InputError(
      `${flag} must be requests per second, above 0 and at most ${MAX_RATE_RPS}; not "${text}"`,
    );
  return n;
}

export function parseArrival(text: string): Arrival {
  const t = text.trim();
  if (t === 'constant' || t === 'poisson') return t;
  throw new InputError(`--arrival must be constant or poisson, not "${text}"`);
}

/** Depths in tokens, each from 0 to MAX_DEPTH, in the order given, without repeats. */
export function checkDepths(depths: readonly number[], flag: string): number[] {
  if (!depths.length) throw new InputError(`${flag} needs at least one depth`);
  for (const d of depths)
    if (!Number.isInteger(d) || d < 0 || d > MAX_DEPTH)
      throw new InputError(`${flag} takes depths from 0 to ${MAX_DEPTH} tokens, not ${d}`);
  return [...new Set(depths)];
}
