// The Trends view: for one model and test on one machine, the chosen figure over time — a point per
// session, the daily median as a line (per options line), and a marker wherever the context
// changed (Ollama version, model digest, GPU driver, num_ctx, options); hover a marker for what
// changed. The same changes are listed under the chart, readable without a mouse.
import type { ChartDataset, Plugin } from 'chart.js';
import { TREND_FIGURES, type TrendFigure } from '../../src/shared/trendFigures';
import type { TrendView } from '../../src/shared/trends';
import { lineChart, lineDataset } from '../lib/charts';
import type { XY } from '../lib/chartData';
import { clear, h } from '../lib/dom';
import { fmtDate } from '../lib/format';
import { seriesColor } from '../lib/theme';
import { save, type Dashboard } from './context';
import { backButton, show } from './navigation';
import { destroyCharts } from './viewState';
import { single } from './widgets';

const DAY = 86_400_000;
/** x of the chart: days since the epoch (fractional), so a day is one unit. */
const dayX = (iso: string) => Date.parse(iso) / DAY;
const dayText = (x: number) => new Date(x * DAY).toISOString().slice(0, 10);
/** Ticks: the day, and the time of day when the chart spans less than three days. */
const tickText = (x: number, spanDays: number) =>
  spanDays < 3 ? new Date(x * DAY).toISOString().slice(5, 16).replace('T', ' ') : dayText(x);

/** Asks the host for the Trends view of the saved (or default) model, test and figure. */
export function openTrends(d: Dashboard): void {
  const request = d.state.saved.trends ?? { figure: 'tokens_per_second' as TrendFigure };
  d.state.saved.trends = request;
  d.state.saved.view = 'trends';
  save(d);
  d.api.post({ type: 'trends', request });
}

/** Dashed vertical lines at the change markers, under the points. */
function markerLines(xs: () => number[], color: () => string): Plugin<'line'> {
  return {
    id: 'ollamaBenchChangeMarkers',
    beforeDatasetsDraw(chart) {
      const x = chart.scales.x;
      const area = chart.chartArea;
      if (!x || !area) return;
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = color();
      ctx.setLineDash([4, 3]);
      ctx.lineWidth = 1.5;
      for (const v of xs()) {
        const px = x.getPixelForValue(v);
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
      }
      ctx.restore();
    },
  };
}

function pickers(d: Dashboard, view: TrendView): HTMLElement {
  const ask = (patch: Partial<NonNullable<typeof d.state.saved.trends>>) => {
    d.state.saved.trends = {
      ...{ figure: view.figure, model: view.model, test: view.test },
      ...patch,
    };
    openTrends(d);
  };
  const figure = single('trend-figure', 'Figure', Object.keys(TREND_FIGURES), view.figure, (v) =>
    ask({ figure: (v || 'tokens_per_second') as TrendFigure }),
  );
  return h(
    'div',
    { class: 'filters' },
    single('trend-model', 'Model', view.models, view.model, (v) =>
      ask({ model: v || undefined, test: undefined }),
    ),
    single('trend-test', 'Test', view.tests, view.test, (v) => ask({ test: v || undefined })),
    figure,
  );
}

export function renderTrends(d: Dashboard, view: TrendView): void {
  const { trendsView } = d.dom;
  show(d, 'trends');
  destroyCharts(d.state);
  clear(trendsView);
  const info = TREND_FIGURES[view.figure];
  trendsView.append(
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Trends actions' }, backButton(d)),
    h('h3', null, `Trends · ${view.model || 'no model yet'} · test ${view.test || '–'}`),
    pickers(d, view),
    h(
      'p',
      { class: 'muted' },
      `${info.label} over time on ${view.machineLabel || 'this machine'}: a point per session, the daily median as a line, a dashed marker where something changed (hover it).`,
    ),
  );
  if (!view.points.length) {
    trendsView.append(
      h('p', { class: 'empty' }, 'No completed session of this model and test yet.'),
    );
    return;
  }
  const { theme } = d.state;
  const canvas = h('canvas', {
    id: 'trend-chart',
    role: 'img',
    'aria-label': `${info.label} of ${view.model} test ${view.test} over time; changes listed below`,
  }) as HTMLCanvasElement;
  trendsView.append(h('div', { class: 'chart-box trend-box' }, canvas));
  const markerXs = view.markers.map((m) => dayX(m.t));
  const chart = lineChart(canvas, theme, {
    xTitle: 'date',
    yTitle: `${info.label} (${info.unit})`,
    plugins: [
      markerLines(
        () => markerXs,
        () => seriesColor(theme, 4),
      ),
    ],
  });
  const values = view.points.map((p) => p.value);
  // A day's median sits at the mean time of that day's sessions, beside the points it sums up.
  const dailyX = (day: string) => {
    const xs = view.points.filter((p) => p.t.startsWith(day)).map((p) => dayX(p.t));
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : dayX(`${day}T12:00:00.000Z`);
  };
  const allX = view.points.map((p) => dayX(p.t));
  const span = Math.max(...allX) - Math.min(...allX);
  const top = Math.max(...values) * 1.08;
  const datasets: ChartDataset<'line', XY[]>[] = [
    lineDataset(
      'session',
      seriesColor(theme, 0),
      view.points.map((p) => ({ x: dayX(p.t), y: p.value })),
      { showLine: false, pointRadius: 4 },
    ),
    ...view.daily.map((line, i) =>
      lineDataset(
        view.daily.length > 1 ? `daily median · ${line.options}` : 'daily median',
        seriesColor(theme, i + 1),
        line.points.map((p) => ({ x: dailyX(p.day), y: p.median })),
        { pointRadius: 2, borderWidth: 2 },
      ),
    ),
    lineDataset(
      'change',
      seriesColor(theme, 4),
      markerXs.map((x) => ({ x, y: top })),
      {
        showLine: false,
        pointStyle: 'triangle',
        pointRotation: 180,
        pointRadius: 7,
        pointHoverRadius: 9,
      },
    ),
  ];
  chart.data.datasets.push(...datasets);
  const o = chart.options;
  const x = o.scales?.x;
  if (!x || !o.plugins) throw new Error('A line chart comes with an x scale and plugin options.');
  (x.ticks as { callback?: (v: number | string) => string }).callback = (v) =>
    tickText(Number(v), span);
  o.interaction = { mode: 'nearest', intersect: true };
  o.plugins.tooltip = {
    enabled: true,
    callbacks: {
      title: (items) => (items[0] ? dayText(items[0].parsed.x ?? 0) : ''),
      label: (item) => {
        const ds = item.datasetIndex;
        if (ds === datasets.length - 1) {
          const marker = view.markers[item.dataIndex];
          return marker ? `Changed: ${marker.text}` : '';
        }
        if (ds === 0) {
          const p = view.points[item.dataIndex];
          return p ? `${fmtDate(p.t)}: ${p.value.toFixed(2)} ${info.unit} (${p.options})` : '';
        }
        const p = view.daily[ds - 1]?.points[item.dataIndex];
        return p
          ? `daily median ${p.median.toFixed(2)} ${info.unit} over ${p.n} repetition(s)`
          : '';
      },
    },
  };
  chart.update('none');
  d.state.charts.push(chart);
  // Where the markers are drawn (for keyboard-free hover in tests and for screen magnifiers).
  const meta = chart.getDatasetMeta(datasets.length - 1);
  canvas.dataset.markers = JSON.stringify(
    meta.data.flatMap((el, i) => {
      const marker = view.markers[i];
      return marker ? [{ x: el.x, y: el.y, text: marker.text }] : [];
    }),
  );
  trendsView.append(
    h('h4', null, `Changes (${view.markers.length})`),
    view.markers.length
      ? h(
          'ul',
          { id: 'trend-changes' },
          view.markers.map((m) => h('li', null, `${fmtDate(m.t)}: ${m.text}`)),
        )
      : h('p', { class: 'muted' }, 'Nothing recorded changed between these sessions.'),
  );
  document.body.dataset.trendPoints = String(view.points.length);
}
