// The clock and timer a load level runs on: injected, so the scheduler's tests run on a virtual
// clock and the real run on the monotonic one.
import { performance } from 'node:perf_hooks';

export interface LevelClock {
  /** Monotonic ms. */
  now(): number;
  /** Resolves after ms (at once for ms ≤ 0), or when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realLevelClock: LevelClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};
