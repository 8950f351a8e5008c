// A session's detail as the dashboard shows it: each result's hardware samples turned into chart
// points (bounded), the raw samples left behind so the message stays small.
import type { HardwareSample, SeriesPoint, TestResultDoc } from '../../shared/dto';
import type { DetailResult, LiveHardwarePoint } from '../../shared/protocol';
import { hardwarePoint } from '../live/liveRecorder';

/** Points per hardware chart; chart.js decimates further to the pixels it has. */
export const DETAIL_MAX_POINTS = 4000;

/** Every k-th item so at most `max` remain (first and last kept). */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = (items.length - 1) / (max - 1);
  const out: T[] = [];
  for (let i = 0; i < max; i++) {
    const item = items[Math.round(i * step)];
    if (item !== undefined) out.push(item);
  }
  return out;
}

/** Series stored in the metrics (downsampled results) when the samples themselves are gone. */
function fromSeries(m: TestResultDoc['metrics']): LiveHardwarePoint[] {
  const byTime = new Map<number, LiveHardwarePoint>();
  const add = (series: SeriesPoint[] | undefined, key: 'cpu' | 'ram' | 'gpu' | 'vram') => {
    for (const p of series ?? []) {
      const t = Date.parse(p.timestamp);
      if (!Number.isFinite(t) || !Number.isFinite(p.value)) continue;
      const point = byTime.get(t) ?? { t };
      point[key] = p.value;
      byTime.set(t, point);
    }
  };
  add(m.cpu_usage, 'cpu');
  add(m.ram_usage, 'ram');
  add(m.gpu_usage, 'gpu');
  add(m.vram_usage, 'vram');
  const points = [...byTime.values()].sort((a, b) => a.t - b.t);
  const origin = points[0]?.t ?? 0;
  return points.map((p) => ({ ...p, t: p.t - origin }));
}

export function toDetailResult(result: TestResultDoc, max = DETAIL_MAX_POINTS): DetailResult {
  const { samples, ...rest } = result;
  const list: HardwareSample[] = samples ?? [];
  const origin = list[0]?.t;
  const hardware =
    origin !== undefined ? list.map((s) => hardwarePoint(s, origin)) : fromSeries(result.metrics);
  return { ...rest, hardware: thin(hardware, max) };
}
