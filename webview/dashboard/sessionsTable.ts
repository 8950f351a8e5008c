// One page of sessions as a table: sortable columns (the store sorts), a checkbox per row for the
// selection that compare, export and delete act on, and the pager under it.
import type { HistorySortField } from '../../src/shared/history';
import type { RowsPage, SessionRow } from '../../src/shared/protocol';
import { clear, h, icon } from '../lib/dom';
import { activeFilters } from '../lib/filterState';
import { fmt, fmtDate, fmtDuration } from '../lib/format';
import { save, type Dashboard } from './context';
import { openSession, query } from './navigation';
import { DEFAULT_SORT } from './viewState';
import { button } from './widgets';

const COLUMNS: readonly { label: string; sort?: HistorySortField; num?: boolean }[] = [
  { label: 'Started', sort: 'start_time' },
  { label: 'Status', sort: 'status' },
  { label: 'Models', sort: 'model' },
  { label: 'Tests' },
  { label: 'Best tok/s', sort: 'tokens_per_second', num: true },
  { label: 'Duration', sort: 'duration', num: true },
  { label: 'Tags' },
  { label: 'Machine' },
];

export function renderSelectionCount(d: Dashboard): void {
  const n = d.state.saved.selected.length;
  d.dom.selectionCount.textContent = n ? ` · ${n} selected` : '';
}

function headRow(d: Dashboard, page: RowsPage): HTMLElement {
  const { saved } = d.state;
  const sort = saved.query.sort ?? DEFAULT_SORT;
  const allChecked = page.items.every((r) => saved.selected.includes(r.id));
  return h(
    'tr',
    null,
    h(
      'th',
      { scope: 'col' },
      h('input', {
        type: 'checkbox',
        'aria-label': 'Select all on this page',
        checked: allChecked,
        onchange: (e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          const ids = page.items.map((r) => r.id);
          saved.selected = on
            ? [...new Set([...saved.selected, ...ids])]
            : saved.selected.filter((id) => !ids.includes(id));
          save(d);
          renderTable(d, page);
        },
      }),
    ),
    COLUMNS.map((c) => {
      const field = c.sort;
      const active = field && sort.field === field;
      const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
      return h(
        'th',
        { scope: 'col', 'aria-sort': ariaSort, class: c.num ? 'num' : undefined },
        field
          ? h(
              'button',
              {
                class: 'sort',
                type: 'button',
                onclick: () => {
                  saved.query.sort = {
                    field,
                    direction: active && sort.direction === 'desc' ? 'asc' : 'desc',
                  };
                  saved.query.page = 0;
                  save(d);
                  query(d);
                },
              },
              c.label,
              active ? icon(sort.direction === 'asc' ? 'arrow-up' : 'arrow-down') : null,
            )
          : c.label,
      );
    }),
  );
}

function bodyRow(d: Dashboard, r: SessionRow): HTMLElement {
  const { saved } = d.state;
  return h(
    'tr',
    { 'data-id': r.id, class: saved.selected.includes(r.id) ? 'selected' : undefined },
    h(
      'td',
      null,
      h('input', {
        type: 'checkbox',
        'aria-label': `Select session of ${r.models.join(', ')} started ${fmtDate(r.start_time)}`,
        checked: saved.selected.includes(r.id),
        onchange: (e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          saved.selected = on
            ? [...new Set([...saved.selected, r.id])]
            : saved.selected.filter((id) => id !== r.id);
          save(d);
          (e.target as HTMLElement).closest('tr')?.classList.toggle('selected', on);
          renderSelectionCount(d);
        },
      }),
    ),
    h(
      'td',
      null,
      h(
        'button',
        { class: 'link open-session', type: 'button', onclick: () => openSession(d, r.id) },
        fmtDate(r.start_time),
      ),
    ),
    h('td', { class: `status status-${r.status}` }, r.status),
    h('td', { class: 'models' }, r.models.join(', ')),
    h('td', null, r.tests.join(', ')),
    h(
      'td',
      { class: 'num' },
      r.best_tokens_per_second === undefined ? '–' : fmt(r.best_tokens_per_second),
      r.flags.length ? h('span', { class: 'badge', title: r.flags.join(', ') }, '!') : null,
    ),
    h('td', { class: 'num' }, fmtDuration(r.duration_ms)),
    h(
      'td',
      null,
      r.tags.map((t) => h('span', { class: 'tag' }, t)),
    ),
    h('td', { class: 'muted' }, r.machine ?? ''),
  );
}

function renderPager(d: Dashboard, page: RowsPage): void {
  const { pager } = d.dom;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const go = (p: number) => {
    d.state.saved.query.page = p;
    save(d);
    query(d);
  };
  pager.append(
    button('prev-page', 'Previous', 'chevron-left', () => go(page.page - 1)),
    h(
      'span',
      { id: 'page-info' },
      `Page ${page.page + 1} of ${pages} · ${page.total} session${page.total === 1 ? '' : 's'}`,
    ),
    button('next-page', 'Next', 'chevron-right', () => go(page.page + 1)),
    d.dom.selectionCount,
  );
  pager.querySelector('#prev-page')?.toggleAttribute('disabled', page.page <= 0);
  pager.querySelector('#next-page')?.toggleAttribute('disabled', page.page + 1 >= pages);
}

export function renderTable(d: Dashboard, page: RowsPage): void {
  const { tableHost, pager } = d.dom;
  clear(tableHost);
  clear(pager);
  if (!page.items.length) {
    tableHost.append(
      h(
        'p',
        { class: 'empty' },
        activeFilters(d.state.saved.query.filter)
          ? 'No session matches these filters.'
          : 'No sessions yet. Run "Ollama Bench: Run Ollama benchmark" to make one.',
      ),
    );
  } else {
    tableHost.append(
      h(
        'table',
        { class: 'grid', id: 'sessions-table', 'aria-rowcount': page.total },
        h('thead', null, headRow(d, page)),
        h(
          'tbody',
          null,
          page.items.map((r) => bodyRow(d, r)),
        ),
      ),
    );
  }
  renderPager(d, page);
  renderSelectionCount(d);
}
