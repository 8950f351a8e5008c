// What the host sends the Live panel of a long hardware series: for every run, each figure's
// lowest and highest point (the peaks), the first and last points, in time order; a short series
// and its snapshot go as they are.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  runBounds,
  THIN_ABOVE,
  THIN_RUNS,
  THINNED_FIGURES,
  thinHardwarePoints,
  thinLiveSnapshot,
} from '../../src/shared/hardwareThinning';
import type { LiveHardwarePoint, LiveSnapshot } from '../../src/shared/protocol';

/** Noisy figures with one-sample spikes up and down where no run boundary predicts, GPU half absent. */
function series(n: number): LiveHardwarePoint[] {
  let seed = 11;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: n }, (_, i) => {
    const p: LiveHardwarePoint = {
      t: i * 250,
      cpu: i % 9973 === 17 ? 100 : i % 7919 === 3 ? 0 : 40 + 10 * Math.sin(i / 300) + rand() * 5,
      ram: 8e9 + 1e8 * Math.sin(i / 900) + rand() * 1e6,
      vram: 6e9 + (i % 4999 === 1 ? 2e9 : 0),
    };
    if (i < n / 2) p.gpu = 60 + 30 * Math.cos(i / 700) + rand();
    return p;
  });
}

const snapshotOf = (hardware: LiveHardwarePoint[]): LiveSnapshot => ({
  status: 'done',
  models: ['m'],
  suites: ['A'],
  repetitions: 1,
  progress: [],
  tokens: [],
  ttft: [],
  hardware,
  phases: [],
  logs: [],
});

describe('thinHardwarePoints', () => {
  it("keeps every run's lowest and highest point of each figure, and the first and last points", () => {
    const points = series(100_000);
    const out = thinHardwarePoints(points);
    assert.ok(out.length < points.length / 10, `${out.length} points sent`);
    assert.equal(out[0], points[0], 'the first point');
    assert.equal(out.at(-1), points.at(-1), 'the last point');
    const kept = new Set(out);
    for (let b = 0; b < THIN_RUNS; b++) {
      const [from, to] = runBounds(points.length, THIN_RUNS, b);
      const run = points.slice(from, to);
      for (const figure of THINNED_FIGURES) {
        const values = run.map((p) => p[figure] ?? NaN).filter((v) => !Number.isNaN(v));
        if (!values.length) continue;
        for (const extreme of [Math.min(...values), Math.max(...values)]) {
          const at = run.find((p) => p[figure] === extreme);
          assert.ok(at && kept.has(at), `the ${figure} extreme ${extreme} of run ${b} is kept`);
        }
      }
    }
  });

  it('keeps every spike and the global extremes of each figure', () => {
    const points = series(50_000);
    const out = thinHardwarePoints(points);
    for (const p of points.filter((q) => q.cpu === 100 || q.cpu === 0 || (q.vram ?? 0) > 7e9))
      assert.ok(out.includes(p), `the spike at t=${p.t}`);
    for (const figure of THINNED_FIGURES) {
      const all = points.flatMap((p) => (p[figure] === undefined ? [] : [p[figure]]));
      const sent = out.flatMap((p) => (p[figure] === undefined ? [] : [p[figure]]));
      assert.equal(Math.max(...sent), Math.max(...all), `${figure} max`);
      assert.equal(Math.min(...sent), Math.min(...all), `${figure} min`);
    }
  });

  it('sends whole points in time order, none twice', () => {
    const points = series(30_011);
    const out = thinHardwarePoints(points, 97, 0);
    for (let i = 1; i < out.length; i++) assert.ok(out[i]!.t > out[i - 1]!.t, `at ${i}`);
    for (const p of out) assert.ok(points.includes(p), 'a point as it was sampled');
  });

  it('a run without any figure keeps one point; a short series goes as it is', () => {
    const bare = Array.from({ length: 20_000 }, (_, i) => ({ t: i }));
    assert.equal(thinHardwarePoints(bare, 100).length, 100 + 2);
    const short = series(THIN_ABOVE);
    assert.equal(thinHardwarePoints(short), short);
    assert.deepEqual(thinHardwarePoints([]), []);
  });
});

describe('thinLiveSnapshot', () => {
  it('posts a short snapshot unchanged', () => {
    const snap = snapshotOf(series(1_000));
    assert.equal(thinLiveSnapshot(snap), snap);
    assert.equal(thinLiveSnapshot(snap).hardwareSamples, undefined);
  });

  it('thins a long series and says how many samples it stands for', () => {
    const snap = snapshotOf(series(20_000));
    const sent = thinLiveSnapshot(snap);
    assert.equal(sent.hardwareSamples, 20_000);
    assert.deepEqual(sent.hardware, thinHardwarePoints(snap.hardware));
    assert.equal(snap.hardware.length, 20_000, 'the recorder keeps its own series');
  });
});
