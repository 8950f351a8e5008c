// Moving between the list, a session's detail and a comparison, and asking the host for what the
// next view shows. Each step is saved at once, so a reload lands on the same view.
import type { DashboardState } from '../../src/shared/protocol';
import { save, type Dashboard } from './context';
import { destroyCharts } from './viewState';
import { requestRankings } from './rankingsView';
import { requestTune } from './tuneView';
import { requestQuality } from './qualityView';
import { openMachines } from './machinesView';
import { button } from './widgets';

/** Asks for the page the saved query describes; an older answer still on its way is then dropped. */
export function query(d: Dashboard): void {
  d.api.post({ type: 'query', requestId: ++d.state.requestId, query: d.state.saved.query });
}

export function show(d: Dashboard, view: DashboardState['view']): void {
  const { saved } = d.state;
  saved.view = view;
  if (view !== 'detail') delete saved.detailId;
  if (view !== 'compare') delete saved.compare;
  save(d);
  d.dom.listView.hidden = view !== 'list';
  d.dom.detailView.hidden = view !== 'detail';
  d.dom.compareView.hidden = view !== 'compare';
  d.dom.trendsView.hidden = view !== 'trends';
  d.dom.matrixView.hidden = view !== 'matrix';
  d.dom.rankingsView.hidden = view !== 'rankings';
  d.dom.tuneView.hidden = view !== 'tune';
  d.dom.qualityView.hidden = view !== 'quality';
  d.dom.machinesView.hidden = view !== 'machines';
  d.dom.tabs.dataset.view = view;
  if (view === 'list') destroyCharts(d.state);
}

export function backButton(d: Dashboard): HTMLElement {
  return button('back', 'Back to sessions', 'arrow-left', () => {
    show(d, 'list');
    query(d);
  });
}

/** The detail view follows when the host answers with `detail`. */
export function openSession(d: Dashboard, id: string): void {
  d.state.saved.detailId = id;
  d.state.saved.view = 'detail';
  save(d);
  d.api.post({ type: 'openSession', id });
}

/** The compare view follows when the host answers with `compare`. */
export function showCompare(d: Dashboard, request: NonNullable<DashboardState['compare']>): void {
  d.state.saved.compare = request;
  d.state.saved.view = 'compare';
  save(d);
  d.api.post({ type: 'compare', request });
}

/** The Rankings tab; the host answers with `rankings`. */
export function openRankings(d: Dashboard, useCase?: string): void {
  if (useCase) d.state.saved.rankingUseCase = useCase;
  show(d, 'rankings');
  requestRankings(d);
}

/** The Tune view; the host answers with `tune`. */
export function openTune(d: Dashboard): void {
  show(d, 'tune');
  requestTune(d);
}

/** The Quality tab; the host answers with `quality`. */
export function openQuality(d: Dashboard): void {
  show(d, 'quality');
  requestQuality(d);
}

/** Sessions / Rankings / Tune / Quality / Machines buttons in the header. */
export function buildTabs(d: Dashboard): void {
  d.dom.tabs.append(
    button('tab-sessions', 'Sessions', 'list-flat', () => {
      show(d, 'list');
      query(d);
    }),
    button('tab-rankings', 'Rankings', 'list-ordered', () => openRankings(d)),
    button('tab-tune', 'Tune', 'settings-gear', () => openTune(d)),
    button('tab-quality', 'Quality', 'pass', () => openQuality(d)),
    button('tab-machines', 'Machines', 'server', () => openMachines(d)),
  );
}
