// What every part of the dashboard is handed: the host channel, the one mutable view state and the
// page's frame. Nothing else is shared, so nothing changes behind a view's back.
import type { Layout } from './layout';
import type { DashboardApi, ViewState } from './viewState';

export interface Dashboard {
  readonly api: DashboardApi;
  readonly state: ViewState;
  readonly dom: Layout;
}

/** Keeps the persisted part, for the next show or reload. */
export function save(d: Dashboard): void {
  d.api.setState(d.state.saved);
}
