// How a comparison reads for people: the regression sentence of the notification and the CLI's
// table. The numbers are the report's own, only formatted.
import { TREND_FIGURES } from '../../shared/trendFigures';
import { textTableLines } from '../report/textTable';
import type { ComparisonReport, ComparisonRow } from './compareSessions';
import { changesText, type ContextChanges } from './contextChanges';

/** "−12.4 %" (a real minus sign), "+3.0 %", "n/a". */
export function percentText(delta: number | null): string {
  if (delta === null || !Number.isFinite(delta)) return 'n/a';
  const abs = Math.abs(delta).toFixed(1);
  return `${delta < 0 ? '−' : '+'}${abs} %`;
}

/** "0.008", "< 0.001", "n/a". */
export function pText(p: number | null): string {
  if (p === null) return 'n/a';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** "llama3.2 · A: −12.4 % tokens/s vs baseline (p = 0.008). Changed since: Ollama 0.12.6 → 0.13.0" */
export function verdictSentence(row: ComparisonRow, changes: ContextChanges): string {
  const p = pText(row.p_value);
  const head = `${row.model} · ${row.test}: ${percentText(row.delta_pct)} ${TREND_FIGURES[row.figure].label} vs baseline (p ${p.startsWith('<') ? p : `= ${p}`}).`;
  const changed = changesText(changes);
  return changed ? `${head} Changed since: ${changed}` : head;
}

function num(x: number | null): string {
  if (x === null) return '–';
  return Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(2);
}

/** A plain-text table of every comparison, then what changed. */
export function comparisonTable(report: ComparisonReport): string {
  const head = ['model', 'test', 'baseline (n)', 'candidate (n)', 'change', 'p', 'verdict'];
  const rows = report.comparisons.map((c) => [
    c.model,
    c.test,
    `${num(c.baseline.median)} (${c.baseline.n})`,
    `${num(c.candidate.median)} (${c.candidate.n})`,
    percentText(c.delta_pct),
    pText(c.p_value),
    c.verdict,
  ]);
  const out = textTableLines([head, ...rows]);
  for (const c of report.comparisons) if (c.reason) out.push(`${c.model} · ${c.test}: ${c.reason}`);
  const changed = changesText(report.changed);
  out.push(
    changed
      ? `Changed since the baseline: ${changed}`
      : 'Nothing recorded changed since the baseline.',
  );
  return `${out.join('\n')}\n`;
}
