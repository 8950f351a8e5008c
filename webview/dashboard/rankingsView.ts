// The Rankings tab: a use case's ranking of one machine's models. The weight sliders re-rank here,
// in the webview, with the same TOPSIS the host uses (no round trip); each row shows what every
// criterion contributes and, on hover, why it ranks where it does; a scatter of two chosen
// figures highlights their Pareto front; the table exports as Markdown.
import { formatBytes } from '../../src/shared/byteSize';
import type { RankingsView } from '../../src/shared/protocol';
import { paretoFront } from '../../src/shared/rank/pareto';
import { rankFigureInfo, type RankFigure } from '../../src/shared/rank/rankFigures';
import type {
  RankCriterion,
  RankedModel,
  RankingReport,
} from '../../src/shared/rank/rankingReport';
import { normaliseWeights, scoreRanking, whyThisRank } from '../../src/shared/rank/scoreRanking';
import { clear, h, icon, thead } from '../lib/dom';
import { save, type Dashboard } from './context';
import { button, type Field } from './widgets';

interface TabState {
  view: RankingsView;
  /** Slider positions, 0–100 per figure (normalised when ranking). */
  weights: Partial<Record<RankFigure, number>>;
  x?: RankFigure;
  y?: RankFigure;
}

let tab: TabState | undefined;

/** Asks the host for a use case's ranking (the tab renders when it answers). */
export function requestRankings(d: Dashboard, useCase = d.state.saved.rankingUseCase): void {
  d.api.post(useCase ? { type: 'rankings', useCase } : { type: 'rankings' });
}

export function renderRankings(d: Dashboard, view: RankingsView): void {
  d.state.saved.rankingUseCase = view.useCase;
  save(d);
  const weights: TabState['weights'] = {};
  for (const c of view.report?.criteria ?? []) weights[c.figure] = Math.round(c.weight * 100);
  const figures = view.report?.criteria.map((c) => c.figure) ?? [];
  // Answers against speed where both are ranked: accuracy over tokens/s.
  const quality = figures.includes('accuracy') && figures.includes('tokens_per_second');
  tab = quality
    ? { view, weights, x: 'tokens_per_second', y: 'accuracy' }
    : { view, weights, x: figures[0], y: figures[1] ?? figures[0] };
  draw(d);
}

function criteria(t: TabState): RankCriterion[] {
  return (t.view.report?.criteria ?? []).map((c) => ({ ...c, weight: t.weights[c.figure] ?? 0 }));
}

function ranked(t: TabState): RankedModel[] {
  const report = t.view.report;
  if (!report?.ranking.length) return [];
  return scoreRanking(
    report.ranking.map((m) => ({ model: m.model, inputs: m.inputs })),
    criteria(t),
  );
}

function shown(figure: RankFigure, v: number | undefined): string {
  if (v === undefined) return '–';
  if (rankFigureInfo(figure).unit === 'bytes') return formatBytes(v);
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

function draw(d: Dashboard): void {
  const t = tab;
  const host = d.dom.rankingsView;
  clear(host);
  if (!t) return;
  const { view } = t;
  const picker = h('vscode-single-select', { id: 'use-case', 'aria-label': 'Use case' }) as Field;
  for (const u of view.useCases)
    picker.append(
      h('vscode-option', { value: u.name, selected: u.name === view.useCase }, u.title),
    );
  picker.addEventListener('change', () => {
    d.state.saved.rankingUseCase = String(picker.value);
    save(d);
    requestRankings(d);
  });
  const useCase = view.useCases.find((u) => u.name === view.useCase);
  host.append(
    h(
      'div',
      { class: 'toolbar' },
      h('label', { class: 'field' }, h('span', null, 'Use case'), picker),
      h('span', { class: 'muted' }, useCase?.description ?? ''),
    ),
  );
  if (view.machineLabel)
    host.append(
      h('p', { class: 'muted', id: 'ranking-machine' }, `Ranked on ${view.machineLabel}`),
    );
  const { report } = view;
  if (view.problem || !report) {
    host.append(h('p', { class: 'notice' }, icon('info'), ' ', view.problem ?? 'Nothing to rank.'));
    return;
  }
  const sliders = h('div', { class: 'rank-weights', id: 'weights' });
  const table = h('div', { id: 'ranking-table', class: 'table-host' });
  const scatter = h('div', { id: 'pareto' });
  const percents = new Map<RankFigure, HTMLElement>();
  const redraw = () => {
    const normal = normaliseWeights(criteria(t));
    for (const c of normal) {
      const label = percents.get(c.figure);
      if (label) label.textContent = `${Math.round(c.weight * 100)} %`;
    }
    drawTable(table, t, ranked(t));
    drawScatter(scatter, t);
  };
  report.criteria.forEach((c, i) => {
    const input = h('input', {
      type: 'range',
      min: 0,
      max: 100,
      step: 1,
      value: t.weights[c.figure] ?? 0,
      id: `weight-${c.figure}`,
      'aria-label': `Weight of ${c.figure}`,
    });
    input.addEventListener('input', () => {
      t.weights[c.figure] = Number(input.value);
      redraw();
    });
    const pct = h('span', { class: 'muted' });
    percents.set(c.figure, pct);
    sliders.append(
      h(
        'label',
        { for: `weight-${c.figure}` },
        h('span', { class: `rank-swatch rank-seg-${i % 8}` }),
        ` ${rankFigureInfo(c.figure).label} `,
        h(
          'span',
          { class: 'muted' },
          c.direction === 'benefit' ? '(higher is better)' : '(lower is better)',
        ),
      ),
      input,
      pct,
    );
  });
  const exportButton = button('export-ranking', 'Export Markdown', 'markdown', () =>
    d.api.post({ type: 'exportRanking', markdown: markdown(t, report) }),
  );
  host.append(h('h3', null, 'Weights'), sliders, table);
  if (report.not_ranked.length)
    host.append(
      h('h3', null, 'Not ranked'),
      h(
        'ul',
        { id: 'not-ranked' },
        report.not_ranked.map((m) => h('li', null, h('strong', null, m.model), `: ${m.reason}`)),
      ),
    );
  host.append(
    h('h3', null, 'Pareto front'),
    axisPickers(t, () => drawScatter(scatter, t)),
    scatter,
  );
  host.append(h('div', { class: 'toolbar' }, exportButton));
  redraw();
}

function drawTable(host: HTMLElement, t: TabState, rows: RankedModel[]): void {
  clear(host);
  const crit = normaliseWeights(criteria(t));
  // Accuracy on core beside the speed figures, where it is not itself a criterion.
  const quality = crit.some((c) => c.figure === 'accuracy') ? undefined : t.view.quality;
  if (!rows.length) {
    host.append(h('p', { class: 'muted' }, 'No model has every criterion on this machine yet.'));
    return;
  }
  const body = h('tbody');
  for (const m of rows) {
    const bar = h('div', { class: 'rank-bar', 'aria-hidden': 'true' });
    crit.forEach((c, i) => {
      const seg = h('span', {
        class: `rank-seg-${i % 8}`,
        title: `${c.figure}: ${(m.breakdown[c.figure] ?? 0).toFixed(3)}`,
      });
      seg.style.width = `${Math.max(0, (m.breakdown[c.figure] ?? 0) * 100)}%`;
      bar.append(seg);
    });
    body.append(
      h(
        'tr',
        { 'data-model': m.model, title: whyThisRank(m, crit) },
        h('td', null, String(m.rank)),
        h('th', { scope: 'row' }, m.model),
        h('td', { class: 'num' }, m.score.toFixed(3)),
        h('td', null, bar),
        h('td', null, m.pareto ? icon('star-full', 'on the Pareto front') : ''),
        crit.map((c) => h('td', { class: 'num' }, shown(c.figure, m.inputs[c.figure]))),
        quality ? h('td', { class: 'num' }, shown('accuracy', quality[m.model])) : '',
      ),
    );
  }
  host.append(
    h(
      'table',
      { class: 'data', id: 'ranking' },
      thead([
        '#',
        'Model',
        'Score',
        'Contribution',
        'Pareto',
        ...crit.map((c) => (c.figure === 'accuracy' ? 'quality (accuracy %)' : c.figure)),
        ...(quality ? ['quality (core accuracy %)'] : []),
      ]),
      body,
    ),
  );
}

function axisPickers(t: TabState, onChange: () => void): HTMLElement {
  const figures = t.view.report?.criteria.map((c) => c.figure) ?? [];
  const pick = (
    id: string,
    label: string,
    chosen: RankFigure | undefined,
    set: (f: RankFigure) => void,
  ) => {
    const el = h('vscode-single-select', { id, 'aria-label': label }) as Field;
    for (const f of figures) el.append(h('vscode-option', { value: f, selected: f === chosen }, f));
    el.addEventListener('change', () => {
      set(String(el.value) as RankFigure);
      onChange();
    });
    return h('label', { class: 'field' }, h('span', null, label), el);
  };
  return h(
    'div',
    { class: 'toolbar' },
    pick('pareto-x', 'X axis', t.x, (f) => (t.x = f)),
    pick('pareto-y', 'Y axis', t.y, (f) => (t.y = f)),
  );
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(
  tag: string,
  attrs: Record<string, string | number>,
  ...children: (Node | string)[]
): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

/** A scatter of two figures; the models no other beats on both are the highlighted front. */
function drawScatter(host: HTMLElement, t: TabState): void {
  clear(host);
  const report = t.view.report;
  const { x, y } = t;
  if (!report || !x || !y) return;
  const dir = (f: RankFigure) =>
    report.criteria.find((c) => c.figure === f)?.direction ?? rankFigureInfo(f).direction;
  const points = report.ranking
    .map((m) => ({ model: m.model, x: m.inputs[x], y: m.inputs[y] }))
    .filter(
      (p): p is { model: string; x: number; y: number } => p.x !== undefined && p.y !== undefined,
    );
  const front = paretoFront(
    points.map((p) => [p.x, p.y]),
    [dir(x), dir(y)],
  );
  const W = 420;
  const H = 260;
  const M = 44;
  const span = (vals: number[]): [low: number, high: number] => {
    const lo = Math.min(...vals);
    const hi = Math.max(...vals);
    return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
  };
  const [x0, x1] = span(points.map((p) => p.x));
  const [y0, y1] = span(points.map((p) => p.y));
  const sx = (v: number) => M + ((v - x0) / (x1 - x0)) * (W - 2 * M);
  const sy = (v: number) => H - M - ((v - y0) / (y1 - y0)) * (H - 2 * M);
  const chart = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    width: W,
    height: H,
    role: 'img',
    'aria-label': `Pareto front of ${x} and ${y}`,
    class: 'pareto-chart',
  });
  chart.append(
    svg('line', { x1: M, y1: H - M, x2: W - M, y2: H - M, class: 'pareto-axis' }),
    svg('line', { x1: M, y1: M, x2: M, y2: H - M, class: 'pareto-axis' }),
    svg(
      'text',
      { x: W / 2, y: H - 8, 'text-anchor': 'middle', class: 'pareto-label' },
      `${x} (${dir(x) === 'benefit' ? 'higher' : 'lower'} is better)`,
    ),
    svg(
      'text',
      {
        x: 12,
        y: H / 2,
        'text-anchor': 'middle',
        transform: `rotate(-90 12 ${H / 2})`,
        class: 'pareto-label',
      },
      `${y} (${dir(y) === 'benefit' ? 'higher' : 'lower'} is better)`,
    ),
  );
  const onFront = points.filter((_, i) => front[i]).sort((a, b) => a.x - b.x);
  if (onFront.length > 1)
    chart.append(
      svg('polyline', {
        points: onFront.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' '),
        class: 'pareto-line',
      }),
    );
  points.forEach((p, i) =>
    chart.append(
      svg(
        'circle',
        {
          cx: sx(p.x),
          cy: sy(p.y),
          r: front[i] ? 6 : 4,
          class: front[i] ? 'pareto-front' : 'pareto-other',
          'data-model': p.model,
        },
        svg(
          'title',
          {},
          `${p.model}: ${x} ${shown(x, p.x)}, ${y} ${shown(y, p.y)}${front[i] ? ' (Pareto front)' : ''}`,
        ),
      ),
    ),
  );
  host.append(chart);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The ranking as the tab shows it now (its weights), as a Markdown document. */
export function markdown(t: TabState, report: RankingReport): string {
  const crit = normaliseWeights(criteria(t));
  const useCase = t.view.useCases.find((u) => u.name === t.view.useCase);
  const lines = [
    `# Model ranking: ${useCase?.title ?? t.view.useCase}`,
    '',
    `Machine: ${t.view.machineLabel ?? report.machine} (\`${report.machine}\`)`,
    '',
    `Weights: ${crit.map((c) => `${c.figure} ${Math.round(c.weight * 100)} % (${c.direction})`).join(', ')}`,
    '',
    `| # | Model | Score | Pareto | ${crit.map((c) => c.figure).join(' | ')} |`,
    `|---|---|---|---|${crit.map(() => '---').join('|')}|`,
    ...ranked(t).map(
      (m) =>
        `| ${m.rank} | ${cell(m.model)} | ${m.score.toFixed(3)} | ${m.pareto ? 'yes' : ''} | ${crit.map((c) => shown(c.figure, m.inputs[c.figure])).join(' | ')} |`,
    ),
  ];
  if (report.not_ranked.length)
    lines.push(
      '',
      '## Not ranked',
      '',
      ...report.not_ranked.map((m) => `- ${cell(m.model)}: ${m.reason}`),
    );
  return `${lines.join('\n')}\n`;
}
