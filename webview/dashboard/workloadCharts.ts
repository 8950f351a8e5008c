// A workload test's charts in its card: a depth sweep's curve (tokens/s and TTFT against depth)
// and a rate test's p90 latency against arrival rate with the SLO's bounds as dashed lines (data
// from src/shared/workloadCharts.ts, as the HTML report draws it). Each chart joins
// `state.charts`, so leaving the view destroys it.
import type { SessionTest } from '../../src/shared/dto';
import { depthCurve, rateCurve, type ChartPoint } from '../../src/shared/workloadCharts';
import { lineChart, lineDataset } from '../lib/charts';
import { h } from '../lib/dom';
import { seriesColor } from '../lib/theme';
import type { ViewState } from './viewState';

interface Line {
  label: string;
  points: ChartPoint[];
  right?: boolean;
  dashed?: boolean;
}

function chartCard(
  state: ViewState,
  title: string,
  axes: { x: string; y: string; y2: string },
  lines: Line[],
): HTMLElement {
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  const chart = lineChart(canvas, state.theme, {
    xTitle: axes.x,
    yTitle: axes.y,
    y2Title: axes.y2,
  });
  lines.forEach((l, i) =>
    chart.data.datasets.push(
      lineDataset(l.label, seriesColor(state.theme, i), [...l.points], {
        yAxisID: l.right ? 'y2' : 'y',
        ...(l.dashed ? { borderDash: [6, 4], pointRadius: 0 } : {}),
      }),
    ),
  );
  chart.update('none');
  state.charts.push(chart);
  return h(
    'div',
    { class: 'chart-card' },
    h('h5', null, title),
    h('div', { class: 'chart-box' }, canvas),
  );
}

export function workloadChartCards(state: ViewState, t: SessionTest): HTMLElement[] {
  const out: HTMLElement[] = [];
  const depth = depthCurve(t.metrics);
  if (depth)
    out.push(
      chartCard(
        state,
        'Speed against context depth',
        { x: 'depth (tokens)', y: 'tokens/s', y2: 'TTFT ms' },
        [
          { label: 'tokens/s', points: depth.tokensPerSecond },
          { label: 'TTFT ms', points: depth.ttftMs, right: true },
        ],
      ),
    );
  const rate = rateCurve(t.metrics);
  if (rate)
    out.push(
      chartCard(
        state,
        `p90 latency against arrival rate${rate.knee !== undefined ? ` (knee at ${rate.knee} req/s)` : ''}`,
        { x: 'requests/s', y: 'ms', y2: 'TPOT ms' },
        [
          { label: 'TTFT p90 ms', points: rate.ttftP90 },
          { label: 'e2e p90 ms', points: rate.e2eP90 },
          { label: 'SLO TTFT', points: rate.ttftBound, dashed: true },
          { label: 'TPOT p90 ms', points: rate.tpotP90, right: true },
          { label: 'SLO TPOT', points: rate.tpotBound, right: true, dashed: true },
        ],
      ),
    );
  return out;
}
