// The Results Dashboard: sessions table (paged and sorted by the store), filters, session detail,
// comparison and export. The webview keeps its view state with setState, so hiding the panel
// (no retainContextWhenHidden) or reloading the window (panel serializer) comes back to the same
// filters, page, selection and view. This file only wires the parts together and starts them.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import { isHostToDashboard } from '../../src/shared/protocolGuards';
import { applyTheme } from '../lib/charts';
import { requiredElement } from '../lib/dom';
import { onThemeChange, readTheme } from '../lib/theme';
import { panelApi } from '../lib/vscodeApi';
import type { Dashboard } from './context';
import { buildLayout } from './layout';
import { renderList } from './listView';
import { handleMessage, sendReady } from './messages';
import { buildTabs, query, show } from './navigation';
import { createViewState, type DashboardApi } from './viewState';

/** How long `ready` waits for the first page before it goes anyway. */
const READY_FALLBACK_MS = 1500;

const api: DashboardApi = panelApi();
const d: Dashboard = {
  api,
  state: createViewState(api.getState(), readTheme()),
  dom: buildLayout(requiredElement('app')),
};

api.onMessage(isHostToDashboard, (msg) => handleMessage(d, msg));

onThemeChange((colors) => {
  d.state.theme = colors;
  for (const c of d.state.charts) applyTheme(c, colors);
});

buildTabs(d);
show(d, d.state.saved.view);
renderList(d);
// The first page is asked for at once and `ready` (whose answer, the filter options, aggregates the
// whole history) only once that page is in: the host runs one at a time, the table comes first.
query(d);
window.setTimeout(() => sendReady(d), READY_FALLBACK_MS);
