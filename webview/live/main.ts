// The Live Metrics panel: progress per model and test, charts that grow while the session runs
// (tokens/s and TTFT per repetition, hardware with the phases on the time axis), the log tail, and
// at the end a summary with "Open in Dashboard". State comes from the host: `init` is a full
// snapshot (first load, shown again, reload), `batch` what changed since (≤ 4 a second).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import type {
  LiveDelta,
  LiveSnapshot,
  LiveToHost,
  HostToLive,
  LivePhase,
  LiveProgressRow,
} from '../../src/shared/protocol';
import { isHostToLive } from '../../src/shared/protocol';
import {
  appendHardware,
  appendPoints,
  emptyHardwareSeries,
  HARDWARE_KEYS,
  HARDWARE_LABELS,
  type XY,
} from '../lib/chartData';
import { applyTheme, lineChart, lineDataset, phasePlugin, type Chart } from '../lib/charts';
import { ChartTable } from '../lib/dataTable';
import { clear, h, icon } from '../lib/dom';
import { fmt, fmtBytes, fmtDuration, fmtPercent, NOT_AVAILABLE } from '../lib/format';
import { onThemeChange, readTheme } from '../lib/theme';
import { panelApi } from '../lib/vscodeApi';

const api = panelApi<LiveToHost, HostToLive, never>();
let theme = readTheme();
let snap: LiveSnapshot | undefined;
let phases: LivePhase[] = [];
const tokenGroups = new Map<string, XY[]>();
const ttftGroups = new Map<string, XY[]>();
let hardware = emptyHardwareSeries();
let hardwareRaw: LiveSnapshot['hardware'] = [];

const STATUS_ICONS: Record<string, string> = {
  pending: 'circle-large-outline',
  running: 'sync~spin',
  completed: 'pass',
  error: 'error',
  cancelled: 'circle-slash',
};

// ------------------------------------------------------------ layout (built once)

const statusLine = h('p', { id: 'live-status', role: 'status', 'aria-live': 'polite' });
const cancelButton = h(
  'vscode-button',
  { id: 'cancel', secondary: true, icon: 'debug-stop', disabled: true },
  'Cancel',
);
const dashboardButton = h(
  'vscode-button',
  { id: 'open-dashboard', icon: 'graph', hidden: true },
  'Open in Dashboard',
);
const progressBody = h('tbody');
const summary = h('section', { id: 'summary', hidden: true, 'aria-labelledby': 'summary-title' });
const logList = h('ol', { id: 'log', class: 'log', 'aria-label': 'Session log (latest lines)' });
const availability = h('p', { id: 'hardware-availability', class: 'muted' });

function chartBox(id: string, title: string): { canvas: HTMLCanvasElement; section: HTMLElement } {
  const canvas = h('canvas', {
    id: `${id}-canvas`,
    role: 'img',
    'aria-label': `${title} chart; the numbers are in the table below`,
  });
  const section = h(
    'section',
    { class: 'chart-card', id, 'aria-label': title },
    h('h3', null, title),
    h('div', { class: 'chart-box' }, canvas),
  );
  return { canvas, section };
}

const tokBox = chartBox('chart-tokens', 'Tokens/s per repetition');
const ttftBox = chartBox('chart-ttft', 'Time to first token per repetition (ms)');
const hwBox = chartBox(
  'chart-hardware',
  'Hardware (CPU %, GPU %, RAM and VRAM in GiB) with phases',
);

const app = document.getElementById('app')!;
clear(app);
app.setAttribute('aria-busy', 'false');
app.append(
  h(
    'header',
    { class: 'toolbar' },
    h('h2', null, icon('pulse'), ' Live Metrics'),
    statusLine,
    h('span', { class: 'spacer' }),
    cancelButton,
    dashboardButton,
  ),
  h(
    'section',
    { 'aria-labelledby': 'progress-title' },
    h('h3', { id: 'progress-title' }, 'Progress'),
    h(
      'table',
      { class: 'grid', id: 'progress' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [
            'Model',
            'Test',
            'Status',
            'Repetitions',
            'Tokens/s',
            'Prompt tok/s',
            'TTFT p50 ms',
            'Flags',
          ].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      progressBody,
    ),
  ),
  summary,
  h('div', { class: 'charts' }, tokBox.section, ttftBox.section, hwBox.section),
  availability,
  h('section', { 'aria-labelledby': 'log-title' }, h('h3', { id: 'log-title' }, 'Log'), logList),
);

cancelButton.addEventListener('click', () => api.post({ type: 'cancel' }));
dashboardButton.addEventListener('click', () =>
  api.post({ type: 'openDashboard', ...(snap?.sessionId ? { sessionId: snap.sessionId } : {}) }),
);

const tokChart = lineChart(tokBox.canvas, theme, {
  xTitle: 'seconds since start',
  yTitle: 'tokens/s',
});
const ttftChart = lineChart(ttftBox.canvas, theme, { xTitle: 'seconds since start', yTitle: 'ms' });
const hwChart = lineChart(hwBox.canvas, theme, {
  xTitle: 'seconds since start',
  yTitle: '%',
  y2Title: 'GiB',
  yMax: 100,
  plugins: [
    phasePlugin(
      () => phases,
      () => theme,
    ),
  ],
});
HARDWARE_KEYS.forEach((key, i) => {
  hwChart.data.datasets.push(
    lineDataset(HARDWARE_LABELS[key], theme.series[i]!, hardware[key], {
      yAxisID: key === 'ram' || key === 'vram' ? 'y2' : 'y',
      pointRadius: 0,
    }),
  );
});

const pointTable = (groups: Map<string, XY[]>, unit: string) => ({
  headers: ['Series', 'Seconds', unit],
  rows: () =>
    [...groups].flatMap(([k, pts]) => pts.map((p) => [k, p.x.toFixed(1), p.y.toFixed(2)])),
});
const tables = [
  new ChartTable('Numbers of the tokens/s chart', pointTable(tokenGroups, 'tokens/s')),
  new ChartTable('Numbers of the TTFT chart', pointTable(ttftGroups, 'ms')),
  new ChartTable('Numbers of the hardware chart', {
    headers: ['Seconds', 'CPU %', 'GPU %', 'RAM', 'VRAM'],
    rows: () =>
      hardwareRaw.map((p) => [
        (p.t / 1000).toFixed(1),
        fmtPercent(p.cpu),
        fmtPercent(p.gpu),
        fmtBytes(p.ram),
        fmtBytes(p.vram),
      ]),
  }),
];
tokBox.section.append(tables[0]!.element);
ttftBox.section.append(tables[1]!.element);
hwBox.section.append(tables[2]!.element);

// ------------------------------------------------------------ updates

function syncGroups(chart: Chart<'line', XY[]>, groups: Map<string, XY[]>, added: string[]): void {
  for (const key of added) {
    const i = chart.data.datasets.length;
    chart.data.datasets.push(
      lineDataset(key, theme.series[i % theme.series.length]!, groups.get(key)!, {
        showLine: true,
      }),
    );
  }
}

function renderProgress(rows: LiveProgressRow[]): void {
  clear(progressBody);
  for (const r of rows) {
    progressBody.append(
      h(
        'tr',
        { 'data-status': r.status },
        h('td', null, r.model),
        h('td', null, r.test),
        h(
          'td',
          null,
          icon(STATUS_ICONS[r.status] ?? 'question'),
          ` ${r.status}`,
          r.error ? h('span', { class: 'error-text' }, ` — ${r.error}`) : null,
        ),
        h(
          'td',
          null,
          h('vscode-progress-bar', {
            value: r.total ? r.done / r.total : 0,
            max: 1,
            'aria-label': `${r.done} of ${r.total}`,
          }),
          ` ${r.done}/${r.total}`,
        ),
        h(
          'td',
          { class: 'num' },
          r.tokens_per_second === undefined ? '–' : fmt(r.tokens_per_second),
        ),
        h(
          'td',
          { class: 'num' },
          r.prompt_tokens_per_second === undefined ? '–' : fmt(r.prompt_tokens_per_second),
        ),
        h('td', { class: 'num' }, r.ttft_ms === undefined ? '–' : fmt(r.ttft_ms, 0)),
        h(
          'td',
          null,
          r.flags.map((f) => h('span', { class: 'badge' }, f)),
        ),
      ),
    );
  }
}

function renderStatus(): void {
  if (!snap || snap.status === 'idle') {
    statusLine.textContent =
      'No benchmark has run in this window yet. Run "Ollama Bench: Run Ollama benchmark" and it shows here.';
  } else if (snap.status === 'running') {
    const done = snap.progress.filter(
      (r) => r.status !== 'pending' && r.status !== 'running',
    ).length;
    statusLine.textContent = `Running: ${done} of ${snap.progress.length} tests finished · ${snap.models.join(', ')}`;
  } else {
    statusLine.textContent = `Session ${snap.session?.status ?? 'done'}${snap.session?.end_time ? ` at ${new Date(snap.session.end_time).toLocaleTimeString()}` : ''}.`;
  }
  const running = snap?.status === 'running';
  cancelButton.toggleAttribute('disabled', !running);
  dashboardButton.hidden = snap?.status !== 'done';
}

function renderAvailability(): void {
  const missing = HARDWARE_KEYS.filter((k) => hardwareRaw.length && !hardware[k].length);
  HARDWARE_KEYS.forEach((k, i) => {
    hwChart.data.datasets[i]!.label = missing.includes(k)
      ? `${HARDWARE_LABELS[k]} (${NOT_AVAILABLE})`
      : HARDWARE_LABELS[k];
  });
  availability.textContent = missing.length
    ? `${missing.map((k) => HARDWARE_LABELS[k].split(' ')[0]).join(', ')}: ${NOT_AVAILABLE} on this machine.`
    : '';
}

function renderSummary(): void {
  const s = snap?.session;
  summary.hidden = !s;
  clear(summary);
  if (!s) return;
  summary.append(
    h('h3', { id: 'summary-title' }, 'Summary'),
    h(
      'table',
      { class: 'grid', id: 'summary-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [
            'Model',
            'Test',
            'Status',
            'Tokens/s',
            'Prompt tok/s',
            'TTFT ms',
            'TPOT ms',
            'Load ms',
            'CPU %',
            'GPU %',
            'RAM peak',
            'VRAM peak',
            'Flags',
          ].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        s.models.flatMap((m) =>
          m.tests.map((t) => {
            const x = t.metrics;
            return h(
              'tr',
              null,
              h('td', null, m.name),
              h('td', null, t.type),
              h('td', null, t.status),
              h('td', { class: 'num' }, fmt(x.tokens_per_second ?? x.aggregate_tokens_per_second)),
              h('td', { class: 'num' }, fmt(x.prompt_tokens_per_second)),
              h('td', { class: 'num' }, fmt(x.ttft_ms, 0)),
              h('td', { class: 'num' }, fmt(x.tpot_ms)),
              h('td', { class: 'num' }, fmt(x.load_time ?? m.load_time, 0)),
              h('td', { class: 'num' }, fmtPercent(x.cpu_usage)),
              h('td', { class: 'num' }, fmtPercent(x.gpu_usage)),
              h('td', { class: 'num' }, fmtBytes(x.ram_usage)),
              h('td', { class: 'num' }, fmtBytes(x.vram_usage)),
              h('td', null, x.flags.join(', ')),
            );
          }),
        ),
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      `Duration ${fmtDuration(s.end_time ? Date.parse(s.end_time) - Date.parse(s.start_time) : undefined)}.`,
    ),
  );
}

function updateCharts(): void {
  tokChart.update('none');
  ttftChart.update('none');
  hwChart.update('none');
  for (const t of tables) t.refresh();
}

function reset(next: LiveSnapshot): void {
  snap = next;
  phases = next.phases;
  tokenGroups.clear();
  ttftGroups.clear();
  tokChart.data.datasets = [];
  ttftChart.data.datasets = [];
  hardware = emptyHardwareSeries();
  hardwareRaw = [...next.hardware];
  appendHardware(hardware, next.hardware);
  HARDWARE_KEYS.forEach((k, i) => (hwChart.data.datasets[i]!.data = hardware[k]));
  syncGroups(tokChart, tokenGroups, appendPoints(tokenGroups, next.tokens));
  syncGroups(ttftChart, ttftGroups, appendPoints(ttftGroups, next.ttft));
  clear(logList);
  appendLogs(next.logs);
  renderAll();
}

function appendLogs(lines: LiveSnapshot['logs']): void {
  for (const l of lines) {
    logList.append(
      h(
        'li',
        { class: `log-${l.level}` },
        h('span', { class: 'muted' }, `${(l.t / 1000).toFixed(1)} s `),
        `[${l.level}] ${l.message}`,
      ),
    );
  }
  while (logList.childElementCount > 200) logList.firstElementChild?.remove();
  logList.lastElementChild?.scrollIntoView?.({ block: 'nearest' });
}

function applyDelta(d: LiveDelta): void {
  if (d.reset) return reset(d.reset);
  if (!snap) return;
  snap.status = d.status;
  snap.progress = d.progress;
  snap.phases = phases = d.phases;
  if (d.session) {
    snap.session = d.session;
    snap.sessionId = d.session._id ?? snap.sessionId;
  }
  hardwareRaw.push(...d.hardware);
  appendHardware(hardware, d.hardware);
  syncGroups(tokChart, tokenGroups, appendPoints(tokenGroups, d.tokens));
  syncGroups(ttftChart, ttftGroups, appendPoints(ttftGroups, d.ttft));
  appendLogs(d.logs);
  renderAll();
}

function renderAll(): void {
  if (!snap) return;
  renderStatus();
  renderProgress(snap.progress);
  renderAvailability();
  renderSummary();
  updateCharts();
  document.body.dataset.points = String(
    tokChart.data.datasets.reduce((n, d) => n + d.data.length, 0) + hardwareRaw.length,
  );
}

api.onMessage(isHostToLive, (msg) => {
  if (msg.type === 'init') reset(msg.snapshot);
  else applyDelta(msg.delta);
});

onThemeChange((colors) => {
  theme = colors;
  for (const c of [tokChart, ttftChart, hwChart]) applyTheme(c, colors);
});

renderStatus();
api.post({ type: 'ready' });
