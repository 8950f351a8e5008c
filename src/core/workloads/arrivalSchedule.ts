// When each request of a rate level is sent, in ms after the level starts: at a constant rate
// (one every 1/R s) or as a Poisson process (exponential gaps of mean 1/R s from a seeded
// generator). The schedule is fixed before the first request, so arrivals never wait for answers.
// Bounded by a request count, a duration, or both (whichever comes first); never unbounded.
import { seededRandom } from './seededRandom';

export type Arrival = 'constant' | 'poisson';

export interface ScheduleInput {
  /** Requests per second, > 0. */
  rate: number;
  arrival: Arrival;
  /** Most requests. */
  requests?: number;
  /** Arrivals only before this many ms. */
  durationMs?: number;
  /** Poisson: the generator's seed. */
  seed: number;
}

/** The hard cap on one level's requests, whatever the bounds say. */
export const MAX_LEVEL_REQUESTS = 100_000;

/** One exponential gap of mean 1/rate s, in ms, from a uniform u in [0, 1). */
export const exponentialGapMs = (u: number, rate: number): number =>
  (Math.log(1 / (1 - u)) / rate) * 1000;

/** The send times (ms from the level's start), ascending, the first at 0. */
export function arrivalSchedule(input: ScheduleInput): number[] {
  const { rate, arrival, requests, durationMs } = input;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be > 0, not ${rate}`);
  if (requests === undefined && durationMs === undefined)
    throw new RangeError('a schedule needs a request count or a duration');
  const most = Math.min(requests ?? MAX_LEVEL_REQUESTS, MAX_LEVEL_REQUESTS);
  const random = seededRandom(input.seed);
  const times: number[] = [];
  let t = 0;
  while (times.length < most) {
    if (durationMs !== undefined && t >= durationMs) break;
    times.push(t);
    t += arrival === 'constant' ? 1000 / rate : exponentialGapMs(random(), rate);
  }
  return times;
}

/** The gaps between consecutive arrivals (ms). */
export const interArrivalGaps = (times: readonly number[]): number[] =>
  times.slice(1).map((t, i) => t - (times[i] ?? 0));
