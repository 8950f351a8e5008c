// What the dashboard and the CLI may ask of the history. The store translates this through an
// allow-list into a query; no field here is ever passed through as a query operator.
import type { SessionDoc, SessionStatus } from './dto';

export interface HistoryFilter {
  /** Model names (any of). */
  models?: string[];
  /** Test types, "A", "B", "C" or a custom suite's name (any of). */
  testTypes?: string[];
  statuses?: SessionStatus[];
  /** Tags (all of). */
  tags?: string[];
  cpuModel?: string;
  gpuModel?: string;
  hardwareConfigId?: string;
  /** ISO date, inclusive. */
  since?: string;
  /** ISO date, exclusive. */
  until?: string;
  /** Free text: matched literally (escaped) against model names, tags and test types. */
  text?: string;
  /** Benchmark plans: only the sessions a worker ran for this plan. */
  planId?: string;
}

/** Every field of HistoryFilter: the allow-list both the store and the webview protocol check. */
export const HISTORY_FILTER_KEYS = [
  'models',
  'testTypes',
  'statuses',
  'tags',
  'cpuModel',
  'gpuModel',
  'hardwareConfigId',
  'since',
  'until',
  'text',
  'planId',
] as const satisfies readonly (keyof HistoryFilter)[];

export type HistorySortField = 'start_time' | 'status' | 'duration' | 'model' | 'tokens_per_second';

export interface HistoryQuery {
  filter: HistoryFilter;
  sort?: { field: HistorySortField; direction: 'asc' | 'desc' };
  /** 0-based page. */
  page?: number;
  pageSize?: number;
}

export interface HistoryPage {
  items: SessionDoc[];
  total: number;
  page: number;
  pageSize: number;
}

/** Per model and test type: the dashboard's overview. */
export interface ModelAggregate {
  model: string;
  test_type: string;
  runs: number;
  best_tokens_per_second?: number;
  mean_tokens_per_second?: number;
  last_run?: string;
}
