// Line charts as inline SVG markup: no script, no request, so a report file renders the same in
// any browser, offline. Colours are CSS variables (the report's light and dark palettes), and
// hover text is SVG <title>, which every browser shows as a tooltip.
import { escapeHtml } from './escapeHtml';

export interface XY {
  x: number;
  y: number;
}

export interface SvgSeries {
  label: string;
  points: readonly XY[];
  /** A CSS colour or var(--…). */
  color: string;
  /** Draw the values against the right-hand axis (e.g. GiB beside %). */
  right?: boolean;
  /** Dots on every point (few points: repetitions, sessions) instead of a plain line. */
  dots?: boolean;
  /** No connecting line (a scatter of points). */
  noLine?: boolean;
  /** Hover text per point (same order as points). */
  titles?: readonly string[];
}

/** A shaded span of x, e.g. one test's window in a hardware chart. */
export interface SvgBand {
  from: number;
  to: number;
  label: string;
}

/** A vertical marker line with hover text, e.g. "Ollama 0.12.6 → 0.13.0". */
export interface SvgMarker {
  x: number;
  label: string;
}

export interface SvgChartSpec {
  title: string;
  series: readonly SvgSeries[];
  bands?: readonly SvgBand[];
  markers?: readonly SvgMarker[];
  xLabel: string;
  yLabel: string;
  y2Label?: string;
  formatX?: (x: number) => string;
  width?: number;
  height?: number;
}

const PAD = { left: 56, right: 56, top: 28, bottom: 44 };

/** About `count` round tick values spanning [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

function extent(values: number[], zeroBased: boolean): [number, number] {
  if (!values.length) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (zeroBased) lo = Math.min(0, lo);
  if (lo === hi) {
    hi = lo + (Math.abs(lo) || 1) * 0.1;
    lo = zeroBased ? lo : lo - (hi - lo);
  }
  const ticks = niceTicks(lo, hi);
  return [Math.min(lo, ticks[0] ?? lo), Math.max(hi, ticks[ticks.length - 1] ?? hi)];
}

/** At most `max` points, evenly picked (a long hardware series drawn at the chart's resolution). */
export function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const step = points.length / max;
  const out: T[] = [];
  for (let i = 0; i < max; i++) {
    const point = points[Math.floor(i * step)];
    if (point !== undefined) out.push(point);
  }
  const last = points.at(-1);
  if (last !== undefined) out.push(last);
  return out;
}

const n2 = (v: number) => Number(v.toFixed(1));

function tickText(v: number): string {
  return Math.abs(v) >= 1000 || Number.isInteger(v)
    ? String(Math.round(v))
    : String(Number(v.toPrecision(3)));
}

export function svgChart(spec: SvgChartSpec): string {
  const width = spec.width ?? 720;
  const height = spec.height ?? 260;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const withPoints = spec.series.filter((s) => s.points.length);
  const xs = [
    ...withPoints.flatMap((s) => s.points.map((p) => p.x)),
    ...(spec.bands ?? []).flatMap((b) => [b.from, b.to]),
    ...(spec.markers ?? []).map((m) => m.x),
  ];
  const [x0, x1] = xs.length
    ? [Math.min(...xs), Math.max(...xs) === Math.min(...xs) ? Math.min(...xs) + 1 : Math.max(...xs)]
    : [0, 1];
  const left = withPoints.filter((s) => !s.right).flatMap((s) => s.points.map((p) => p.y));
  const right = withPoints.filter((s) => s.right).flatMap((s) => s.points.map((p) => p.y));
  const [yl0, yl1] = extent(left, true);
  const [yr0, yr1] = extent(right, true);
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number, r = false) => {
    const [a, b] = r ? [yr0, yr1] : [yl0, yl1];
    return PAD.top + plotH - ((y - a) / (b - a)) * plotH;
  };
  const fx = spec.formatX ?? tickText;
  const parts: string[] = [];
  parts.push(
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(spec.title)}">`,
    `<title>${escapeHtml(spec.title)}</title>`,
    `<text class="chart-title" x="${PAD.left}" y="16">${escapeHtml(spec.title)}</text>`,
  );
  (spec.bands ?? []).forEach((b, i) => {
    const a = sx(b.from);
    const w = Math.max(1, sx(b.to) - a);
    parts.push(
      `<g class="band"><rect x="${n2(a)}" y="${PAD.top}" width="${n2(w)}" height="${plotH}" style="fill:var(--band${i % 2})"><title>${escapeHtml(b.label)}</title></rect>`,
      `<text class="band-label" x="${n2(a + 3)}" y="${PAD.top + 12}">${escapeHtml(b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label)}</text></g>`,
    );
  });
  for (const t of niceTicks(yl0, yl1)) {
    const y = n2(sy(t));
    parts.push(
      `<line class="grid" x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y}" y2="${y}"/>`,
      `<text class="tick" x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${tickText(t)}</text>`,
    );
  }
  if (right.length) {
    for (const t of niceTicks(yr0, yr1))
      parts.push(
        `<text class="tick" x="${PAD.left + plotW + 6}" y="${n2(sy(t, true)) + 4}">${tickText(t)}</text>`,
      );
  }
  for (const t of niceTicks(x0, x1, 6)) {
    const x = n2(sx(t));
    parts.push(
      `<text class="tick" x="${x}" y="${PAD.top + plotH + 16}" text-anchor="middle">${escapeHtml(fx(t))}</text>`,
    );
  }
  parts.push(
    `<rect class="frame" x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}"/>`,
    `<text class="axis-label" x="${PAD.left + plotW / 2}" y="${height - 6}" text-anchor="middle">${escapeHtml(spec.xLabel)}</text>`,
    `<text class="axis-label" transform="translate(14 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(spec.yLabel)}</text>`,
  );
  if (spec.y2Label && right.length)
    parts.push(
      `<text class="axis-label" transform="translate(${width - 10} ${PAD.top + plotH / 2}) rotate(90)" text-anchor="middle">${escapeHtml(spec.y2Label)}</text>`,
    );
  for (const m of spec.markers ?? []) {
    const x = n2(sx(m.x));
    parts.push(
      `<g class="change-marker"><line x1="${x}" x2="${x}" y1="${PAD.top}" y2="${PAD.top + plotH}"/><path d="M${x - 5} ${PAD.top} L${x + 5} ${PAD.top} L${x} ${PAD.top + 8} Z"/><title>${escapeHtml(m.label)}</title></g>`,
    );
  }
  for (const s of withPoints) {
    const pts = s.points.map((p) => `${n2(sx(p.x))} ${n2(sy(p.y, s.right))}`);
    if (!s.noLine)
      parts.push(
        `<path class="series" data-label="${escapeHtml(s.label)}" d="M${pts.join(' L')}" style="stroke:${s.color}"/>`,
      );
    if (s.dots || s.noLine) {
      s.points.forEach((p, i) => {
        const title = s.titles?.[i] ?? `${s.label}: ${tickText(p.y)}`;
        parts.push(
          `<circle class="dot" cx="${n2(sx(p.x))}" cy="${n2(sy(p.y, s.right))}" r="3.5" style="fill:${s.color}"><title>${escapeHtml(title)}</title></circle>`,
        );
      });
    }
  }
  // Legend along the top right.
  let lx = width - PAD.right;
  for (const s of [...spec.series].reverse()) {
    const label = s.points.length ? s.label : `${s.label} (not available)`;
    const w = 22 + label.length * 6.6;
    lx -= w;
    parts.push(
      `<g class="legend"><rect x="${n2(lx)}" y="8" width="10" height="10" style="fill:${s.color}"/><text x="${n2(lx + 14)}" y="17">${escapeHtml(label)}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
