// Min/max decimation of the live hardware chart: whatever the series, every run keeps its lowest
// and highest point (the peaks), the first and last points stay, and the order is the series'.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { XY } from '../../webview/lib/chartData';
import { decimateMinMax } from '../../webview/lib/decimate';

/** The same runs as decimateMinMax cuts: the points between the first and the last, in `buckets`. */
function runs(points: XY[], buckets: number): XY[][] {
  const inner = points.length - 2;
  return Array.from({ length: buckets }, (_, b) =>
    points.slice(
      1 + Math.floor((b * inner) / buckets),
      1 + Math.floor(((b + 1) * inner) / buckets),
    ),
  );
}

/** A noisy series with one-sample spikes up and down at places no run boundary predicts. */
function series(n: number): XY[] {
  let seed = 7;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: n }, (_, i) => {
    let y = 40 + 10 * Math.sin(i / 300) + rand() * 5;
    if (i % 9973 === 17) y = 100;
    if (i % 7919 === 3) y = 0;
    return { x: i / 4, y };
  });
}

describe('decimateMinMax', () => {
  it("keeps each run's lowest and highest point, and the first and last points", () => {
    const points = series(100_000);
    const buckets = 500;
    const out = decimateMinMax(points, buckets);
    assert.ok(out.length <= 2 * buckets + 2, `${out.length} points`);
    assert.equal(out[0], points[0], 'the first point');
    assert.equal(out.at(-1), points.at(-1), 'the last point');
    const kept = new Set(out);
    for (const run of runs(points, buckets)) {
      const ys = run.map((p) => p.y);
      const min = run[ys.indexOf(Math.min(...ys))]!;
      const max = run[ys.indexOf(Math.max(...ys))]!;
      assert.ok(kept.has(min), `the minimum at x=${min.x} is kept`);
      assert.ok(kept.has(max), `the maximum at x=${max.x} is kept`);
    }
  });

  it('keeps every spike of the series, and the global extremes', () => {
    const points = series(100_000);
    const out = decimateMinMax(points, 300);
    const spikes = points.filter((p) => p.y === 100 || p.y === 0);
    assert.ok(spikes.length > 10);
    for (const s of spikes) assert.ok(out.includes(s), `spike at x=${s.x}`);
    assert.equal(Math.max(...out.map((p) => p.y)), 100);
    assert.equal(Math.min(...out.map((p) => p.y)), 0);
  });

  it('keeps the x order, with no point twice', () => {
    const out = decimateMinMax(series(10_007), 97);
    for (let i = 1; i < out.length; i++) assert.ok(out[i]!.x > out[i - 1]!.x, `at ${i}`);
  });

  it('a flat run gives one point; a short series is drawn as it is', () => {
    const flat = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: 5 }));
    assert.equal(decimateMinMax(flat, 10).length, 10 + 2);
    const short = series(50);
    assert.equal(decimateMinMax(short, 100), short);
    assert.deepEqual(decimateMinMax([], 10), []);
  });
});
