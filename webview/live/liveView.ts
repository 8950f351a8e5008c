// The Live Metrics page, built once, and how it follows the host: `init` (a full snapshot) starts
// it over, each `batch` delta adds to it, and then everything on screen is drawn from the state.
import type { LiveDelta, LiveSnapshot, LiveToHost } from '../../src/shared/protocol';
import { clear, h } from '../lib/dom';
import { createHeader, renderStatus, type LiveHeader } from './header';
import {
  addPoints,
  clearSeries,
  createLiveCharts,
  pointCount,
  renderCharts,
  type LiveCharts,
} from './liveCharts';
import type { LiveState } from './liveState';
import {
  addMachineSamples,
  createLiveMachine,
  renderMachine,
  resetMachine,
  type LiveMachine,
} from './machineSection';
import { appendLogs, createLogList } from './logList';
import { createProgressTable, renderProgress } from './progressTable';
import { renderSummary } from './summaryTable';

export interface LiveView {
  readonly state: LiveState;
  readonly header: LiveHeader;
  readonly progressBody: HTMLElement;
  readonly summary: HTMLElement;
  readonly logList: HTMLElement;
  readonly charts: LiveCharts;
  readonly machine: LiveMachine;
}

export function buildLiveView(
  app: HTMLElement,
  state: LiveState,
  post: (message: LiveToHost) => void,
): LiveView {
  const header = createHeader(post, () => state.snap);
  const progress = createProgressTable();
  const summary = h('section', { id: 'summary', hidden: true, 'aria-labelledby': 'summary-title' });
  const logList = createLogList();
  const machine = createLiveMachine();
  clear(app);
  app.setAttribute('aria-busy', 'false');
  const charts = createLiveCharts(state, (cards, availability) =>
    app.append(
      header.element,
      progress.section,
      summary,
      cards,
      availability,
      machine.element,
      h(
        'section',
        { 'aria-labelledby': 'log-title' },
        h('h3', { id: 'log-title' }, 'Log'),
        logList,
      ),
    ),
  );
  return { state, header, progressBody: progress.body, summary, logList, charts, machine };
}

function renderAll(view: LiveView): void {
  const { state } = view;
  if (!state.snap) return;
  renderStatus(view.header, state.snap);
  renderProgress(view.progressBody, state.snap.progress);
  renderSummary(view.summary, state.snap.session);
  renderCharts(view.charts, state);
  renderMachine(view.machine, state);
  document.body.dataset.points = String(pointCount(view.charts, state));
}

/** A full snapshot: first load, the panel shown again, a reload, or a new session. */
export function resetView(view: LiveView, next: LiveSnapshot): void {
  const { state } = view;
  state.snap = next;
  state.phases = next.phases;
  clearSeries(view.charts, state);
  addPoints(view.charts, state, next);
  resetMachine(view.machine, next.samples ?? []);
  clear(view.logList);
  appendLogs(view.logList, next.logs);
  renderAll(view);
}

export function applyDelta(view: LiveView, d: LiveDelta): void {
  if (d.reset) return resetView(view, d.reset);
  const { state } = view;
  const snap = state.snap;
  if (!snap) return;
  snap.status = d.status;
  snap.progress = d.progress;
  snap.phases = state.phases = d.phases;
  if (d.session) {
    snap.session = d.session;
    snap.sessionId = d.session._id ?? snap.sessionId;
  }
  addPoints(view.charts, state, d);
  addMachineSamples(view.machine, d.samples ?? []);
  appendLogs(view.logList, d.logs);
  renderAll(view);
}

/** Before any snapshot: the header says nothing has run yet. */
export function renderIdle(view: LiveView): void {
  renderStatus(view.header, view.state.snap);
}
