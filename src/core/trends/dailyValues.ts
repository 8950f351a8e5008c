// The figures of one daily_model_stats row, from every repetition value it holds. The row keeps
// each figure's values sorted, so a landing session is folded in by merging its few values
// (n, mean, min, max and the interpolated p50/p95 of src/core/bench/stats.ts stay exact), and a
// full recompute builds the same row from the same values: both give equal figures.
import type { Document } from 'bson';
import type { RepetitionFigures } from '../../shared/dto';
import { DAILY_FIGURES, figureValues, type FigureMetrics } from '../../shared/trendFigures';
import type { DailyFigure, DailyFigureStats } from '../../shared/trends';
import { mean, percentile } from '../bench/stats';

/** Each figure's values, sorted ascending. */
export type DailyValues = Partial<Record<DailyFigure, number[]>>;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Whether a result has repetitions: only those make its session count in a day. */
export function hasRepetitions(result: Document): boolean {
  const reps: unknown = result.metrics?.repetitions;
  return Array.isArray(reps) && reps.length > 0;
}

/**
 * The values of the daily figures in one result, unsorted: its repetitions', and the one value of
 * a figure kept per test (goodput, the highest sustainable rate).
 */
export function resultValues(result: Document): DailyValues {
  const metrics: unknown = result.metrics;
  const out: DailyValues = {};
  if (!metrics || typeof metrics !== 'object') return out;
  const reps: unknown = (metrics as Document).repetitions;
  // A stored document: whatever a field holds, only finite numbers count (figureValues filters).
  const read = {
    ...(metrics as FigureMetrics),
    repetitions: Array.isArray(reps) ? reps.filter(isDocument) : [],
  };
  for (const f of DAILY_FIGURES) {
    const values = figureValues(read, f);
    if (values.length) out[f] = values;
  }
  return out;
}

const isDocument = (r: unknown): r is RepetitionFigures => !!r && typeof r === 'object';

/** Two sorted lists as one sorted list. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x <= y) {
      out[k++] = x;
      i++;
    } else {
      out[k++] = y;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  return out;
}

/** `into` with `more`'s values added (`into` is sorted; `more` need not be). */
export function addValues(into: DailyValues, more: DailyValues): DailyValues {
  const out: DailyValues = { ...into };
  for (const f of DAILY_FIGURES) {
    const extra = more[f];
    if (!extra?.length) continue;
    out[f] = mergeSorted(
      out[f] ?? [],
      [...extra].sort((a, b) => a - b),
    );
  }
  return out;
}

/** The values of many results (or sessions) as one sorted list per figure: one sort, not one merge each. */
export function joinValues(list: readonly DailyValues[]): DailyValues {
  const out: DailyValues = {};
  for (const f of DAILY_FIGURES) {
    const all = list.flatMap((v) => v[f] ?? []);
    if (all.length) out[f] = all.sort((a, b) => a - b);
  }
  return out;
}

/** A stored row's values, sorted and finite, whatever was stored. */
export function storedValues(stored: unknown): DailyValues {
  const out: DailyValues = {};
  if (!stored || typeof stored !== 'object') return out;
  for (const f of DAILY_FIGURES) {
    const v: unknown = (stored as Document)[f];
    if (Array.isArray(v)) out[f] = v.filter(finite).sort((a, b) => a - b);
  }
  return out;
}

/** n, mean, p50, p95, min and max of every figure that has values. */
export function dailyFigures(values: DailyValues): Partial<Record<DailyFigure, DailyFigureStats>> {
  const figures: Partial<Record<DailyFigure, DailyFigureStats>> = {};
  for (const f of DAILY_FIGURES) {
    const v = values[f];
    if (!v?.length) continue;
    figures[f] = {
      n: v.length,
      mean: mean(v),
      p50: percentile(v, 0.5),
      p95: percentile(v, 0.95),
      min: v[0] as number,
      max: v[v.length - 1] as number,
    };
  }
  return figures;
}
