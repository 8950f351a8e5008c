// Trend shapes that cross boundaries (store ⇄ host ⇄ webview ⇄ CLI): the daily statistics kept in
// daily_model_stats, and the points and change markers of the dashboard's Trends chart.
import type { IsoDate } from './dto';
import type { DAILY_FIGURES, TrendFigure } from './trendFigures';

/** The tag Pin as Baseline puts on a session (visible and removable like any tag). */
export const PINNED_BASELINE_TAG = 'pinned-baseline';

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

/** What the dashboard's Trends view asks for; absent model/test: the newest session's first. */
export interface TrendRequest {
  model?: string;
  test?: string;
  figure: TrendFigure;
}

/** One session's figure for the chosen model and test. */
export interface TrendPoint {
  /** Session start, ISO. */
  t: string;
  value: number;
  sessionId: string;
  /** "num_ctx 4096, num_predict 256, …": which options line this point belongs to. */
  options: string;
}

/** The daily median of one options key (from daily_model_stats). */
export interface TrendLine {
  options: string;
  points: { day: string; median: number; n: number }[];
}

/** Where the context changed between two consecutive sessions, and what changed. */
export interface TrendMarker {
  t: string;
  sessionId: string;
  /** "Ollama 0.12.6 → 0.13.0, model digest 1a2b… → 3c4d…". */
  text: string;
  changes: Record<string, [string, string]>;
}

export interface TrendView {
  models: string[];
  tests: string[];
  model: string;
  test: string;
  figure: TrendFigure;
  /** The machine the view shows (the newest session's); '' without an inventory. */
  machine: string;
  machineLabel: string;
  points: TrendPoint[];
  daily: TrendLine[];
  markers: TrendMarker[];
}

// ---- verdicts (the shapes of `compare --json`, the session detail and the notification) ----

export type Verdict = 'regression' | 'improvement' | 'no_change' | 'insufficient';

export interface SampleSummary {
  median: number | null;
  n: number;
}

/** Each change is [baseline value, candidate value], e.g. ollama_version: ["0.12.6", "0.13.0"]. */
export type ContextChanges = Record<string, [string, string]>;

export interface FigureVerdict {
  figure: TrendFigure;
  baseline: SampleSummary;
  candidate: SampleSummary;
  /** Change of the median, candidate against baseline, in percent; null without a baseline median. */
  delta_pct: number | null;
  /** Two-sided Mann-Whitney p; null when there were too few samples to test. */
  p_value: number | null;
  verdict: Verdict;
  /** Why there is no verdict (insufficient). */
  reason?: string;
}

export interface ComparisonRow extends FigureVerdict {
  model: string;
  test: string;
}

export interface ComparisonReport {
  candidate_session: string;
  /** Every session a baseline was drawn from, newest first. */
  baseline_sessions: string[];
  /** The baseline was a pinned session. */
  pinned: boolean;
  comparisons: ComparisonRow[];
  changed: ContextChanges;
}
