// Thins a long hardware series before the host posts it to the Live panel, so a snapshot carries
// what the chart can draw rather than every sample: copying a message with tens of thousands of
// points into the webview costs far more than drawing it. The points between the first and the
// last are cut into equal runs; each run keeps, for every figure (CPU, GPU, RAM, VRAM), the point
// with its lowest and the point with its highest value, so every peak and dip survives, whole and
// in time order. A series of at most THIN_ABOVE points is sent as it is.
import type { LiveHardwarePoint, LiveSnapshot } from './protocol';

/** The figures whose extremes each run keeps. */
export const THINNED_FIGURES = ['cpu', 'gpu', 'ram', 'vram'] as const;

/** Series up to this many points are sent whole (about 17 minutes at 4 Hz). */
export const THIN_ABOVE = 4_000;

/** Runs of a thinned series: at most 8 points each (two per figure), usually 2 or 3. */
export const THIN_RUNS = 1_000;

const FIGURES = THINNED_FIGURES.length;

/** Moves figure `f`'s lowest and highest of the run to point `i` where its value `v` is beyond them. */
function track(
  v: number | undefined,
  i: number,
  f: number,
  low: Float64Array,
  high: Float64Array,
  lowAt: Int32Array,
  highAt: Int32Array,
): void {
  if (v === undefined) return;
  if (v < (low[f] ?? Infinity)) {
    low[f] = v;
    lowAt[f] = i;
  }
  if (v > (high[f] ?? -Infinity)) {
    high[f] = v;
    highAt[f] = i;
  }
}

/** [from, to) of run `b` of `runs` over the points between the first and the last of `n`. */
export function runBounds(n: number, runs: number, b: number): [number, number] {
  const inner = n - 2;
  return [1 + Math.floor((b * inner) / runs), 1 + Math.floor(((b + 1) * inner) / runs)];
}

/** The points to send: the series itself when it has at most `above` points. */
export function thinHardwarePoints(
  points: readonly LiveHardwarePoint[],
  runs = THIN_RUNS,
  above = THIN_ABOVE,
): readonly LiveHardwarePoint[] {
  const n = points.length;
  const count = Math.max(1, Math.floor(runs));
  if (n <= Math.max(above, 2 * FIGURES * count + 2)) return points;
  const first = points[0];
  const last = points[n - 1];
  if (!first || !last) return points;
  const out: LiveHardwarePoint[] = [first];
  // Per figure, the index of the run's lowest and highest value (-1: the figure is absent).
  const lowAt = new Int32Array(FIGURES);
  const highAt = new Int32Array(FIGURES);
  const low = new Float64Array(FIGURES);
  const high = new Float64Array(FIGURES);
  const keep: number[] = [];
  for (let b = 0; b < count; b++) {
    const [from, to] = runBounds(n, count, b);
    lowAt.fill(-1);
    highAt.fill(-1);
    low.fill(Infinity);
    high.fill(-Infinity);
    for (let i = from; i < to; i++) {
      const p = points[i];
      if (!p) continue;
      // One pass over the run, each figure read by name: far cheaper than a pass per figure.
      track(p.cpu, i, 0, low, high, lowAt, highAt);
      track(p.gpu, i, 1, low, high, lowAt, highAt);
      track(p.ram, i, 2, low, high, lowAt, highAt);
      track(p.vram, i, 3, low, high, lowAt, highAt);
    }
    keep.length = 0;
    for (let f = 0; f < FIGURES; f++) {
      const lo = lowAt[f] ?? -1;
      const hi = highAt[f] ?? -1;
      if (lo >= 0) keep.push(lo);
      if (hi >= 0) keep.push(hi);
    }
    // A run with no figure at all still keeps one point, so the time axis has no hole.
    if (!keep.length && from < to) keep.push(from);
    keep.sort((x, y) => x - y);
    let previous = -1;
    for (const i of keep) {
      const p = points[i];
      if (i !== previous && p) out.push(p);
      previous = i;
    }
  }
  out.push(last);
  return out;
}

/**
 * The snapshot as the host posts it: the hardware series thinned, with `hardwareSamples` saying how
 * many samples it stands for (absent when nothing was left out).
 */
export function thinLiveSnapshot(snapshot: LiveSnapshot): LiveSnapshot {
  const hardware = thinHardwarePoints(snapshot.hardware);
  if (hardware === snapshot.hardware) return snapshot;
  return { ...snapshot, hardware: [...hardware], hardwareSamples: snapshot.hardware.length };
}
