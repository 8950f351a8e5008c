// Min/max decimation of a long series for a line chart: the points are cut into equal runs and
// each run keeps its lowest and its highest point, in x order, with the series' first and last
// points. A spike of one sample survives (LTTB, which keeps one point per run, can drop it), and
// the chart draws at most 2 × buckets + 2 points whatever the series' length. Pure: no DOM.
import type { XY } from './chartData';

/** The points to draw; the series itself when it is already short enough. */
export function decimateMinMax(points: XY[], buckets: number): XY[] {
  const n = points.length;
  const runs = Math.max(1, Math.floor(buckets));
  if (n <= 2 * runs + 2) return points;
  const out: XY[] = [points[0]!];
  // The first and last points are kept on their own; the runs cover everything between.
  const inner = n - 2;
  for (let b = 0; b < runs; b++) {
    const from = 1 + Math.floor((b * inner) / runs);
    const to = 1 + Math.floor(((b + 1) * inner) / runs);
    if (from >= to) continue;
    let min = from;
    let max = from;
    for (let i = from + 1; i < to; i++) {
      const y = points[i]!.y;
      if (y < points[min]!.y) min = i;
      if (y > points[max]!.y) max = i;
    }
    if (min === max) out.push(points[min]!);
    else if (min < max) out.push(points[min]!, points[max]!);
    else out.push(points[max]!, points[min]!);
  }
  out.push(points[n - 1]!);
  return out;
}
