// Over-saturation: a level whose requests arrive faster than they are served builds a queue, so
// both TTFT and the requests in flight keep rising from the level's start to its end. The rule:
// split the level's completed requests, in send order, into thirds; the level is saturated when
// the median TTFT and the mean requests in flight each rise from third to third, and the last
// third's median TTFT is at least 1.5 × the first's. Fewer than 6 requests never count. Pure.
import { mean, median } from '../bench/stats';
import type { RateRequest } from './rateRequest';

export const MIN_SATURATION_REQUESTS = 6;
export const SATURATION_TTFT_GROWTH = 1.5;

const rising = (xs: readonly number[]) => xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? x));

export function saturated(requests: readonly RateRequest[]): boolean {
  const done = requests
    .filter((r) => r.ok && r.ttft_ms !== undefined)
    .sort((a, b) => a.sentMs - b.sentMs);
  if (done.length < MIN_SATURATION_REQUESTS) return false;
  const size = Math.floor(done.length / 3);
  const thirds = [done.slice(0, size), done.slice(size, 2 * size), done.slice(2 * size)];
  const ttft = thirds.map((t) => median(t.map((r) => r.ttft_ms ?? 0)));
  const inFlight = thirds.map((t) => mean(t.map((r) => r.inFlightAtSend)));
  const first = ttft[0] ?? 0;
  const last = ttft[2] ?? 0;
  return rising(ttft) && rising(inFlight) && last >= SATURATION_TTFT_GROWTH * first;
}
