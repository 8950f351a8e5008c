// Energy over time windows from the samples of a test: GPU power integrated (trapezoids between
// samples) or the driver's cumulative counter where it has one (exact for short windows), and the
// CPU package counter from RAPL. Pure, so the maths is checked by hand in the tests.
import type { HardwareSample } from '../../shared/dto';

export interface TimeWindow {
  /** Epoch ms. */
  start: number;
  end: number;
}

interface Point {
  t: number;
  v: number;
}

/** The first and last of the points (sorted by time); callers pass at least one point. */
function ends(points: readonly Point[]): [first: Point, last: Point] {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) throw new RangeError('a line through samples needs at least one sample');
  return [first, last];
}

/** The value at t on the straight line through points[i - 1] and points[i]. */
function along(points: readonly Point[], i: number, t: number): number {
  const a = points[i - 1];
  const b = points[i];
  if (!a || !b) throw new RangeError(`no segment ${i} among ${points.length} samples`);
  return a.v + ((b.v - a.v) * (t - a.t)) / (b.t - a.t);
}

/** The value at t of the line through the points; held flat beyond the first and last point. */
function levelAt(points: readonly Point[], t: number): number {
  const [first, last] = ends(points);
  if (t <= first.t) return first.v;
  if (t >= last.t) return last.v;
  const i = points.findIndex((p) => p.t >= t);
  return along(points, i, t);
}

/**
 * ∫ power dt over the window (J from W and ms): trapezoids between the window's edges and every
 * sample inside it, the curve taken as straight between samples. Undefined without a sample.
 */
export function integratePower(points: readonly Point[], w: TimeWindow): number | undefined {
  if (!points.length || w.end <= w.start) return points.length ? 0 : undefined;
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const edges = [...sorted.map((p) => p.t).filter((t) => t > w.start && t < w.end), w.end];
  let joules = 0;
  let from = w.start;
  for (const to of edges) {
    const dt = (to - from) / 1000;
    joules += (dt * (levelAt(sorted, from) + levelAt(sorted, to))) / 2;
    from = to;
  }
  return joules;
}

/** A cumulative counter's value at t: straight between samples, extended along the nearest pair. */
function counterAt(points: readonly Point[], t: number): number {
  const [first, last] = ends(points);
  const i = t <= first.t ? 1 : t >= last.t ? points.length - 1 : points.findIndex((p) => p.t >= t);
  return along(points, i, t);
}

/** How much a cumulative counter grew over the window; undefined with fewer than two samples. */
export function counterGrowth(points: readonly Point[], w: TimeWindow): number | undefined {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  if (sorted.length < 2) return undefined;
  return Math.max(0, counterAt(sorted, w.end) - counterAt(sorted, w.start));
}

function gpuIndexes(samples: readonly HardwareSample[]): number[] {
  return [...new Set(samples.flatMap((s) => (s.gpus ?? []).map((g) => g.index)))].sort(
    (a, b) => a - b,
  );
}

/** Every GPU's energy over the window (J): the driver's counter where each sample has it, else power. */
export function gpuEnergy(samples: readonly HardwareSample[], w: TimeWindow): number | undefined {
  let total: number | undefined;
  for (const index of gpuIndexes(samples)) {
    const readings = samples.flatMap((s) => {
      const g = s.gpus?.find((x) => x.index === index);
      return g ? [{ t: s.t, g }] : [];
    });
    const counter = readings.flatMap(({ t, g }) =>
      g.energy_mj !== undefined ? [{ t, v: g.energy_mj / 1000 }] : [],
    );
    const power = readings.flatMap(({ t, g }) =>
      g.power_draw !== undefined ? [{ t, v: g.power_draw }] : [],
    );
    const joules =
      counter.length >= 2 && counter.length === readings.length
        ? counterGrowth(counter, w)
        : integratePower(power, w);
    if (joules !== undefined) total = (total ?? 0) + joules;
  }
  return total;
}

/** CPU package energy over the window (J) from the RAPL counter the sampler carries. */
export function cpuPackageEnergy(
  samples: readonly HardwareSample[],
  w: TimeWindow,
): number | undefined {
  const points = samples.flatMap((s) =>
    s.cpu_package_j !== undefined ? [{ t: s.t, v: s.cpu_package_j }] : [],
  );
  return counterGrowth(points, w);
}

export interface EnergyFigures {
  energy_j?: number;
  joules_per_token?: number;
  tokens_per_joule?: number;
}

/**
 * GPU + CPU package energy over the decode windows, and per token generated in them. Absent where
 * the machine has neither source or nothing was generated.
 */
export function decodeEnergy(
  samples: readonly HardwareSample[],
  windows: readonly TimeWindow[],
  tokens: number,
): EnergyFigures {
  let joules: number | undefined;
  for (const w of windows) {
    for (const part of [gpuEnergy(samples, w), cpuPackageEnergy(samples, w)]) {
      if (part !== undefined) joules = (joules ?? 0) + part;
    }
  }
  if (joules === undefined) return {};
  const out: EnergyFigures = { energy_j: joules };
  if (tokens > 0 && joules > 0) {
    out.joules_per_token = joules / tokens;
    out.tokens_per_joule = tokens / joules;
  }
  return out;
}
