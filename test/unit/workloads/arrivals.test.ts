// The load generator's pure parts on fixed inputs: the schedules, the KS test, the scheduler on a
// virtual clock (arrivals keep their times whether or not answers came back).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  arrivalSchedule,
  exponentialGapMs,
  interArrivalGaps,
} from '../../../src/core/workloads/arrivalSchedule';
import { runClosedLoop, runOnSchedule } from '../../../src/core/workloads/arrivalScheduler';
import { ksExponential, ksTest, kolmogorovQ } from '../../../src/core/workloads/ksTest';
import type { LevelClock } from '../../../src/core/workloads/levelClock';
import { seededRandom } from '../../../src/core/workloads/seededRandom';

/** A clock that moves only when something sleeps: time is exact and no test waits. */
function virtualClock(): LevelClock & { advance(ms: number): void } {
  let t = 0;
  const clock = {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    sleep: async (ms: number) => {
      if (ms > 0) t += ms;
      await Promise.resolve();
    },
  };
  return clock;
}

describe('arrival schedules', () => {
  it('constant: one every 1/R s, bounded by count and by duration', () => {
    assert.deepEqual(
      arrivalSchedule({ rate: 4, arrival: 'constant', requests: 5, seed: 1 }),
      [0, 250, 500, 750, 1000],
    );
    assert.deepEqual(
      arrivalSchedule({ rate: 2, arrival: 'constant', durationMs: 2000, seed: 1 }),
      [0, 500, 1000, 1500],
    );
    // Both bounds: whichever comes first.
    assert.equal(
      arrivalSchedule({ rate: 10, arrival: 'constant', requests: 3, durationMs: 10_000, seed: 1 })
        .length,
      3,
    );
    assert.throws(
      () => arrivalSchedule({ rate: 1, arrival: 'constant', seed: 1 }),
      /count or a duration/,
    );
    assert.throws(() => arrivalSchedule({ rate: 0, arrival: 'constant', requests: 1, seed: 1 }));
  });

  it('poisson: seeded exponential gaps, the same for the same seed', () => {
    const a = arrivalSchedule({ rate: 20, arrival: 'poisson', requests: 2000, seed: 7 });
    const b = arrivalSchedule({ rate: 20, arrival: 'poisson', requests: 2000, seed: 7 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(
      a,
      arrivalSchedule({ rate: 20, arrival: 'poisson', requests: 2000, seed: 8 }),
    );
    const gaps = interArrivalGaps(a);
    const meanGap = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    assert.ok(Math.abs(meanGap - 50) < 5, `mean gap ${meanGap} ms, expected about 50`);
    assert.ok(ksExponential(gaps, 20).p > 0.05);
    // Constant gaps are not exponential.
    assert.ok(ksExponential(Array(500).fill(50), 20).p < 0.001);
    assert.equal(exponentialGapMs(0, 10), 0);
  });

  it('the seeded generator is uniform in [0, 1)', () => {
    const r = seededRandom(3);
    const xs = Array.from({ length: 5000 }, r);
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    assert.ok(ksTest(xs, (x) => Math.min(1, Math.max(0, x))).p > 0.05);
  });

  it('the Kolmogorov distribution: known values', () => {
    assert.ok(Math.abs(kolmogorovQ(1.36) - 0.049) < 0.002);
    assert.ok(Math.abs(kolmogorovQ(1.63) - 0.01) < 0.001);
    assert.equal(kolmogorovQ(0), 1);
  });
});

describe('the scheduler', () => {
  it('sends on schedule whether or not earlier requests answered, and counts those in flight', async () => {
    const clock = virtualClock();
    const answers: (() => void)[] = [];
    const pending = runOnSchedule(
      [0, 100, 200, 300],
      () =>
        new Promise((resolve) =>
          answers.push(() => resolve({ ttft_ms: 10, e2e_ms: 20, eval_count: 3 })),
        ),
      clock,
    );
    // Let the schedule run: nothing answered, every request was sent anyway.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    assert.equal(answers.length, 4);
    clock.advance(50);
    answers.forEach((a) => a());
    const records = await pending;
    assert.deepEqual(
      records.map((r) => [r.scheduledMs, r.sentMs, r.inFlightAtSend, r.ok, r.endMs]),
      [
        [0, 0, 0, true, 350],
        [100, 100, 1, true, 350],
        [200, 200, 2, true, 350],
        [300, 300, 3, true, 350],
      ],
    );
  });

  it('a failed request is kept as failed; a cancelled signal stops sending at once', async () => {
    const clock = virtualClock();
    const stop = new AbortController();
    let n = 0;
    const records = await runOnSchedule(
      [0, 10, 20, 30],
      async () => {
        n++;
        if (n === 2) stop.abort();
        if (n === 1) throw new Error('refused');
        return { eval_count: 1 };
      },
      clock,
      stop.signal,
    );
    assert.deepEqual(
      records.map((r) => r.ok),
      [false, true],
    );
  });

  it('closed loop: synchronous sends one after another, within its request bound', async () => {
    const clock = virtualClock();
    let inFlight = 0;
    let most = 0;
    const records = await runClosedLoop(
      { streams: 1, requests: 5 },
      async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await clock.sleep(40);
        inFlight--;
        return { eval_count: 2 };
      },
      clock,
    );
    assert.equal(records.length, 5);
    assert.equal(most, 1);
    assert.deepEqual(
      records.map((r) => r.sentMs),
      [0, 40, 80, 120, 160],
    );
    const other = virtualClock();
    const wide = await runClosedLoop(
      { streams: 4, durationMs: 100 },
      async () => {
        await other.sleep(30);
        return { eval_count: 1 };
      },
      other,
    );
    assert.ok(wide.length >= 4);
    assert.ok(wide.every((r) => r.sentMs < 100 + 30));
  });
});
