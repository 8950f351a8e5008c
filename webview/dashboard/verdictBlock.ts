// Trends in the session detail: one test's verdicts against its baseline (per figure: medians,
// change, p, verdict) and what changed since the baseline.
import type { ComparisonReport, ComparisonRow } from '../../src/shared/trends';
import { TREND_FIGURES } from '../../src/shared/trendFigures';
import { h } from '../lib/dom';
import { fmt } from '../lib/format';

function percent(delta: number | null): string {
  if (delta === null || !Number.isFinite(delta)) return '–';
  return `${delta < 0 ? '−' : '+'}${Math.abs(delta).toFixed(1)} %`;
}

function pValue(p: number | null): string {
  if (p === null) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

const CHANGE_LABELS: Record<string, string> = {
  ollama_version: 'Ollama',
  gpu_driver: 'GPU driver',
  num_ctx: 'num_ctx',
  model_digest: 'model digest',
};

export function changesLine(changes: Record<string, [string, string]>): string {
  return Object.entries(changes)
    .map(([k, [a, b]]) => {
      const short = (v: string) =>
        k.startsWith('model_digest') ? v.replace(/^sha256:/, '').slice(0, 12) : v;
      return `${CHANGE_LABELS[k] ?? k} ${short(a)} → ${short(b)}`;
    })
    .join(', ');
}

/** The verdict block of one model × test; null when it has no baseline. */
export function verdictBlock(
  reports: readonly ComparisonReport[] | undefined,
  model: string,
  test: string,
): HTMLElement | null {
  const rows: { row: ComparisonRow; report: ComparisonReport }[] = [];
  for (const report of reports ?? []) {
    for (const row of report.comparisons)
      if (row.model === model && row.test === test) rows.push({ row, report });
  }
  const first = rows[0]?.report;
  if (!first) return null;
  const changed = changesLine(first.changed);
  return h(
    'div',
    { class: 'verdicts', 'data-test': `${model} · ${test}` },
    h(
      'h5',
      null,
      first.pinned
        ? 'Against the pinned baseline'
        : `Against the baseline (${first.baseline_sessions.length} earlier session(s))`,
    ),
    h(
      'table',
      { class: 'grid' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Figure', 'Baseline median (n)', 'This session (n)', 'Change', 'p', 'Verdict'].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map(({ row }) =>
          h(
            'tr',
            null,
            h('td', null, TREND_FIGURES[row.figure].label),
            h('td', { class: 'num' }, `${fmt(row.baseline.median, 2)} (${row.baseline.n})`),
            h('td', { class: 'num' }, `${fmt(row.candidate.median, 2)} (${row.candidate.n})`),
            h('td', { class: 'num' }, percent(row.delta_pct)),
            h('td', { class: 'num' }, pValue(row.p_value)),
            h(
              'td',
              { class: `verdict verdict-${row.verdict}`, title: row.reason ?? '' },
              row.verdict.replace('_', ' '),
            ),
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      changed
        ? `Changed since the baseline: ${changed}`
        : 'Nothing recorded changed since the baseline.',
    ),
  );
}
