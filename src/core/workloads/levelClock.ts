// The clock and timer a load level runs on: injected, so the scheduler's tests run on a virtual
// clock and the real run on the monotonic one.
import { performance } from 'node:perf_hooks';
import { sleep } from '../bench/retry';

export interface LevelClock {
  /** Monotonic ms. */
  now(): number;
  /** Resolves after ms (at once for ms ≤ 0), or when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realLevelClock: LevelClock = {
  now: () => performance.now(),
  // A cancelled wait ends the wait, not the level: the scheduler then stops sending.
  sleep: (ms, signal) => (ms > 0 ? sleep(ms, signal).catch(() => undefined) : Promise.resolve()),
};
