// What the dashboard does with each message from the host, and the one `ready` it sends back.
import type { HostToDashboard } from '../../src/shared/protocol';
import { h, icon } from '../lib/dom';
import { renderCompare } from './compareView';
import type { Dashboard } from './context';
import { renderDetail } from './detailView';
import { say } from './layout';
import { renderList } from './listView';
import { renderMatrix, requestMatrix, showMatrix } from './matrixView';
import {
  openQuality,
  openRankings,
  openSession,
  openTune,
  query,
  show,
  showCompare,
} from './navigation';
import { renderQuality, requestQuality } from './qualityView';
import { renderRankings, requestRankings } from './rankingsView';
import { renderTable } from './sessionsTable';
import { openTrends, renderTrends } from './trendsView';
import { renderTune } from './tuneView';
import { openMachines, renderMachines } from './machinesView';

/**
 * `ready` asks the host for the filter options, which aggregate the whole history; the host answers
 * one message at a time, so it is sent once the first page is in (or after a timeout).
 */
export function sendReady(d: Dashboard): void {
  if (d.state.readySent) return;
  d.state.readySent = true;
  d.api.post({ type: 'ready' });
}

export function handleMessage(d: Dashboard, msg: HostToDashboard): void {
  const { state, dom } = d;
  switch (msg.type) {
    case 'init':
      state.options = msg.options;
      dom.storeLine.textContent = `Stored in ${msg.storeDescription}`;
      // Store damage: a banner that stays (notices are replaced by the next message).
      document.getElementById('store-warnings')?.remove();
      if (msg.storeWarnings?.length)
        dom.notice.before(
          h(
            'div',
            { id: 'store-warnings', class: 'notice error', role: 'alert' },
            icon('warning'),
            ' ',
            msg.storeWarnings.join(' '),
          ),
        );
      dom.footer.textContent = msg.retention ?? '';
      renderList(d); // the filter controls now have their values; the table keeps its page
      if (msg.showSession) openSession(d, msg.showSession);
      else if (msg.showCompare) showCompare(d, { by: 'sessions', ids: msg.showCompare });
      else if (state.saved.view === 'trends') openTrends(d);
      else if (state.saved.view === 'detail' && state.saved.detailId)
        openSession(d, state.saved.detailId);
      else if (state.saved.view === 'compare' && state.saved.compare)
        showCompare(d, state.saved.compare);
      else if (state.saved.view === 'matrix') showMatrix(d, state.saved.matrix?.plan);
      else if (state.saved.view === 'rankings') openRankings(d);
      else if (state.saved.view === 'tune') openTune(d);
      else if (state.saved.view === 'quality') openQuality(d);
      else if (state.saved.view === 'machines') openMachines(d);
      else show(d, 'list');
      return;
    case 'page':
      if (msg.requestId !== state.requestId) return; // an answer overtaken by a newer query
      state.lastPage = msg.page;
      renderTable(d, msg.page);
      // For bench:dashboard: when the first page was on screen, from navigation start.
      if (!performance.getEntriesByName('ollama-bench:first-page').length)
        performance.mark('ollama-bench:first-page');
      document.body.dataset.rows = String(msg.page.items.length);
      sendReady(d);
      return;
    case 'options':
      state.options = msg.options;
      if (state.saved.view === 'list') renderList(d);
      return;
    case 'detail':
      renderDetail(d, msg.detail);
      return;
    case 'compare':
      renderCompare(d, msg.view);
      return;
    case 'showSession':
      openSession(d, msg.id);
      return;
    case 'changed':
      if (state.saved.view === 'matrix') requestMatrix(d);
      else query(d);
      if (state.saved.view === 'rankings') requestRankings(d);
      if (state.saved.view === 'quality') requestQuality(d);
      if (state.saved.view === 'machines') openMachines(d);
      return;
    // Benchmark plans.
    case 'planMatrix':
      renderMatrix(d, msg.plans, msg.matrix);
      return;
    case 'showPlan':
      showMatrix(d, msg.plan);
      return;
    case 'error':
      sendReady(d);
      say(dom, msg.message, true);
      if (
        state.saved.view !== 'list' &&
        msg.requestId === undefined &&
        !dom.detailView.childElementCount &&
        !dom.compareView.childElementCount &&
        !dom.trendsView.childElementCount
      )
        show(d, 'list');
      return;
    case 'notice':
      say(dom, msg.message);
      return;
    // Trends.
    case 'showCompare':
      showCompare(d, { by: 'sessions', ids: msg.ids });
      return;
    case 'trends':
      renderTrends(d, msg.view);
      return;
    // Rankings tab (rankingsView.ts).
    case 'rankings':
      renderRankings(d, msg.view);
      return;
    case 'showRankings':
      openRankings(d, msg.useCase);
      return;
    // Tune view (tuneView.ts).
    case 'tune':
      renderTune(d, msg.view);
      return;
    case 'showTune':
      openTune(d);
      return;
    // Quality tab (qualityView.ts).
    case 'quality':
      renderQuality(d, msg.view);
      return;
    case 'showQuality':
      openQuality(d);
      return;
    // Machines tab (machinesView.ts).
    case 'machines':
      renderMachines(d, msg.view);
      return;
  }
}
