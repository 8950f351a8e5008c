// Everything the dashboard changes while it runs, in one object that every view receives: the part
// kept with setState (so hiding the panel or reloading the window comes back to the same filters,
// page, selection and view) and the part that lives only as long as the page.
import {
  type DashboardState,
  type DashboardToHost,
  type FilterOptions,
  type HostToDashboard,
  type RowsPage,
} from '../../src/shared/protocol';
import { parseDashboardState } from '../../src/shared/protocolGuards';
import type { Chart } from '../lib/charts';
import { filterToForm, type FilterForm } from '../lib/filterState';
import type { ThemeColors } from '../lib/theme';
import type { PanelApi } from '../lib/vscodeApi';

export type DashboardApi = PanelApi<DashboardToHost, HostToDashboard, DashboardState>;

export const DEFAULT_SORT: NonNullable<DashboardState['query']['sort']> = {
  field: 'start_time',
  direction: 'desc',
};

function defaultState(): DashboardState {
  return {
    query: { filter: {}, sort: { ...DEFAULT_SORT }, page: 0, pageSize: 25 },
    selected: [],
    view: 'list',
  };
}

export interface ViewState {
  /** Persisted with setState after every change. */
  readonly saved: DashboardState;
  /** The filter form as the controls show it; `saved.query.filter` is what it was turned into. */
  form: FilterForm;
  /** The values the filter controls offer (from the host, aggregated over the whole history). */
  options: FilterOptions;
  /** The page on screen, drawn again when the list is rebuilt. */
  lastPage: RowsPage | undefined;
  /** The id of the latest query: an answer to an older one is dropped. */
  requestId: number;
  /** The charts of the detail or compare view, destroyed when that view goes. */
  charts: Chart[];
  theme: ThemeColors;
  /** `ready` is sent once, after the first page (or a timeout). */
  readySent: boolean;
}

export function createViewState(restored: unknown, theme: ThemeColors): ViewState {
  const saved = parseDashboardState(restored) ?? defaultState();
  return {
    saved,
    form: filterToForm(saved.query.filter),
    options: { models: [], testTypes: [], tags: [], cpuModels: [], gpuModels: [] },
    lastPage: undefined,
    requestId: 0,
    charts: [],
    theme,
    readySent: false,
  };
}

export function destroyCharts(state: ViewState): void {
  for (const c of state.charts) c.destroy();
  state.charts = [];
}
