// The result table the CLI prints and the host logs: one row per model × test, the figures a user
// compares first, and the flags that say when not to trust them.
import type { SessionDoc } from '../../shared/dto';
import { kindFiguresLine } from '../../shared/kindFigures';
import { textTable } from '../report/textTable';

const num = (v: number | undefined, digits = 1) => (v === undefined ? '-' : v.toFixed(digits));

export function resultTable(session: SessionDoc): string {
  const header = [
    'MODEL',
    'TEST',
    'STATUS',
    'TOK/S',
    'PROMPT TOK/S',
    'TTFT P50 MS',
    'TPOT P50 MS',
    'LOAD MS',
    'FLAGS',
  ];
  const rows = session.models.flatMap((m) =>
    m.tests.map((t) => [
      m.name,
      t.type,
      t.status,
      t.metrics.aggregate_tokens_per_second !== undefined
        ? `${num(t.metrics.tokens_per_second)} (${num(t.metrics.aggregate_tokens_per_second)} agg)`
        : num(t.metrics.tokens_per_second),
      num(t.metrics.prompt_tokens_per_second),
      num(t.metrics.ttft_ms, 0),
      num(t.metrics.tpot_ms),
      num(t.metrics.load_time ?? m.load_time, 0),
      t.metrics.flags.join(',') || '-',
    ]),
  );
  // The figures are right-aligned so their digits line up.
  return textTable([header, ...rows], new Set([3, 4, 5, 6, 7]));
}

/** Flags with a reason (serialized, ctx_reduced), one line each, for below the table. */
export function resultFlagReasons(session: SessionDoc): string[] {
  return session.models.flatMap((m) =>
    m.tests.flatMap((t) =>
      Object.entries(t.metrics.flag_reasons ?? {}).map(
        ([flag, reason]) => `${m.name} · ${t.type}: ${flag} — ${reason}`,
      ),
    ),
  );
}

/** Test errors, one line each, for below the table. */
export function resultErrors(session: SessionDoc): string[] {
  return session.models.flatMap((m) =>
    m.tests
      .filter((t) => t.status === 'error' && t.error)
      .map((t) => `${m.name} · ${t.type}: ${t.error}`),
  );
}

/** Thinking, embedding and CI-target figures (src/shared/kindFigures.ts), one line per test. */
export function resultNotes(session: SessionDoc): string[] {
  return session.models.flatMap((m) =>
    m.tests.flatMap((t) => {
      const line = kindFiguresLine(t.metrics);
      return line ? [`${m.name} · ${t.type}: ${line}`] : [];
    }),
  );
}
