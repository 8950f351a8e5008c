// A benchmark plan's matrix: a plan picker (the dashboard's plan filter), the figure shown, the
// table (rows models, columns suite × num_ctx × concurrency; a pending or failed cell shows its
// status, a flagged figure ⚑) and its export as CSV or Markdown. The host reads the store.
import {
  cellText,
  DEFAULT_MATRIX_FIGURE,
  isMatrixFigure,
  MATRIX_FIGURES,
  type MatrixCell,
  type MatrixFigure,
  type PlanMatrix,
} from '../../src/shared/planMatrix';
import { clear, h, thead } from '../lib/dom';
import { save, type Dashboard } from './context';
import { emptyForm, formToFilter } from '../lib/filterState';
import { renderList } from './listView';
import { backButton, openSession, query, show } from './navigation';
import { button, type Field } from './widgets';

/** Opens the matrix view and asks the host for the plan's matrix (the latest plan without one). */
export function showMatrix(d: Dashboard, plan?: string): void {
  const figure = d.state.saved.matrix?.figure ?? DEFAULT_MATRIX_FIGURE;
  d.state.saved.matrix = plan ? { plan, figure } : { figure };
  show(d, 'matrix');
  save(d);
  requestMatrix(d);
}

export function requestMatrix(d: Dashboard): void {
  d.api.post({
    type: 'planMatrix',
    request: d.state.saved.matrix ?? { figure: DEFAULT_MATRIX_FIGURE },
  });
}

function select(
  id: string,
  label: string,
  options: [string, string][],
  chosen: string,
  onChange: (v: string) => void,
): HTMLElement {
  const el = h('vscode-single-select', { id, 'aria-label': label }) as Field;
  for (const [value, text] of options)
    el.append(h('vscode-option', { value, selected: value === chosen }, text));
  el.addEventListener('change', () => onChange(String(el.value)));
  return h('label', { class: 'field' }, h('span', null, label), el);
}

function exportMatrix(
  d: Dashboard,
  m: PlanMatrix,
  format: 'csv' | 'md',
  destination: 'file' | 'clipboard',
): void {
  d.api.post({
    type: 'exportMatrix',
    request: { plan: m.plan, figure: m.figure },
    format,
    destination,
  });
}

/** A figure links to its session's detail; a status is plain text. */
function cellContent(d: Dashboard, c: MatrixCell | null): Node | string {
  const text = cellText(c);
  if (!c?.session_id || c.value === undefined) return text;
  const id = c.session_id;
  return h(
    'a',
    {
      href: '#',
      onclick: ((e: Event) => {
        e.preventDefault();
        openSession(d, id);
      }) as EventListener,
    },
    text,
  );
}

function table(d: Dashboard, m: PlanMatrix): HTMLElement {
  return h(
    'table',
    { id: 'plan-matrix', class: 'data-table' },
    h('caption', { class: 'muted' }, `${m.plan}: ${MATRIX_FIGURES[m.figure]} per configuration`),
    thead(['model', ...m.columns.map((c) => c.label)]),
    h(
      'tbody',
      null,
      m.rows.map((r) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, r.model),
          r.cells.map((c) =>
            h(
              'td',
              {
                class: `num matrix-cell ${c ? `status-${c.status}` : ''}`,
                'data-status': c?.status ?? 'none',
                title: c
                  ? [c.status, c.error, c.flags?.join(', ')].filter(Boolean).join(' — ')
                  : 'not planned',
              },
              cellContent(d, c),
            ),
          ),
        ),
      ),
    ),
  );
}

export function renderMatrix(d: Dashboard, plans: string[], m: PlanMatrix | undefined): void {
  const view = d.dom.matrixView;
  clear(view);
  const figure = m?.figure ?? d.state.saved.matrix?.figure ?? DEFAULT_MATRIX_FIGURE;
  if (m) {
    d.state.saved.matrix = { plan: m.plan, figure: m.figure };
    save(d);
  }
  const controls = h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Plan matrix' },
    backButton(d),
    select(
      'plan-picker',
      'Plan',
      plans.map((p) => [p, p]),
      m?.plan ?? '',
      (plan) => showMatrix(d, plan),
    ),
    select('matrix-figure', 'Figure', Object.entries(MATRIX_FIGURES), figure, (v) => {
      if (!isMatrixFigure(v)) return;
      d.state.saved.matrix = { ...d.state.saved.matrix, figure: v as MatrixFigure };
      save(d);
      requestMatrix(d);
    }),
    ...(m
      ? [
          button('matrix-sessions', 'Sessions of this plan', 'list-flat', () => {
            // The list, filtered to the plan's sessions (Clear filters shows all again).
            d.state.form = { ...emptyForm(), planId: m.plan_id };
            d.state.saved.query = {
              ...d.state.saved.query,
              filter: formToFilter(d.state.form),
              page: 0,
            };
            save(d);
            show(d, 'list');
            renderList(d);
            query(d);
          }),
        ]
      : []),
    h('span', { class: 'spacer' }),
    ...(m
      ? [
          button('matrix-csv', 'Export CSV…', 'export', () => exportMatrix(d, m, 'csv', 'file')),
          button('matrix-md', 'Export Markdown…', 'export', () => exportMatrix(d, m, 'md', 'file')),
          button('matrix-copy', 'Copy as Markdown', 'copy', () =>
            exportMatrix(d, m, 'md', 'clipboard'),
          ),
        ]
      : []),
    button('matrix-refresh', 'Refresh', 'refresh', () => requestMatrix(d)),
  );
  view.append(
    h('h3', null, m ? `Plan ${m.plan}` : 'Plans'),
    controls,
    m
      ? h('div', { class: 'table-host' }, table(d, m))
      : h(
          'p',
          { class: 'muted' },
          'No plans yet: create one with "Ollama Bench: New Benchmark Plan…" or `ollama-bench plan create`.',
        ),
  );
  document.body.dataset.matrixCells = String(
    m ? m.rows.flatMap((r) => r.cells).filter((c) => c?.value !== undefined).length : 0,
  );
}
