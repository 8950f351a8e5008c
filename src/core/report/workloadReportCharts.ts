// The HTML report's workload charts: a depth sweep's curve and a rate test's latency against
// rate with the SLO's lines and the knee (data from src/shared/workloadCharts.ts).
import type { SessionModel, SessionTest } from '../../shared/dto';
import { depthCurve, rateCurve } from '../../shared/workloadCharts';
import { svgChart } from './svgChart';

export function workloadReportCharts(m: SessionModel, t: SessionTest): string {
  const depth = depthCurve(t.metrics);
  const rate = rateCurve(t.metrics);
  const out: string[] = [];
  if (depth)
    out.push(
      svgChart({
        title: `${m.name} · ${t.type}: speed against context depth`,
        series: [
          { label: 'tokens/s', points: depth.tokensPerSecond, color: 'var(--c1)', dots: true },
          { label: 'TTFT ms', points: depth.ttftMs, color: 'var(--c2)', dots: true, right: true },
        ],
        xLabel: 'context depth (tokens)',
        yLabel: 'tokens/s',
        y2Label: 'TTFT ms',
        height: 220,
      }),
    );
  if (rate)
    out.push(
      svgChart({
        title: `${m.name} · ${t.type}: p90 latency against arrival rate`,
        series: [
          { label: 'TTFT p90 ms', points: rate.ttftP90, color: 'var(--c1)', dots: true },
          { label: 'e2e p90 ms', points: rate.e2eP90, color: 'var(--c3)', dots: true },
          { label: 'SLO TTFT', points: rate.ttftBound, color: 'var(--c2)' },
          {
            label: 'TPOT p90 ms',
            points: rate.tpotP90,
            color: 'var(--c4)',
            dots: true,
            right: true,
          },
          { label: 'SLO TPOT', points: rate.tpotBound, color: 'var(--c4)', right: true },
        ],
        markers:
          rate.knee !== undefined ? [{ x: rate.knee, label: `knee: ${rate.knee} req/s` }] : [],
        xLabel: 'requests/s',
        yLabel: 'ms',
        y2Label: 'TPOT ms',
        height: 240,
      }),
    );
  return out.join('');
}
