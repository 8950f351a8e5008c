// Trend shapes that cross boundaries (store ⇄ host ⇄ webview ⇄ CLI): the daily statistics kept in
// daily_model_stats, and the points and change markers of the dashboard's Trends chart.
import type { IsoDate } from './dto';
import type { DAILY_FIGURES } from './trendFigures';

export type DailyFigure = (typeof DAILY_FIGURES)[number];

/** One figure over every repetition of the comparable results of one day. */
export interface DailyFigureStats {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

/** A day of one machine × model × test × options key. */
export interface DailyModelStats {
  /** hardware_config_id; '' for sessions run without an inventory. */
  machine: string;
  model: string;
  test_type: string;
  /** Short hash of the options the figures depend on (num_ctx, the suite's options). */
  options_key: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Sessions that contributed. */
  sessions: number;
  figures: Partial<Record<DailyFigure, DailyFigureStats>>;
  updated_at: IsoDate;
}

export interface DailyStatsFilter {
  model?: string;
  testType?: string;
  machine?: string;
  /** YYYY-MM-DD, inclusive. */
  since?: string;
  /** YYYY-MM-DD, inclusive. */
  until?: string;
}
