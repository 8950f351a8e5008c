// The three live charts (tokens/s and TTFT per repetition, hardware with the phases as bands),
// each with its numbers in a table for screen readers, growing in place as points arrive.
import type { ChartDataset } from 'chart.js';
import type { LiveHardwarePoint, LivePoint } from '../../src/shared/protocol';
import {
  appendHardware,
  appendPoints,
  emptyHardwareSeries,
  HARDWARE_KEYS,
  HARDWARE_LABELS,
  type HardwareKey,
  type XY,
} from '../lib/chartData';
import { lineChart, lineDataset, phasePlugin, type Chart } from '../lib/charts';
import { ChartTable, hardwareTable } from '../lib/dataTable';
import { decimateMinMax } from '../lib/decimate';
import { h } from '../lib/dom';
import { NOT_AVAILABLE } from '../lib/format';
import { seriesColor } from '../lib/theme';
import type { LiveState } from './liveState';

export interface LiveCharts {
  tokens: Chart<'line', XY[]>;
  ttft: Chart<'line', XY[]>;
  hardware: Chart<'line', XY[]>;
  tables: ChartTable[];
  /** Which hardware figures this machine cannot read. */
  availability: HTMLElement;
}

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

const pointTable = (groups: Map<string, XY[]>, unit: string) => ({
  headers: ['Series', 'Seconds', unit],
  rows: () =>
    [...groups].flatMap(([k, pts]) => pts.map((p) => [k, p.x.toFixed(1), p.y.toFixed(2)])),
});

/**
 * The chart cards, built once; they draw whatever `state` holds. `place` puts the cards and the
 * availability line in the page before chart.js draws, so it can measure the canvases.
 */
export function createLiveCharts(
  state: LiveState,
  place: (cards: HTMLElement, availability: HTMLElement) => void,
): LiveCharts {
  const tokBox = chartBox('chart-tokens', 'Tokens/s per repetition');
  const ttftBox = chartBox('chart-ttft', 'Time to first token per repetition (ms)');
  const hwBox = chartBox(
    'chart-hardware',
    'Hardware (CPU %, GPU %, RAM and VRAM in GiB) with phases',
  );
  const availability = h('p', { id: 'hardware-availability', class: 'muted' });
  place(
    h('div', { class: 'charts' }, tokBox.section, ttftBox.section, hwBox.section),
    availability,
  );
  const { theme } = state;
  const tokens = lineChart(tokBox.canvas, theme, {
    xTitle: 'seconds since start',
    yTitle: 'tokens/s',
  });
  const ttft = lineChart(ttftBox.canvas, theme, { xTitle: 'seconds since start', yTitle: 'ms' });
  const hardware = lineChart(hwBox.canvas, theme, {
    xTitle: 'seconds since start',
    yTitle: '%',
    y2Title: 'GiB',
    yMax: 100,
    // The series are decimated here, min and max per run (decimateMinMax), before chart.js sees them.
    decimation: false,
    plugins: [
      phasePlugin(
        () => state.phases,
        () => state.theme,
      ),
    ],
  });
  HARDWARE_KEYS.forEach((key, i) => {
    hardware.data.datasets.push(
      lineDataset(HARDWARE_LABELS[key], seriesColor(theme, i), state.hardware[key], {
        yAxisID: key === 'ram' || key === 'vram' ? 'y2' : 'y',
        pointRadius: 0,
      }),
    );
  });
  const tokTable = new ChartTable(
    'Numbers of the tokens/s chart',
    pointTable(state.tokenGroups, 'tokens/s'),
  );
  const ttftTable = new ChartTable('Numbers of the TTFT chart', pointTable(state.ttftGroups, 'ms'));
  const hwTable = new ChartTable(
    'Numbers of the hardware chart',
    hardwareTable(() => state.hardwareRaw),
  );
  tokBox.section.append(tokTable.element);
  ttftBox.section.append(ttftTable.element);
  hwBox.section.append(hwTable.element);
  return { tokens, ttft, hardware, tables: [tokTable, ttftTable, hwTable], availability };
}

/** A dataset for each model × test series that appeared. */
function syncGroups(
  state: LiveState,
  chart: Chart<'line', XY[]>,
  groups: Map<string, XY[]>,
  added: string[],
): void {
  for (const key of added) {
    const points = groups.get(key);
    if (!points) continue; // appendPoints lists only the groups it made
    const color = seriesColor(state.theme, chart.data.datasets.length);
    chart.data.datasets.push(lineDataset(key, color, points, { showLine: true }));
  }
}

/** Each hardware figure with its dataset: createLiveCharts made one per HARDWARE_KEYS entry, in order. */
function forEachHardwareDataset(
  chart: Chart<'line', XY[]>,
  each: (key: HardwareKey, dataset: ChartDataset<'line', XY[]>) => void,
): void {
  HARDWARE_KEYS.forEach((key, i) => {
    const dataset = chart.data.datasets[i];
    if (dataset) each(key, dataset);
  });
}

/** Empties every series (a new session); the hardware datasets then draw the new, empty lists. */
export function clearSeries(charts: LiveCharts, state: LiveState): void {
  state.tokenGroups.clear();
  state.ttftGroups.clear();
  charts.tokens.data.datasets = [];
  charts.ttft.data.datasets = [];
  state.hardware = emptyHardwareSeries();
  state.hardwareRaw = [];
  state.hardwareSamples = 0;
  forEachHardwareDataset(charts.hardware, (k, dataset) => (dataset.data = state.hardware[k]));
}

export function addPoints(
  charts: LiveCharts,
  state: LiveState,
  points: {
    tokens: LivePoint[];
    ttft: LivePoint[];
    hardware: LiveHardwarePoint[];
    hardwareSamples?: number;
  },
): void {
  // A loop, not push(...list): a snapshot can hold more points than a call takes arguments.
  for (const p of points.hardware) state.hardwareRaw.push(p);
  state.hardwareSamples += points.hardwareSamples ?? points.hardware.length;
  appendHardware(state.hardware, points.hardware);
  syncGroups(
    state,
    charts.tokens,
    state.tokenGroups,
    appendPoints(state.tokenGroups, points.tokens),
  );
  syncGroups(state, charts.ttft, state.ttftGroups, appendPoints(state.ttftGroups, points.ttft));
}

/** Labels what this machine cannot read, then redraws the charts and any open number table. */
export function renderCharts(charts: LiveCharts, state: LiveState): void {
  const missing = HARDWARE_KEYS.filter(
    (k) => state.hardwareRaw.length && !state.hardware[k].length,
  );
  // Two points (a run's min and max) per pixel column of the plot: every peak stays visible.
  const buckets = Math.max(100, Math.round(charts.hardware.chartArea?.width ?? 600));
  forEachHardwareDataset(charts.hardware, (k, dataset) => {
    dataset.label = missing.includes(k)
      ? `${HARDWARE_LABELS[k]} (${NOT_AVAILABLE})`
      : HARDWARE_LABELS[k];
    dataset.data = decimateMinMax(state.hardware[k], buckets);
  });
  charts.availability.textContent = missing.length
    ? `${missing.map((k) => HARDWARE_LABELS[k].split(' ')[0]).join(', ')}: ${NOT_AVAILABLE} on this machine.`
    : '';
  charts.tokens.update('none');
  charts.ttft.update('none');
  charts.hardware.update('none');
  for (const t of charts.tables) t.refresh();
}

/**
 * Points on screen (tokens/s, and the hardware samples the chart stands for), for the end-to-end
 * tests and the dashboard bench to wait on.
 */
export function pointCount(charts: LiveCharts, state: LiveState): number {
  return charts.tokens.data.datasets.reduce((n, d) => n + d.data.length, 0) + state.hardwareSamples;
}
