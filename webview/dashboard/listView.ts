// The list view: filters, the session actions (compare, export, copy, delete, refresh), the
// sessions table and its pager.
import { clear, h } from '../lib/dom';
import type { Dashboard } from './context';
import { exportList } from './exportActions';
import { renderFilterCount, renderFilters } from './filterForm';
import { say } from './layout';
import { showMatrix } from './matrixView';
import { query, showCompare } from './navigation';
import { renderTable } from './sessionsTable';
import { openTrends } from './trendsView';
import { button } from './widgets';

/** Most subjects one comparison takes. */
const MAX_COMPARED = 20;

function actions(d: Dashboard): HTMLElement {
  const { saved } = d.state;
  return h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Session actions' },
    button(
      'compare-selected',
      'Compare selected',
      'diff',
      () => {
        if (saved.selected.length < 2)
          return say(
            d.dom,
            'Select two or more sessions to compare (the checkboxes in the table).',
            true,
          );
        showCompare(d, { by: 'sessions', ids: saved.selected.slice(0, MAX_COMPARED) });
      },
      false,
    ),
    button('compare-models', 'Compare models', 'versions', () => {
      const { models } = d.state.form;
      if (models.length < 2)
        return say(d.dom, 'Pick two or more models in the Models filter to compare them.', true);
      showCompare(d, {
        by: 'models',
        models: models.slice(0, MAX_COMPARED),
        filter: { ...saved.query.filter, models: undefined },
      });
    }),
    // Trends.
    button('open-trends', 'Trends', 'graph-line', () => openTrends(d)),
    // Benchmark plans: the plan filter and matrix view.
    button('show-plans', 'Plans', 'table', () => showMatrix(d, d.state.saved.matrix?.plan)),
    h('span', { class: 'spacer' }),
    d.dom.exportFormat,
    button('export', 'Export…', 'export', () => exportList(d, 'file')),
    button('copy-markdown', 'Copy as Markdown', 'copy', () => exportList(d, 'clipboard')),
    button('delete-selected', 'Delete selected', 'trash', () => {
      if (!saved.selected.length) return say(d.dom, 'Select the sessions to delete first.', true);
      d.api.post({ type: 'delete', ids: [...saved.selected] });
    }),
    button('refresh', 'Refresh', 'refresh', () => query(d)),
  );
}

/** Builds the list's controls again (new filter options, cleared form); the table keeps its page. */
export function renderList(d: Dashboard): void {
  const { listView, tableHost, pager } = d.dom;
  clear(listView);
  listView.append(
    renderFilters(d, () => renderList(d)),
    actions(d),
    tableHost,
    pager,
  );
  renderFilterCount(d);
  if (d.state.lastPage) renderTable(d, d.state.lastPage);
}
