// chart.js, with only the components the panels use registered. Every chart: no animation, data
// given pre-parsed ({x, y}) so min/max decimation can thin long series, updated in place with
// update('none').
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
  type Plugin,
} from 'chart.js';
import type { LivePhase } from '../../src/shared/protocol';
import type { XY } from './chartData';
import { seriesColor, type ThemeColors } from './theme';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

export { Chart };

/** Phases (cold loads, tests) drawn as bands behind the data, labelled at the top. */
export function phasePlugin(
  getPhases: () => readonly LivePhase[],
  getTheme: () => ThemeColors,
): Plugin<'line'> {
  return {
    id: 'ollamaBenchPhases',
    beforeDatasetsDraw(chart) {
      const x = chart.scales.x;
      const area = chart.chartArea;
      if (!x || !area) return;
      const theme = getTheme();
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = `10px ${theme.font}`;
      ctx.textBaseline = 'top';
      for (const phase of getPhases()) {
        const start = x.getPixelForValue(phase.start / 1000);
        const end = x.getPixelForValue(phase.end !== undefined ? phase.end / 1000 : x.max);
        const left = Math.max(area.left, start);
        const right = Math.min(area.right, end);
        if (right <= left) continue;
        ctx.fillStyle = phase.kind === 'load' ? theme.loadBand : theme.testBand;
        ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
        ctx.strokeStyle = theme.grid;
        ctx.beginPath();
        ctx.moveTo(left, area.top);
        ctx.lineTo(left, area.bottom);
        ctx.stroke();
        if (right - left > 40) {
          ctx.fillStyle = theme.muted;
          const label = phase.kind === 'load' ? 'load' : (phase.label.split(' · ').pop() ?? '');
          ctx.fillText(label, left + 3, area.top + 2, right - left - 6);
        }
      }
      ctx.restore();
    },
  };
}

export interface LineChartOptions {
  xTitle: string;
  yTitle: string;
  y2Title?: string;
  yMax?: number;
  showLine?: boolean;
  plugins?: Plugin<'line'>[];
  /** chart.js's own min/max decimation of long series (default on); off where the caller decimates. */
  decimation?: boolean;
}

export function lineChart(
  canvas: HTMLCanvasElement,
  theme: ThemeColors,
  o: LineChartOptions,
): Chart<'line', XY[]> {
  return new Chart<'line', XY[]>(canvas, {
    type: 'line',
    data: { datasets: [] },
    plugins: o.plugins ?? [],
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      spanGaps: true,
      interaction: { mode: 'nearest', intersect: false },
      plugins: {
        // min-max keeps each pixel column's extremes, so a one-sample peak is still drawn.
        decimation: { enabled: o.decimation ?? true, algorithm: 'min-max', threshold: 1000 },
        legend: { labels: { color: theme.foreground, boxWidth: 12 } },
        tooltip: { enabled: true },
      },
      scales: {
        x: {
          type: 'linear',
          title: { display: true, text: o.xTitle, color: theme.muted },
          ticks: { color: theme.muted },
          grid: { color: theme.grid },
        },
        y: {
          type: 'linear',
          beginAtZero: true,
          ...(o.yMax !== undefined ? { suggestedMax: o.yMax } : {}),
          title: { display: true, text: o.yTitle, color: theme.muted },
          ticks: { color: theme.muted },
          grid: { color: theme.grid },
        },
        ...(o.y2Title
          ? {
              y2: {
                type: 'linear' as const,
                position: 'right' as const,
                beginAtZero: true,
                title: { display: true, text: o.y2Title, color: theme.muted },
                ticks: { color: theme.muted },
                grid: { drawOnChartArea: false, color: theme.grid },
              },
            }
          : {}),
      },
    },
  });
}

export function lineDataset(
  label: string,
  color: string,
  data: XY[],
  extra: Partial<ChartDataset<'line', XY[]>> = {},
): ChartDataset<'line', XY[]> {
  return {
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderWidth: 1.5,
    pointRadius: 2,
    indexAxis: 'x',
    ...extra,
  };
}

export function barChart(
  canvas: HTMLCanvasElement,
  theme: ThemeColors,
  yTitle: string,
): Chart<'bar', (number | null)[], string> {
  return new Chart<'bar', (number | null)[], string>(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { labels: { color: theme.foreground, boxWidth: 12 } } },
      scales: {
        x: { ticks: { color: theme.muted }, grid: { color: theme.grid } },
        y: {
          beginAtZero: true,
          title: { display: true, text: yTitle, color: theme.muted },
          ticks: { color: theme.muted },
          grid: { color: theme.grid },
        },
      },
    },
  });
}

/** Re-colours a chart after a theme switch; datasets keep their index's series colour. */
export function applyTheme(chart: Chart, theme: ThemeColors): void {
  const o = chart.options as {
    plugins?: { legend?: { labels?: { color?: string } } };
    scales?: Record<
      string,
      { ticks?: { color?: string }; grid?: { color?: string }; title?: { color?: string } }
    >;
  };
  if (o.plugins?.legend?.labels) o.plugins.legend.labels.color = theme.foreground;
  for (const scale of Object.values(o.scales ?? {})) {
    if (scale.ticks) scale.ticks.color = theme.muted;
    if (scale.grid) scale.grid.color = theme.grid;
    if (scale.title) scale.title.color = theme.muted;
  }
  chart.data.datasets.forEach((d, i) => {
    const color = seriesColor(theme, i);
    (d as { borderColor?: string }).borderColor = color;
    (d as { backgroundColor?: string }).backgroundColor = color;
  });
  chart.update('none');
}
