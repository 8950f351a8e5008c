// The Results Dashboard: sessions table (paged and sorted by the store), filters, session detail,
// comparison and export. The webview keeps its view state with setState, so hiding the panel
// (no retainContextWhenHidden) or reloading the window (panel serializer) comes back to the same
// filters, page, selection and view.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { SessionStatus } from '../../src/shared/dto';
import type { ExportFormat } from '../../src/shared/exportFormats';
import type { HistorySortField } from '../../src/shared/history';
import {
  isHostToDashboard,
  parseDashboardState,
  SESSION_STATUSES,
  type CompareView,
  type DashboardState,
  type DashboardToHost,
  type DetailResult,
  type FilterOptions,
  type HostToDashboard,
  type RowsPage,
  type SessionDetail,
} from '../../src/shared/protocol';
import {
  compareCharts,
  FIGURE_LABELS,
  hardwareSeries,
  HARDWARE_KEYS,
  HARDWARE_LABELS,
} from '../lib/chartData';
import { applyTheme, barChart, lineChart, lineDataset, type Chart } from '../lib/charts';
import { ChartTable } from '../lib/dataTable';
import { clear, h, icon } from '../lib/dom';
import {
  activeFilters,
  emptyForm,
  filterToForm,
  formToFilter,
  type FilterForm,
} from '../lib/filterState';
import {
  fmt,
  fmtBytes,
  fmtDate,
  fmtDelta,
  fmtDuration,
  fmtPercent,
  NOT_AVAILABLE,
} from '../lib/format';
import { onThemeChange, readTheme } from '../lib/theme';
import { panelApi } from '../lib/vscodeApi';

const api = panelApi<DashboardToHost, HostToDashboard, DashboardState>();
let theme = readTheme();

const DEFAULT_STATE: DashboardState = {
  query: { filter: {}, sort: { field: 'start_time', direction: 'desc' }, page: 0, pageSize: 25 },
  selected: [],
  view: 'list',
};
const state: DashboardState = parseDashboardState(api.getState()) ?? structuredClone(DEFAULT_STATE);
let form: FilterForm = filterToForm(state.query.filter);
let options: FilterOptions = { models: [], testTypes: [], tags: [], cpuModels: [], gpuModels: [] };
let lastPage: RowsPage | undefined;
let requestId = 0;
let charts: Chart[] = [];

function save(): void {
  api.setState(state);
}

// ------------------------------------------------------------ layout

const app = document.getElementById('app')!;
clear(app);
app.setAttribute('aria-busy', 'false');
const storeLine = h('span', { class: 'muted', id: 'store' });
const notice = h('div', { id: 'notice', role: 'status', 'aria-live': 'polite' });
const listView = h('section', { id: 'list-view', 'aria-label': 'Sessions' });
const detailView = h('section', {
  id: 'detail-view',
  hidden: true,
  'aria-label': 'Session detail',
});
const compareView = h('section', { id: 'compare-view', hidden: true, 'aria-label': 'Comparison' });
app.append(
  h('header', { class: 'toolbar' }, h('h2', null, icon('graph'), ' Results'), storeLine),
  notice,
  listView,
  detailView,
  compareView,
);

function say(message: string, error = false): void {
  clear(notice);
  notice.className = error ? 'notice error' : 'notice';
  notice.append(icon(error ? 'error' : 'info'), ' ', message);
}

type Field = HTMLElement & { value: string | string[] };

function multi(
  id: string,
  label: string,
  values: string[],
  chosen: string[],
  onChange: (v: string[]) => void,
): HTMLElement {
  const el = h('vscode-multi-select', { id, 'aria-label': label, combobox: true }) as Field;
  for (const v of values)
    el.append(h('vscode-option', { value: v, selected: chosen.includes(v) }, v));
  el.addEventListener('change', () => onChange([...(el.value as string[])]));
  return h('label', { class: 'field' }, h('span', null, label), el);
}

function single(
  id: string,
  label: string,
  values: string[],
  chosen: string,
  onChange: (v: string) => void,
): HTMLElement {
  const el = h('vscode-single-select', { id, 'aria-label': label }) as Field;
  el.append(h('vscode-option', { value: '', selected: !chosen }, 'Any'));
  for (const v of values) el.append(h('vscode-option', { value: v, selected: v === chosen }, v));
  el.addEventListener('change', () => onChange(String(el.value)));
  return h('label', { class: 'field' }, h('span', null, label), el);
}

function text(
  id: string,
  label: string,
  value: string,
  type: string,
  onChange: (v: string) => void,
  debounce = 0,
): HTMLElement {
  const el = h('vscode-textfield', {
    id,
    'aria-label': label,
    type,
    value,
    placeholder: type === 'date' ? 'YYYY-MM-DD' : '',
  }) as Field;
  let timer: number | undefined;
  el.addEventListener(debounce ? 'input' : 'change', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => onChange(String(el.value)), debounce);
  });
  return h('label', { class: 'field' }, h('span', null, label), el);
}

function button(
  id: string,
  label: string,
  codicon: string,
  onClick: () => void,
  secondary = true,
): HTMLElement {
  const b = h('vscode-button', { id, icon: codicon, secondary }, label);
  b.addEventListener('click', onClick);
  return b;
}

// ------------------------------------------------------------ list

function applyForm(): void {
  state.query.filter = formToFilter(form);
  state.query.page = 0;
  save();
  query();
  renderFilterCount();
}

const filterCount = h('span', { id: 'filter-count', class: 'muted' });
function renderFilterCount(): void {
  const n = activeFilters(state.query.filter);
  filterCount.textContent = n ? `${n} filter${n > 1 ? 's' : ''} set` : '';
}

function renderFilters(): HTMLElement {
  const set =
    <K extends keyof FilterForm>(key: K) =>
    (v: FilterForm[K]) => {
      form[key] = v;
      applyForm();
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
    text('filter-since', 'From', form.since, 'date', set('since')),
    text('filter-until', 'To', form.until, 'date', set('until')),
    text('filter-text', 'Search', form.text, 'search', set('text'), 250),
    h(
      'div',
      { class: 'field actions' },
      button('clear-filters', 'Clear filters', 'clear-all', () => {
        form = emptyForm();
        applyForm();
        renderList();
      }),
      filterCount,
    ),
  );
}

const tableHost = h('div', { id: 'sessions', class: 'table-host' });
const pager = h('nav', { id: 'pager', class: 'pager', 'aria-label': 'Pages' });
const exportFormat = h(
  'vscode-single-select',
  { id: 'export-format', 'aria-label': 'Export format' },
  h('vscode-option', { value: 'csv', selected: true }, 'CSV'),
  h('vscode-option', { value: 'json' }, 'JSON'),
  h('vscode-option', { value: 'md' }, 'Markdown'),
) as Field;

function selectionOrFilter(): { ids: string[]; scope: string } {
  return state.selected.length
    ? { ids: [...state.selected], scope: `${state.selected.length} selected` }
    : { ids: [], scope: 'all matching' };
}

function renderList(): void {
  clear(listView);
  const actions = h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Session actions' },
    button(
      'compare-selected',
      'Compare selected',
      'diff',
      () => {
        if (state.selected.length < 2)
          return say('Select two or more sessions to compare (the checkboxes in the table).', true);
        showCompare({ by: 'sessions', ids: state.selected.slice(0, 20) });
      },
      false,
    ),
    button('compare-models', 'Compare models', 'versions', () => {
      if (form.models.length < 2)
        return say('Pick two or more models in the Models filter to compare them.', true);
      showCompare({
        by: 'models',
        models: form.models.slice(0, 20),
        filter: { ...state.query.filter, models: undefined },
      });
    }),
    h('span', { class: 'spacer' }),
    exportFormat,
    button('export', 'Export…', 'export', () => exportNow('file')),
    button('copy-markdown', 'Copy as Markdown', 'copy', () => exportNow('clipboard')),
    button('delete-selected', 'Delete selected', 'trash', () => {
      if (!state.selected.length) return say('Select the sessions to delete first.', true);
      api.post({ type: 'delete', ids: [...state.selected] });
    }),
    button('refresh', 'Refresh', 'refresh', () => query()),
  );
  listView.append(renderFilters(), actions, tableHost, pager);
  renderFilterCount();
  if (lastPage) renderTable(lastPage);
}

function exportNow(destination: 'file' | 'clipboard'): void {
  const format: ExportFormat =
    destination === 'clipboard' ? 'md' : (String(exportFormat.value) as ExportFormat) || 'csv';
  const { ids } = selectionOrFilter();
  const filter = { ...state.query.filter };
  for (const k of Object.keys(filter) as (keyof typeof filter)[])
    if (filter[k] === undefined) delete filter[k];
  api.post({ type: 'export', format, ids, filter, destination });
}

const COLUMNS: { label: string; sort?: HistorySortField; num?: boolean }[] = [
  { label: 'Started', sort: 'start_time' },
  { label: 'Status', sort: 'status' },
  { label: 'Models', sort: 'model' },
  { label: 'Tests' },
  { label: 'Best tok/s', sort: 'tokens_per_second', num: true },
  { label: 'Duration', sort: 'duration', num: true },
  { label: 'Tags' },
  { label: 'Machine' },
];

function renderTable(page: RowsPage): void {
  clear(tableHost);
  clear(pager);
  if (!page.items.length) {
    tableHost.append(
      h(
        'p',
        { class: 'empty' },
        activeFilters(state.query.filter)
          ? 'No session matches these filters.'
          : 'No sessions yet. Run "Ollama Bench: Run Ollama benchmark" to make one.',
      ),
    );
  } else {
    const sort = state.query.sort ?? DEFAULT_STATE.query.sort!;
    const allChecked = page.items.every((r) => state.selected.includes(r.id));
    const head = h(
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
            state.selected = on
              ? [...new Set([...state.selected, ...ids])]
              : state.selected.filter((id) => !ids.includes(id));
            save();
            renderTable(page);
          },
        }),
      ),
      COLUMNS.map((c) => {
        const active = c.sort && sort.field === c.sort;
        const ariaSort = active
          ? sort.direction === 'asc'
            ? 'ascending'
            : 'descending'
          : undefined;
        return h(
          'th',
          { scope: 'col', 'aria-sort': ariaSort, class: c.num ? 'num' : undefined },
          c.sort
            ? h(
                'button',
                {
                  class: 'sort',
                  type: 'button',
                  onclick: () => {
                    state.query.sort = {
                      field: c.sort!,
                      direction: active && sort.direction === 'desc' ? 'asc' : 'desc',
                    };
                    state.query.page = 0;
                    save();
                    query();
                  },
                },
                c.label,
                active ? icon(sort.direction === 'asc' ? 'arrow-up' : 'arrow-down') : null,
              )
            : c.label,
        );
      }),
    );
    const body = page.items.map((r) =>
      h(
        'tr',
        { 'data-id': r.id, class: state.selected.includes(r.id) ? 'selected' : undefined },
        h(
          'td',
          null,
          h('input', {
            type: 'checkbox',
            'aria-label': `Select session of ${r.models.join(', ')} started ${fmtDate(r.start_time)}`,
            checked: state.selected.includes(r.id),
            onchange: (e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              state.selected = on
                ? [...new Set([...state.selected, r.id])]
                : state.selected.filter((id) => id !== r.id);
              save();
              (e.target as HTMLElement).closest('tr')?.classList.toggle('selected', on);
              renderSelectionCount();
            },
          }),
        ),
        h(
          'td',
          null,
          h(
            'button',
            { class: 'link open-session', type: 'button', onclick: () => openSession(r.id) },
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
      ),
    );
    tableHost.append(
      h(
        'table',
        { class: 'grid', id: 'sessions-table', 'aria-rowcount': page.total },
        h('thead', null, head),
        h('tbody', null, body),
      ),
    );
  }
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const go = (p: number) => {
    state.query.page = p;
    save();
    query();
  };
  pager.append(
    button('prev-page', 'Previous', 'chevron-left', () => go(page.page - 1)),
    h(
      'span',
      { id: 'page-info' },
      `Page ${page.page + 1} of ${pages} · ${page.total} session${page.total === 1 ? '' : 's'}`,
    ),
    button('next-page', 'Next', 'chevron-right', () => go(page.page + 1)),
    selectionCount,
  );
  pager.querySelector('#prev-page')?.toggleAttribute('disabled', page.page <= 0);
  pager.querySelector('#next-page')?.toggleAttribute('disabled', page.page + 1 >= pages);
  renderSelectionCount();
}

const selectionCount = h('span', { class: 'muted', id: 'selection-count' });
function renderSelectionCount(): void {
  selectionCount.textContent = state.selected.length ? ` · ${state.selected.length} selected` : '';
}

function query(): void {
  api.post({ type: 'query', requestId: ++requestId, query: state.query });
}

// ------------------------------------------------------------ views

function show(view: DashboardState['view']): void {
  state.view = view;
  if (view !== 'detail') delete state.detailId;
  if (view !== 'compare') delete state.compare;
  save();
  listView.hidden = view !== 'list';
  detailView.hidden = view !== 'detail';
  compareView.hidden = view !== 'compare';
  if (view === 'list') {
    for (const c of charts) c.destroy();
    charts = [];
  }
}

function backButton(): HTMLElement {
  return button('back', 'Back to sessions', 'arrow-left', () => {
    show('list');
    query();
  });
}

function openSession(id: string): void {
  state.detailId = id;
  state.view = 'detail';
  save();
  api.post({ type: 'openSession', id });
}

function showCompare(request: NonNullable<DashboardState['compare']>): void {
  state.compare = request;
  state.view = 'compare';
  save();
  api.post({ type: 'compare', request });
}

function statsTable(r: DetailResult): HTMLElement {
  const stats = Object.entries(r.metrics.stats ?? {});
  if (!stats.length)
    return h('p', { class: 'muted' }, 'No per-figure statistics (no repetition finished).');
  const cols = ['mean', 'sd', 'min', 'max', 'p50', 'p90', 'p99', 'cv', 'n'] as const;
  return h(
    'table',
    { class: 'grid stats' },
    h('caption', null, 'Figures over the repetitions'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'Figure'),
        cols.map((c) => h('th', { scope: 'col', class: 'num' }, c)),
      ),
    ),
    h(
      'tbody',
      null,
      stats.map(([name, s]) =>
        h(
          'tr',
          { class: s.cv > 0.1 ? 'unstable' : undefined },
          h('th', { scope: 'row' }, name),
          cols.map((c) =>
            h(
              'td',
              { class: 'num' },
              c === 'n' ? String(s.n) : c === 'cv' ? `${(s.cv * 100).toFixed(1)} %` : fmt(s[c], 2),
            ),
          ),
        ),
      ),
    ),
  );
}

function hardwareChart(r: DetailResult, index: number): HTMLElement {
  const series = hardwareSeries(r.hardware);
  const missing = HARDWARE_KEYS.filter((k) => !series[k].length);
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': `Hardware during ${r.model_name} ${r.test_type}; numbers in the table below`,
  });
  const card = h(
    'div',
    { class: 'chart-card' },
    h('h5', null, 'Hardware'),
    h('div', { class: 'chart-box' }, canvas),
  );
  if (!r.hardware.length) {
    card.append(h('p', { class: 'muted' }, `Hardware samples: ${NOT_AVAILABLE}.`));
    return card;
  }
  const chart = lineChart(canvas, theme, {
    xTitle: 'seconds into the test',
    yTitle: '%',
    y2Title: 'GiB',
    yMax: 100,
  });
  HARDWARE_KEYS.forEach((k, i) =>
    chart.data.datasets.push(
      lineDataset(
        missing.includes(k) ? `${HARDWARE_LABELS[k]} (${NOT_AVAILABLE})` : HARDWARE_LABELS[k],
        theme.series[i]!,
        series[k],
        { yAxisID: k === 'ram' || k === 'vram' ? 'y2' : 'y', pointRadius: 0 },
      ),
    ),
  );
  chart.update('none');
  charts.push(chart);
  const table = new ChartTable(`Numbers of the hardware chart (${r.hardware.length} samples)`, {
    headers: ['Seconds', 'CPU %', 'GPU %', 'RAM', 'VRAM'],
    rows: () =>
      r.hardware.map((p) => [
        (p.t / 1000).toFixed(1),
        fmtPercent(p.cpu),
        fmtPercent(p.gpu),
        fmtBytes(p.ram),
        fmtBytes(p.vram),
      ]),
  });
  card.dataset.index = String(index);
  card.append(table.element);
  if (missing.length)
    card.append(
      h(
        'p',
        { class: 'muted' },
        `${missing.map((k) => HARDWARE_LABELS[k].split(' ')[0]).join(', ')}: ${NOT_AVAILABLE}.`,
      ),
    );
  return card;
}

function renderDetail(d: SessionDetail): void {
  show('detail');
  state.detailId = d.session._id;
  save();
  for (const c of charts) c.destroy();
  charts = [];
  clear(detailView);
  const s = d.session;
  const id = s._id ?? '';
  detailView.append(
    h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Session actions' },
      backButton(),
      h('span', { class: 'spacer' }),
      button('edit-tags', 'Edit tags…', 'tag', () => api.post({ type: 'editTags', id })),
      button('export-session', 'Export…', 'export', () =>
        api.post({
          type: 'export',
          format: (String(exportFormat.value) as ExportFormat) || 'csv',
          ids: [id],
          filter: {},
          destination: 'file',
        }),
      ),
      button('copy-session', 'Copy as Markdown', 'copy', () =>
        api.post({ type: 'export', format: 'md', ids: [id], filter: {}, destination: 'clipboard' }),
      ),
      button('delete-session', 'Delete…', 'trash', () => api.post({ type: 'delete', ids: [id] })),
    ),
    h(
      'h3',
      null,
      `Session ${fmtDate(s.start_time)} · `,
      h('span', { class: `status status-${s.status}` }, s.status),
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, 'Models'),
      h('dd', null, s.models.map((m) => m.name).join(', ')),
      h('dt', null, 'Duration'),
      h(
        'dd',
        null,
        fmtDuration(s.end_time ? Date.parse(s.end_time) - Date.parse(s.start_time) : undefined),
      ),
      h('dt', null, 'Tags'),
      h('dd', null, s.tags.length ? s.tags.map((t) => h('span', { class: 'tag' }, t)) : '–'),
      h('dt', null, 'Machine'),
      h(
        'dd',
        null,
        d.hardware
          ? `${d.hardware.cpu.model} · ${d.hardware.gpu.map((g) => g.model).join(', ') || 'no GPU found'} · ${fmtBytes(d.hardware.ram.total)} RAM · ${d.hardware.os.name} ${d.hardware.os.version}`
          : (s.machine ?? NOT_AVAILABLE),
      ),
      h('dt', null, 'Ollama'),
      h('dd', null, `${s.options.host}${s.ollama_version ? ` · ${s.ollama_version}` : ''}`),
      h('dt', null, 'Options'),
      h(
        'dd',
        null,
        `${s.options.repetitions} repetitions · num_ctx ${s.options.num_ctx} · seed ${s.options.seed} · temperature ${s.options.temperature} · keep_alive ${s.options.keep_alive}`,
      ),
      s.error ? [h('dt', null, 'Error'), h('dd', { class: 'error-text' }, s.error)] : null,
    ),
  );
  let index = 0;
  for (const m of s.models) {
    const section = h(
      'section',
      { class: 'model', 'aria-label': m.name },
      h(
        'h4',
        null,
        m.name,
        m.load_time !== undefined
          ? h('span', { class: 'muted' }, ` · cold load ${fmt(m.load_time, 0)} ms`)
          : null,
      ),
    );
    if (m.error) section.append(h('p', { class: 'error-text' }, m.error));
    for (const t of m.tests) {
      const r = d.results.find(
        (x) =>
          (t.result_id && x._id === t.result_id) ||
          (x.model_name === m.name && x.test_type === t.type),
      );
      const x = t.metrics;
      const card = h(
        'details',
        { class: 'test', open: true },
        h(
          'summary',
          null,
          `Test ${t.type} · ${t.status}`,
          x.flags.map((f) => h('span', { class: 'badge', title: flagHelp(f) }, f)),
        ),
        h(
          'table',
          { class: 'grid summary' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              [
                'Tokens/s',
                'Prompt tok/s',
                'TTFT p50 ms',
                'TPOT p50 ms',
                'E2E p50 ms',
                'Load ms',
                'CPU % mean',
                'GPU % mean',
                'RAM peak',
                'VRAM peak',
              ].map((c) => h('th', { scope: 'col', class: 'num' }, c)),
            ),
          ),
          h(
            'tbody',
            null,
            h(
              'tr',
              null,
              [
                fmt(x.tokens_per_second ?? x.aggregate_tokens_per_second, 2),
                fmt(x.prompt_tokens_per_second, 2),
                fmt(x.ttft_ms, 0),
                fmt(x.tpot_ms, 2),
                fmt(x.e2e_ms, 0),
                fmt(x.load_time ?? m.load_time, 0),
                fmtPercent(x.cpu_usage),
                fmtPercent(x.gpu_usage),
                fmtBytes(x.ram_usage),
                fmtBytes(x.vram_usage),
              ].map((v) => h('td', { class: 'num' }, v)),
            ),
          ),
        ),
      );
      if (t.error) card.append(h('p', { class: 'error-text' }, t.error));
      if (r) {
        card.append(statsTable(r), hardwareChart(r, index++));
        if (r.output)
          card.append(
            h(
              'details',
              null,
              h('summary', null, 'Model output (last repetition)'),
              h('pre', { class: 'output' }, r.output),
            ),
          );
      }
      const logs = r?.logs?.length ? r.logs : t.logs;
      if (logs.length)
        card.append(
          h(
            'details',
            null,
            h('summary', null, `Log (${logs.length} lines)`),
            h('pre', { class: 'logs' }, logs.join('\n')),
          ),
        );
      section.append(card);
    }
    detailView.append(section);
  }
  detailView.querySelector<HTMLElement>('#back')?.focus();
}

function flagHelp(flag: string): string {
  switch (flag) {
    case 'unstable':
      return 'Coefficient of variation above 10 %: run more repetitions or on a quieter machine.';
    case 'cpu_spill':
      return 'Part of the model ran on the CPU (size_vram below size).';
    case 'truncated':
      return 'Generation stopped before the asked length.';
    case 'cache_hit':
      return 'Prompt tokens came from the cache.';
    default:
      return flag;
  }
}

function renderCompare(view: CompareView): void {
  show('compare');
  save();
  for (const c of charts) c.destroy();
  charts = [];
  clear(compareView);
  compareView.append(
    h('div', { class: 'toolbar' }, backButton()),
    h(
      'h3',
      null,
      `Comparing ${view.subjects.length}: `,
      view.subjects.map((s) => s.label).join(' · '),
    ),
  );
  if (!view.rows.length) {
    compareView.append(
      h(
        'p',
        { class: 'empty' },
        'No like-for-like test to compare: the selections share no test run with the same options.',
      ),
    );
  } else {
    compareView.append(
      h(
        'table',
        { class: 'grid', id: 'compare-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, 'Test'),
            h('th', { scope: 'col' }, 'Figure'),
            view.subjects.map((s, i) =>
              h(
                'th',
                { scope: 'col', class: 'num' },
                s.label,
                i ? h('span', { class: 'muted' }, ' (Δ vs first)') : null,
              ),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          view.rows.map((r) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, r.test),
              h('td', null, FIGURE_LABELS[r.figure]),
              r.values.map((v, i) => {
                const d = r.deltas[i];
                const good =
                  d === null || d === undefined
                    ? undefined
                    : (r.better === 'higher' ? d > 0 : d < 0)
                      ? 'better'
                      : d === 0
                        ? undefined
                        : 'worse';
                return h(
                  'td',
                  { class: 'num' },
                  v === null ? NOT_AVAILABLE : fmt(v, 2),
                  d !== null && d !== undefined
                    ? h(
                        'span',
                        {
                          class: `delta ${good ?? ''}`,
                          title: good ? `${good} than the first` : undefined,
                        },
                        ` ${fmtDelta(d)}`,
                      )
                    : null,
                );
              }),
            ),
          ),
        ),
      ),
    );
    const grid = h('div', { class: 'charts' });
    compareView.append(grid);
    for (const data of compareCharts(view)) {
      const canvas = h('canvas', {
        role: 'img',
        'aria-label': `${FIGURE_LABELS[data.figure]} by test; numbers in the table above`,
      });
      grid.append(
        h(
          'div',
          { class: 'chart-card' },
          h('h4', null, FIGURE_LABELS[data.figure]),
          h('div', { class: 'chart-box' }, canvas),
        ),
      );
      const chart = barChart(canvas, theme, FIGURE_LABELS[data.figure]);
      chart.data.labels = data.labels;
      chart.data.datasets = data.datasets.map((d, i) => ({
        ...d,
        backgroundColor: theme.series[i % theme.series.length],
        borderColor: theme.series[i % theme.series.length],
      }));
      chart.update('none');
      charts.push(chart);
    }
  }
  if (view.skipped.length) {
    compareView.append(
      h('h4', null, 'Not compared'),
      h(
        'ul',
        { id: 'compare-skipped' },
        view.skipped.map((s) => h('li', null, `${s.test}: ${s.reason}`)),
      ),
    );
  }
}

// ------------------------------------------------------------ messages

api.onMessage(isHostToDashboard, (msg) => {
  switch (msg.type) {
    case 'init':
      options = msg.options;
      storeLine.textContent = `Stored in ${msg.storeDescription}`;
      renderList(); // the filter controls now have their values; the table keeps its page
      if (msg.showSession) openSession(msg.showSession);
      else if (state.view === 'detail' && state.detailId) openSession(state.detailId);
      else if (state.view === 'compare' && state.compare) showCompare(state.compare);
      else show('list');
      return;
    case 'page':
      if (msg.requestId !== requestId) return; // an answer overtaken by a newer query
      lastPage = msg.page;
      renderTable(msg.page);
      // For bench:dashboard: when the first page was on screen, from navigation start.
      if (!performance.getEntriesByName('ollama-bench:first-page').length)
        performance.mark('ollama-bench:first-page');
      document.body.dataset.rows = String(msg.page.items.length);
      sendReady();
      return;
    case 'options':
      options = msg.options;
      if (state.view === 'list') renderList();
      return;
    case 'detail':
      renderDetail(msg.detail);
      return;
    case 'compare':
      renderCompare(msg.view);
      return;
    case 'showSession':
      openSession(msg.id);
      return;
    case 'changed':
      query();
      return;
    case 'error':
      sendReady();
      say(msg.message, true);
      if (
        state.view !== 'list' &&
        msg.requestId === undefined &&
        !detailView.childElementCount &&
        !compareView.childElementCount
      )
        show('list');
      return;
    case 'notice':
      say(msg.message);
      return;
  }
});

onThemeChange((colors) => {
  theme = colors;
  for (const c of charts) applyTheme(c, colors);
});

show(state.view);
renderList();
// The first page is asked for at once and `ready` (whose answer, the filter options, aggregates the
// whole history) only once that page is in: the host runs one at a time, the table comes first.
let readySent = false;
function sendReady(): void {
  if (readySent) return;
  readySent = true;
  api.post({ type: 'ready' });
}
query();
window.setTimeout(sendReady, 1500);
