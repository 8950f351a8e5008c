// A plan's matrix as the dashboard shows and exports it: rows are models, columns the other
// dimensions (suite × num_ctx × concurrency), each cell the chosen figure of that config's session
// with its validity flags, or the config's status while it has no figure (pending, failed…).
import type { ValidityFlag } from './dto';
import type { ConfigStatus } from './plans';

export const MATRIX_FIGURES = {
  tokens_per_second: 'tokens/s',
  prompt_tokens_per_second: 'prompt tokens/s',
  ttft_ms: 'TTFT ms',
  tpot_ms: 'TPOT ms',
  aggregate_tokens_per_second: 'aggregate tokens/s',
  load_time: 'load ms',
} as const;
export type MatrixFigure = keyof typeof MATRIX_FIGURES;
export const DEFAULT_MATRIX_FIGURE: MatrixFigure = 'tokens_per_second';

export const isMatrixFigure = (v: unknown): v is MatrixFigure =>
  typeof v === 'string' && Object.hasOwn(MATRIX_FIGURES, v);

export interface MatrixColumn {
  key: string;
  label: string;
}

export interface MatrixCell {
  status: ConfigStatus;
  value?: number;
  flags?: ValidityFlag[];
  error?: string;
  session_id?: string;
}

export interface PlanMatrix {
  plan: string;
  plan_id: string;
  figure: MatrixFigure;
  columns: MatrixColumn[];
  /** One per model; cells in column order, null where the plan has no such point. */
  rows: { model: string; cells: (MatrixCell | null)[] }[];
}

/** The cell's text: the figure (1 decimal, ⚑ when flagged), else its status. */
export function cellText(cell: MatrixCell | null): string {
  if (!cell) return '';
  if (cell.value === undefined) return cell.status;
  return `${cell.value.toFixed(1)}${cell.flags?.length ? ' ⚑' : ''}`;
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function matrixCsv(m: PlanMatrix): string {
  const lines = [['model', ...m.columns.map((c) => c.label)].map(csvField).join(',')];
  for (const r of m.rows)
    lines.push(
      [
        r.model,
        ...r.cells.map((c) => (c?.value !== undefined ? String(c.value) : (c?.status ?? ''))),
      ]
        .map(csvField)
        .join(','),
    );
  return `${lines.join('\n')}\n`;
}

export function matrixMarkdown(m: PlanMatrix): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const head = ['model', ...m.columns.map((c) => c.label)].map(esc);
  const lines = [
    `**${esc(m.plan)}** — ${MATRIX_FIGURES[m.figure]}`,
    '',
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i ? '---:' : '---')).join(' | ')} |`,
  ];
  for (const r of m.rows)
    lines.push(`| ${[esc(r.model), ...r.cells.map((c) => esc(cellText(c)))].join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}
