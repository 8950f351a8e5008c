// The filter form above the sessions table: each change turns the form into the store's filter,
// goes back to the first page and asks again.
import type { SessionStatus } from '../../src/shared/dto';
import { SESSION_STATUSES } from '../../src/shared/protocol';
import { h } from '../lib/dom';
import { activeFilters, emptyForm, formToFilter, type FilterForm } from '../lib/filterState';
import { save, type Dashboard } from './context';
import { query } from './navigation';
import { button, multi, single, text } from './widgets';

function applyForm(d: Dashboard): void {
  d.state.saved.query.filter = formToFilter(d.state.form);
  d.state.saved.query.page = 0;
  save(d);
  query(d);
  renderFilterCount(d);
}

export function renderFilterCount(d: Dashboard): void {
  const n = activeFilters(d.state.saved.query.filter);
  d.dom.filterCount.textContent = n ? `${n} filter${n > 1 ? 's' : ''} set` : '';
}

/** The form with the current values; `onCleared` rebuilds it after "Clear filters". */
export function renderFilters(d: Dashboard, onCleared: () => void): HTMLElement {
  const { form, options } = d.state;
  const set =
    <K extends keyof FilterForm>(key: K) =>
    (v: FilterForm[K]) => {
      d.state.form[key] = v;
      applyForm(d);
    };
  return h(
    'form',
    {
      id: 'filters',
      class: 'filters',
      role: 'search',
      'aria-label': 'Filter sessions',
      onsubmit: (e: Event) => e.preventDefault(),
    },
    multi('filter-models', 'Models', options.models, form.models, set('models')),
    multi('filter-tests', 'Test types', options.testTypes, form.testTypes, set('testTypes')),
    multi('filter-status', 'Status', [...SESSION_STATUSES], form.statuses, (v) =>
      set('statuses')(v as SessionStatus[]),
    ),
    multi('filter-tags', 'Tags (all of)', options.tags, form.tags, set('tags')),
    single('filter-cpu', 'CPU', options.cpuModels, form.cpuModel, set('cpuModel')),
    single('filter-gpu', 'GPU', options.gpuModels, form.gpuModel, set('gpuModel')),
    single(
      'filter-plan',
      'Plan',
      (options.plans ?? []).map((p) => ({ value: p.id, label: p.name })),
      form.planId,
      set('planId'),
    ),
    text('filter-since', 'From', form.since, 'date', set('since')),
    text('filter-until', 'To', form.until, 'date', set('until')),
    text('filter-text', 'Search', form.text, 'search', set('text'), 250),
    h(
      'div',
      { class: 'field actions' },
      button('clear-filters', 'Clear filters', 'clear-all', () => {
        d.state.form = emptyForm();
        applyForm(d);
        onCleared();
      }),
      d.dom.filterCount,
    ),
  );
}
