// The page's fixed frame, built once: the header, the notice line, the three views (one shown at a
// time) and the parts of the list that outlive a rebuild of its controls.
import { clear, h, icon } from '../lib/dom';
import { exportFormatPicker } from './exportActions';
import type { Field } from './widgets';

export interface Layout {
  storeLine: HTMLElement;
  notice: HTMLElement;
  /** When retention last ran and what it did. */
  footer: HTMLElement;
  listView: HTMLElement;
  detailView: HTMLElement;
  compareView: HTMLElement;
  /** Trends: the Trends view. */
  trendsView: HTMLElement;
  /** Benchmark plans: one plan's matrix. */
  matrixView: HTMLElement;
  /** The Rankings tab (rankingsView.ts). */
  rankingsView: HTMLElement;
  /** The Tune view (tuneView.ts). */
  tuneView: HTMLElement;
  /** The Quality tab (qualityView.ts). */
  qualityView: HTMLElement;
  /** The Machines tab (machinesView.ts). */
  machinesView: HTMLElement;
  /** Sessions / Rankings, in the header. */
  tabs: HTMLElement;
  /** The sessions table; replaced on every page. */
  tableHost: HTMLElement;
  pager: HTMLElement;
  filterCount: HTMLElement;
  selectionCount: HTMLElement;
  /** Kept across list rebuilds so the chosen format stays chosen. */
  exportFormat: Field;
}

export function buildLayout(app: HTMLElement): Layout {
  clear(app);
  app.setAttribute('aria-busy', 'false');
  const layout: Layout = {
    storeLine: h('span', { class: 'muted', id: 'store' }),
    notice: h('div', { id: 'notice', role: 'status', 'aria-live': 'polite' }),
    footer: h('footer', { id: 'retention', class: 'muted' }),
    listView: h('section', { id: 'list-view', 'aria-label': 'Sessions' }),
    detailView: h('section', { id: 'detail-view', hidden: true, 'aria-label': 'Session detail' }),
    compareView: h('section', { id: 'compare-view', hidden: true, 'aria-label': 'Comparison' }),
    trendsView: h('section', { id: 'trends-view', hidden: true, 'aria-label': 'Trends' }),
    matrixView: h('section', { id: 'matrix-view', hidden: true, 'aria-label': 'Plan matrix' }),
    rankingsView: h('section', { id: 'rankings-view', hidden: true, 'aria-label': 'Rankings' }),
    tuneView: h('section', { id: 'tune-view', hidden: true, 'aria-label': 'Tune' }),
    qualityView: h('section', { id: 'quality-view', hidden: true, 'aria-label': 'Quality' }),
    machinesView: h('section', { id: 'machines-view', hidden: true, 'aria-label': 'Machines' }),
    tabs: h('nav', { class: 'tabs', 'aria-label': 'Dashboard tabs' }),
    tableHost: h('div', { id: 'sessions', class: 'table-host' }),
    pager: h('nav', { id: 'pager', class: 'pager', 'aria-label': 'Pages' }),
    filterCount: h('span', { id: 'filter-count', class: 'muted' }),
    selectionCount: h('span', { class: 'muted', id: 'selection-count' }),
    exportFormat: exportFormatPicker(),
  };
  app.append(
    h(
      'header',
      { class: 'toolbar' },
      h('h2', null, icon('graph'), ' Results'),
      layout.tabs,
      layout.storeLine,
    ),
    layout.notice,
    layout.listView,
    layout.detailView,
    layout.compareView,
    layout.trendsView,
    layout.matrixView,
    layout.rankingsView,
    layout.tuneView,
    layout.qualityView,
    layout.machinesView,
    layout.footer,
  );
  return layout;
}

/** One line of news or trouble above the views (announced to screen readers). */
export function say(layout: Layout, message: string, error = false): void {
  const { notice } = layout;
  clear(notice);
  notice.className = error ? 'notice error' : 'notice';
  notice.append(icon(error ? 'error' : 'info'), ' ', message);
}
