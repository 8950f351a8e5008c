// A comparison: the like-for-like figures of two or more sessions or models as a table with deltas
// against the first (coloured by which way is better), a bar chart per figure, and what was left
// out and why.
import type { CompareRow, CompareView } from '../../src/shared/protocol';
import { compareCharts, FIGURE_LABELS } from '../lib/chartData';
import { barChart } from '../lib/charts';
import { clear, h } from '../lib/dom';
import { fmt, fmtDelta, NOT_AVAILABLE } from '../lib/format';
import { save, type Dashboard } from './context';
import { compareNotes } from './flagNotes';
import { backButton, show } from './navigation';
import { destroyCharts, type ViewState } from './viewState';

function deltaCell(
  value: number | null,
  delta: number | null | undefined,
  better: CompareRow['better'],
): HTMLElement {
  const good =
    delta === null || delta === undefined
      ? undefined
      : (better === 'higher' ? delta > 0 : delta < 0)
        ? 'better'
        : delta === 0
          ? undefined
          : 'worse';
  return h(
    'td',
    { class: 'num' },
    value === null ? NOT_AVAILABLE : fmt(value, 2),
    delta !== null && delta !== undefined
      ? h(
          'span',
          {
            class: `delta ${good ?? ''}`,
            title: good ? `${good} than the first` : undefined,
          },
          ` ${fmtDelta(delta)}`,
        )
      : null,
  );
}

function compareTable(view: CompareView): HTMLElement {
  return h(
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
          r.values.map((v, i) => deltaCell(v, r.deltas[i], r.better)),
        ),
      ),
    ),
  );
}

/**
 * A bar chart per figure, drawn into `grid` (already in the page, so chart.js can measure it); they
 * join `state.charts`, destroyed on leaving the view and recoloured by a theme change.
 */
function drawCompareCharts(state: ViewState, view: CompareView, grid: HTMLElement): void {
  const { theme } = state;
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
    state.charts.push(chart);
  }
}

export function renderCompare(d: Dashboard, view: CompareView): void {
  const { compareView } = d.dom;
  show(d, 'compare');
  save(d);
  destroyCharts(d.state);
  clear(compareView);
  compareView.append(
    h('div', { class: 'toolbar' }, backButton(d)),
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
    const grid = h('div', { class: 'charts' });
    compareView.append(compareTable(view), grid);
    drawCompareCharts(d.state, view, grid);
  }
  compareView.append(...compareNotes(view));
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
