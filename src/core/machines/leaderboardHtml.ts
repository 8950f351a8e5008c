// The offline leaderboard as one self-contained HTML page, like the session report: no script, no
// link, nothing loaded (its Content-Security-Policy forbids every request). Per model the machines
// ranked by the chosen figure, each with its 95 % interval as a bar with whiskers and the
// machine's fingerprint in words; per machine the models it ran.
import { figureText, summaryText } from '../../shared/machineText';
import type { Leaderboard } from './leaderboardData';
import { escapeHtml as e } from '../report/escapeHtml';
import { pageHead } from '../report/pageHead';
import {
  MACHINE_BETTER,
  MACHINE_FIGURE_LABELS,
  sortedValue,
  type MachineRow,
  type MachinesView,
} from '../../shared/machines';

const BAR_W = 160;
const BAR_H = 12;

const LEADERBOARD_CSS = `
svg.bar { display: block; } svg.bar rect { fill: var(--c1); } svg.bar line { stroke: var(--fg); stroke-width: 1.5; }
td.num { white-space: nowrap; } td.rank { text-align: right; color: var(--muted); } nav.models a { margin-right: 10px; }
`;

/** The sorted figure as a bar, its interval as a whisker, scaled to the view's largest value. */
function bar(view: MachinesView, row: MachineRow, top: number): string {
  const v = sortedValue(row, view.sort);
  if (v === undefined || !(top > 0)) return '';
  const x = (n: number) => Math.max(0, Math.min(BAR_W, (n / top) * BAR_W)).toFixed(1);
  const ci = view.sort === 'localscore' ? undefined : row[view.sort]?.ci95;
  const whisker = ci
    ? `<line x1="${x(ci[0])}" x2="${x(ci[1])}" y1="${BAR_H / 2}" y2="${BAR_H / 2}"/>`
    : '';
  return `<svg class="bar" viewBox="0 0 ${BAR_W} ${BAR_H}" width="${BAR_W}" height="${BAR_H}" role="img" aria-label="${e(MACHINE_FIGURE_LABELS[view.sort])} ${v.toFixed(1)}"><rect width="${x(v)}" height="${BAR_H}"/>${whisker}</svg>`;
}

const anchor = (model: string) => `m-${model.replace(/[^A-Za-z0-9_-]/g, '_')}`;

function modelSection(view: MachinesView, fingerprints: Map<string, string>): string {
  const values = view.machines.map((r) => sortedValue(r, view.sort) ?? 0);
  const top = Math.max(
    0,
    ...values.map((v) => v),
    ...view.machines.map((r) => (view.sort === 'localscore' ? 0 : (r[view.sort]?.ci95[1] ?? 0))),
  );
  const rows = view.machines
    .map(
      (r, i) =>
        `<tr><td class="rank">${i + 1}</td><td>${e(r.hostname)}<br><span class="muted">${e(summaryText(r.summary))}${fingerprints.get(r.machine_id) ? ` · <code>${e(fingerprints.get(r.machine_id)?.slice(0, 12))}</code>` : ''}</span></td>` +
        `<td class="num">${e(figureText(r.tokens_per_second))}</td><td class="num">${e(figureText(r.prompt_tokens_per_second))}</td>` +
        `<td class="num">${e(figureText(r.ttft_ms))}</td><td class="num">${e(figureText(r.joules_per_token))}</td>` +
        `<td class="num">${r.n}</td><td class="num">${r.localscore === undefined ? '' : r.localscore.toFixed(0)}</td><td>${bar(view, r, top)}</td></tr>`,
    )
    .join('');
  const notes = [
    ...view.differences.map((d) => `${d.condition} differs: ${d.values.join(' | ')}`),
    ...view.excluded.map((x) => `${x.hostname}: ${x.n} result(s) at ${x.setting} not compared`),
  ];
  return `<section id="${anchor(view.model)}"><h2>${e(view.model)}</h2>
<p class="muted">Test ${e(view.setting)} · ranked by ${e(MACHINE_FIGURE_LABELS[view.sort])} (${MACHINE_BETTER[view.sort]} is better)</p>
<table><thead><tr><th class="num">#</th><th>Machine</th><th class="num">tokens/s</th><th class="num">prompt tokens/s</th><th class="num">TTFT ms</th><th class="num">J/token</th><th class="num">n</th><th class="num">LocalScore</th><th>${e(MACHINE_FIGURE_LABELS[view.sort])}</th></tr></thead><tbody>${rows}</tbody></table>
${notes.length ? `<ul class="muted">${notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : ''}</section>`;
}

function machinesSection(board: Leaderboard): string {
  const rows = board.machines
    .map(
      (m) =>
        `<tr><td>${e(m.hostname)}${m.fingerprint ? ` <code>${e(m.fingerprint.slice(0, 12))}</code>` : ''}</td><td>${m.models
          .map(
            (x) =>
              `${e(x.model)} (${e(x.suite)}${x.figure ? `: ${e(figureText(x.figure))}` : ''}, n ${x.n})`,
          )
          .join('<br>')}</td></tr>`,
    )
    .join('');
  return `<section id="machines"><h2>Machines</h2><table><thead><tr><th>Machine</th><th>Models run (${e(MACHINE_FIGURE_LABELS[board.sort])})</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export function renderLeaderboard(
  board: Leaderboard,
  meta: { toolVersion: string; generatedAt: string; sources: string[] },
): string {
  return `${pageHead('Ollama Bench leaderboard', meta.toolVersion, LEADERBOARD_CSS)}
<body>
<header>
<h1>Ollama Bench leaderboard</h1>
<p class="muted">${board.models.length} model(s) on ${board.machines.length} machine(s), from ${e(meta.sources.join(', '))}. Figures: median [95 % interval] over each machine's comparable results (same test and options); LocalScore = 10 · ∛(prompt tok/s · tokens/s · 1000 / TTFT ms), shown beside the figures it comes from.</p>
<nav class="models">${board.models.map((v) => `<a href="#${anchor(v.model)}">${e(v.model)}</a>`).join(' ')} <a href="#machines">Machines</a></nav>
</header>
<main>
${board.models.map((v) => modelSection(v, board.fingerprints)).join('\n')}
${machinesSection(board)}
</main>
<footer>Written by ollama-bench ${e(meta.toolVersion)} at ${e(meta.generatedAt)}. This file is self-contained: it loads nothing and sends nothing.</footer>
</body>
</html>
`;
}
