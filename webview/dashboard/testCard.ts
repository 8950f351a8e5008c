// One test of a session in the detail view: its headline figures, the statistics over the
// repetitions, the hardware during the test (chart and table), the model's output and the log.
import type { SessionModel, SessionTest } from '../../src/shared/dto';
import type { DetailResult } from '../../src/shared/protocol';
import { flagHelp } from '../../src/shared/flags';
import { testTokensPerSecond } from '../../src/shared/throughput';
import { hardwareSeries, HARDWARE_KEYS, HARDWARE_LABELS } from '../lib/chartData';
import { lineChart, lineDataset } from '../lib/charts';
import { ChartTable, hardwareTable } from '../lib/dataTable';
import { h, thead } from '../lib/dom';
import { fmt, fmtBytes, fmtPercent, NOT_AVAILABLE } from '../lib/format';
import { seriesColor } from '../lib/theme';
import { testFlagNotes } from './flagNotes';
import type { ViewState } from './viewState';
import { HEADLINE_COLUMNS } from '../../src/shared/headlineColumns';
import { kindFiguresTable } from './kindFigures';
import { workloadChartCards } from './workloadCharts';

function headline(m: SessionModel, t: SessionTest): HTMLElement {
  const x = t.metrics;
  return h(
    'table',
    { class: 'grid summary' },
    thead(HEADLINE_COLUMNS, 'num'),
    h(
      'tbody',
      null,
      h(
        'tr',
        null,
        [
          fmt(testTokensPerSecond(x), 2),
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
  );
}

/** The machine's evidence over the test's window, under the names the exports use. */
function evidenceTable(t: SessionTest): HTMLElement {
  const x = t.metrics;
  const rate = (v: number | undefined) => (v === undefined ? NOT_AVAILABLE : `${fmtBytes(v)}/s`);
  const cells: [string, string][] = [
    ['CPU max °C', fmt(x.cpu_temp_max_c, 0)],
    ['GPU max °C', fmt(x.gpu_temp_max_c, 0)],
    ['GPU W mean', fmt(x.gpu_power_mean_w, 1)],
    ['Swap peak', fmtBytes(x.swap_peak)],
    ['Ollama CPU %', fmtPercent(x.ollama_cpu_usage)],
    ['Ollama RSS peak', fmtBytes(x.ollama_rss_peak)],
    ['Disk read', rate(x.disk_read_bps)],
    ['Disk write', rate(x.disk_write_bps)],
    ['Net rx', rate(x.net_rx_bps)],
    ['Net tx', rate(x.net_tx_bps)],
    ['Energy J', fmt(x.energy_j, 1)],
    ['J/token', fmt(x.joules_per_token, 3)],
    ['Tokens/J', fmt(x.tokens_per_joule, 2)],
  ];
  return h(
    'table',
    { class: 'grid summary evidence' },
    h('caption', null, 'The machine during the test'),
    thead(
      cells.map(([c]) => c),
      'num',
    ),
    h(
      'tbody',
      null,
      h(
        'tr',
        null,
        cells.map(([, v]) => h('td', { class: 'num' }, v)),
      ),
    ),
  );
}

function statsTable(r: DetailResult): HTMLElement {
  const stats = Object.entries(r.metrics.stats ?? {});
  if (!stats.length)
    return h('p', { class: 'muted' }, 'No per-figure statistics (no repetition finished).');
  const cols = ['mean', 'sd', 'ci95', 'min', 'max', 'p50', 'p90', 'p99', 'cv', 'n'] as const;
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
        cols.map((c) =>
          h(
            'th',
            {
              scope: 'col',
              class: 'num',
              ...(c === 'ci95'
                ? {
                    title:
                      '95 % confidence interval of the mean (Student t, n − 1 degrees of freedom)',
                  }
                : {}),
            },
            c === 'ci95' ? '95 % CI' : c,
          ),
        ),
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
              c === 'n'
                ? String(s.n)
                : c === 'cv'
                  ? `${(s.cv * 100).toFixed(1)} %`
                  : c === 'ci95'
                    ? s.ci95
                      ? `${fmt(s.ci95[0], 2)} – ${fmt(s.ci95[1], 2)}`
                      : NOT_AVAILABLE
                    : fmt(s[c], 2),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The chart joins `state.charts`, so leaving the view destroys it and a theme change recolours it. */
function hardwareChart(state: ViewState, r: DetailResult, index: number): HTMLElement {
  const { theme } = state;
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
        seriesColor(theme, i),
        series[k],
        { yAxisID: k === 'ram' || k === 'vram' ? 'y2' : 'y', pointRadius: 0 },
      ),
    ),
  );
  chart.update('none');
  state.charts.push(chart);
  const table = new ChartTable(
    `Numbers of the hardware chart (${r.hardware.length} samples)`,
    hardwareTable(() => r.hardware),
  );
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

/**
 * The card of test `t` of model `m`; `r` is its stored result when there is one (figures over the
 * repetitions, hardware, output), `index` numbers the hardware charts of the page.
 */
export function testCard(
  state: ViewState,
  m: SessionModel,
  t: SessionTest,
  r: DetailResult | undefined,
  index: number,
): HTMLElement {
  const card = h(
    'details',
    { class: 'test', open: true },
    h(
      'summary',
      null,
      `Test ${t.type} · ${t.status}`,
      t.metrics.flags.map((f) => h('span', { class: 'badge', title: flagHelp(f) }, f)),
    ),
    headline(m, t),
    ...testFlagNotes(t.metrics),
    kindFiguresTable(t),
    ...workloadChartCards(state, t),
    evidenceTable(t),
  );
  if (t.error) card.append(h('p', { class: 'error-text' }, t.error));
  if (r) {
    card.append(statsTable(r), hardwareChart(state, r, index));
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
  return card;
}
