// The machine's chart groups (CPU, memory, I/O, Ollama's processes, each GPU) as built by
// src/shared/machineCharts.ts: a small line chart per figure with the run's phases as bands, the
// per-core load as a heatmap, and "not available" in place of a figure the machine cannot give.
import type {
  MachineChart,
  MachineChartGroup,
  MachineHeatmap,
} from '../../src/shared/machineCharts';
import type { LivePhase } from '../../src/shared/protocol';
import { lineChart, lineDataset, phasePlugin, type Chart } from './charts';
import { h } from './dom';
import { NOT_AVAILABLE } from './format';
import { seriesColor, withAlpha, type ThemeColors } from './theme';

export interface MachineChartsContext {
  theme: () => ThemeColors;
  phases: () => readonly LivePhase[];
  /** Charts made here join this list (destroyed with the view, recoloured on a theme change). */
  charts: Chart[];
}

function lineCard(
  ctx: MachineChartsContext,
  c: Extract<MachineChart, { kind: 'line' }>,
): HTMLElement {
  const card = h(
    'div',
    { class: 'chart-card machine-chart', 'data-chart': c.id },
    h('h6', null, `${c.title} (${c.unit})`),
  );
  if (!c.lines.length) {
    card.classList.add('not-available');
    card.append(h('p', { class: 'muted' }, `${c.missing.join(', ')}: ${NOT_AVAILABLE}`));
    return card;
  }
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': `${c.title} over the session, ${c.lines.map((l) => l.label).join(', ')}`,
  });
  card.append(h('div', { class: 'chart-box small' }, canvas));
  const theme = ctx.theme();
  const chart = lineChart(canvas, theme, {
    xTitle: 'seconds',
    yTitle: c.unit,
    plugins: [phasePlugin(ctx.phases, ctx.theme)],
  });
  c.lines.forEach((l, i) =>
    chart.data.datasets.push(
      lineDataset(
        l.label,
        seriesColor(theme, i),
        l.points.map(([x, y]) => ({ x, y })),
        { pointRadius: 0 },
      ),
    ),
  );
  chart.update('none');
  ctx.charts.push(chart);
  if (c.missing.length)
    card.append(h('p', { class: 'muted' }, `${c.missing.join(', ')}: ${NOT_AVAILABLE}`));
  return card;
}

/** Draws the per-core load: a row per core, darker where busier. */
function drawHeatmap(canvas: HTMLCanvasElement, m: MachineHeatmap, theme: ThemeColors): void {
  const width = canvas.clientWidth || 400;
  const rowHeight = Math.max(3, Math.min(14, Math.floor(160 / Math.max(1, m.rows.length))));
  const height = rowHeight * m.rows.length;
  const scale = window.devicePixelRatio || 1;
  canvas.width = width * scale;
  canvas.height = height * scale;
  canvas.style.height = `${height}px`;
  const g = canvas.getContext('2d');
  if (!g) return;
  g.scale(scale, scale);
  const n = m.times.length;
  const cell = width / Math.max(1, n);
  const base = theme.series[0] ?? '#3794ff';
  m.rows.forEach((row, r) =>
    row.forEach((v, i) => {
      if (v === null) return;
      g.fillStyle = withAlpha(base, 0.08 + 0.92 * Math.min(1, Math.max(0, v / 100)));
      g.fillRect(i * cell, r * rowHeight, Math.ceil(cell), rowHeight - (rowHeight > 4 ? 1 : 0));
    }),
  );
}

function heatmapCard(ctx: MachineChartsContext, m: MachineHeatmap): HTMLElement {
  const card = h(
    'div',
    { class: 'chart-card machine-chart heatmap', 'data-chart': m.id },
    h('h6', null, `${m.title} (${m.unit}; one row per core, darker = busier)`),
  );
  if (!m.rows.length) {
    card.classList.add('not-available');
    card.append(h('p', { class: 'muted' }, `${m.missing.join(', ')}: ${NOT_AVAILABLE}`));
    return card;
  }
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': `Load of each of ${m.rows.length} cores over the session`,
  });
  canvas.style.width = '100%';
  card.append(canvas);
  // Drawn once laid out (its width is the card's).
  requestAnimationFrame(() => drawHeatmap(canvas, m, ctx.theme()));
  return card;
}

export function machineChartGroupsView(
  ctx: MachineChartsContext,
  groups: readonly MachineChartGroup[],
): HTMLElement {
  return h(
    'div',
    { class: 'machine-groups' },
    groups.map((g) =>
      h(
        'section',
        { class: 'machine-group', 'data-group': g.id, 'aria-label': g.title },
        h('h5', null, g.title),
        h(
          'div',
          { class: 'machine-grid' },
          g.charts.map((c) => (c.kind === 'heatmap' ? heatmapCard(ctx, c) : lineCard(ctx, c))),
        ),
      ),
    ),
  );
}
