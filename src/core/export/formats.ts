// CSV, JSON and Markdown renderings of sessions: pure functions (no I/O), shared by the CLI's
// `export` and the dashboard's export buttons.
import type { SessionDoc } from '../../shared/dto';
import type { ExportFormat } from '../../shared/exportFormats';
import { EVIDENCE_COLUMNS, EXPORT_COLUMNS, sessionRows } from './sessionRows';

/** RFC 4180 quoting; text that a spreadsheet would run as a formula is prefixed with '. */
function csvCell(v: string | number | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(sessions: readonly SessionDoc[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const row of sessionRows(sessions))
    lines.push(EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The session documents as stored (the same names as `history --json`). */
export function toJson(sessions: readonly SessionDoc[]): string {
  return `${JSON.stringify(sessions, null, 2)}\n`;
}

/** [column, heading, right-aligned] */
const MD_COLUMNS = [
  ['start_time', 'Started', false],
  ['model', 'Model', false],
  ['test_type', 'Test', false],
  ['test_status', 'Status', false],
  ['tokens_per_second', 'Tokens/s', true],
  ['prompt_tokens_per_second', 'Prompt tok/s', true],
  ['ttft_ms', 'TTFT ms', true],
  ['tpot_ms', 'TPOT ms', true],
  ['load_time', 'Load ms', true],
  ['flags', 'Flags', false],
  ['session_id', 'Session', false],
] as const;

/** The second table: the machine's evidence per test, under its stored names. */
const MD_EVIDENCE_COLUMNS = [
  ['model', 'Model', false],
  ['test_type', 'Test', false],
  ...EVIDENCE_COLUMNS.map((c) => [c, c, true] as const),
] as const;

function mdCell(v: string | number | undefined): string {
  if (v === undefined || v === '') return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return v
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

export function toMarkdown(
  sessions: readonly SessionDoc[],
  title = 'Ollama Bench results',
): string {
  const rows = sessionRows(sessions);
  const out = [
    `# ${title}`,
    '',
    `${sessions.length} session(s), ${rows.length} result row(s).`,
    '',
  ];
  out.push(`| ${MD_COLUMNS.map(([, h]) => h).join(' | ')} |`);
  out.push(`| ${MD_COLUMNS.map(([, , right]) => (right ? '---:' : '---')).join(' | ')} |`);
  for (const r of rows) out.push(`| ${MD_COLUMNS.map(([c]) => mdCell(r[c])).join(' | ')} |`);
  const withEvidence = rows.filter((r) => EVIDENCE_COLUMNS.some((c) => r[c] !== undefined));
  if (withEvidence.length) {
    out.push('', '## Machine evidence', '');
    out.push(`| ${MD_EVIDENCE_COLUMNS.map(([, h]) => h).join(' | ')} |`);
    out.push(
      `| ${MD_EVIDENCE_COLUMNS.map(([, , right]) => (right ? '---:' : '---')).join(' | ')} |`,
    );
    for (const r of withEvidence)
      out.push(`| ${MD_EVIDENCE_COLUMNS.map(([c]) => mdCell(r[c])).join(' | ')} |`);
  }
  return `${out.join('\n')}\n`;
}

export function exportSessions(sessions: readonly SessionDoc[], format: ExportFormat): string {
  switch (format) {
    case 'csv':
      return toCsv(sessions);
    case 'json':
      return toJson(sessions);
    case 'md':
      return toMarkdown(sessions);
  }
}
