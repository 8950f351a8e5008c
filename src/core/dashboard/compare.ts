// Side-by-side comparison of sessions or models. Only like-for-like tests are compared: the same
// test type run with the same generation length, context and streams (k), by every subject; the
// rest is listed as skipped with the reason, so a delta never mixes two different measurements.
import type { FlagReasons, SessionDoc, SessionTest } from '../../shared/dto';
import type { CompareFigure, CompareRow, CompareSubject, CompareView } from '../../shared/protocol';
import { testNumCtx } from '../../shared/testContext';
import { testTokensPerSecond } from '../../shared/throughput';
import { differingConditions, flagNotes, sessionConditions } from './compareNotes';

export const COMPARE_FIGURES: readonly { figure: CompareFigure; better: 'higher' | 'lower' }[] = [
  { figure: 'tokens_per_second', better: 'higher' },
  { figure: 'prompt_tokens_per_second', better: 'higher' },
  { figure: 'ttft_ms', better: 'lower' },
  // Rows only where a subject measured energy (GPU power or RAPL): all-absent rows are left out.
  { figure: 'joules_per_token', better: 'lower' },
  { figure: 'tokens_per_joule', better: 'higher' },
  // Rows only for workload tests (src/core/workloads/).
  { figure: 'ttft_warm_ms', better: 'lower' },
  { figure: 'goodput_rps', better: 'higher' },
  { figure: 'max_sustainable_rps', better: 'higher' },
];

/** What makes two runs of a test comparable (num_ctx: the loaded one where Ollama gave less). */
export function likeKey(session: SessionDoc, test: SessionTest): { key: string; label: string } {
  const o = session.options?.suite_options?.[test.type];
  const numPredict = o?.num_predict;
  const numCtx = testNumCtx(
    o?.num_ctx ?? session.options?.num_ctx,
    test.metrics?.loaded_context_length,
  );
  const streams = session.options?.suite_concurrency?.[test.type];
  const parts = [test.type];
  if (numPredict !== undefined) parts.push(`num_predict ${numPredict}`);
  if (numCtx !== undefined) parts.push(`num_ctx ${numCtx}`);
  if (streams?.length) parts.push(`k = ${streams.join(', ')}`);
  return {
    key: [test.type, numPredict ?? '', numCtx ?? '', streams?.join(',') ?? ''].join('\u0000'),
    label: parts.join(' · '),
  };
}

function figureOf(test: SessionTest, figure: CompareFigure): number | undefined {
  const m = test.metrics;
  if (figure === 'tokens_per_second') return testTokensPerSecond(m);
  const v = m[figure];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** One column of the comparison: its tests by like-for-like key, figures averaged over runs. */
export interface SubjectTests {
  subject: CompareSubject;
  tests: Map<
    string,
    {
      label: string;
      type: string;
      values: Partial<Record<CompareFigure, number>>;
      reasons?: FlagReasons;
    }
  >;
  /** Session subjects: the session's run conditions (compareNotes.ts). */
  conditions?: Record<string, string>;
}

/** Collects the completed tests of `model` in `sessions` (all models when undefined). */
export function subjectTests(
  subject: CompareSubject,
  sessions: readonly SessionDoc[],
  model: string,
): SubjectTests {
  const sums = new Map<
    string,
    {
      label: string;
      type: string;
      sum: Partial<Record<CompareFigure, [number, number]>>;
      reasons?: FlagReasons;
    }
  >();
  for (const s of sessions) {
    for (const m of s.models) {
      if (m.name !== model) continue;
      for (const t of m.tests) {
        if (t.status !== 'completed') continue;
        const { key, label } = likeKey(s, t);
        const entry = sums.get(key) ?? { label, type: t.type, sum: {} };
        if (t.metrics.flag_reasons) entry.reasons = { ...entry.reasons, ...t.metrics.flag_reasons };
        for (const { figure } of COMPARE_FIGURES) {
          const v = figureOf(t, figure);
          if (v === undefined) continue;
          const [total, n] = entry.sum[figure] ?? [0, 0];
          entry.sum[figure] = [total + v, n + 1];
        }
        sums.set(key, entry);
      }
    }
  }
  const tests: SubjectTests['tests'] = new Map();
  for (const [key, e] of sums) {
    const values: Partial<Record<CompareFigure, number>> = {};
    for (const [figure, [total, n]] of Object.entries(e.sum) as [CompareFigure, [number, number]][])
      values[figure] = total / n;
    tests.set(key, {
      label: e.label,
      type: e.type,
      values,
      ...(e.reasons ? { reasons: e.reasons } : {}),
    });
  }
  return { subject, tests };
}

/** Subjects for a session comparison: one per (session, model). */
export function sessionSubjects(sessions: readonly SessionDoc[]): SubjectTests[] {
  const multiModel = sessions.some((s) => s.models.length > 1);
  return sessions.flatMap((s) =>
    s.models.map((m) => {
      const when = s.start_time.slice(0, 16).replace('T', ' ');
      const subject: CompareSubject = {
        key: `${s._id}/${m.name}`,
        label: multiModel || sessions.length > 1 ? `${m.name} · ${when}` : m.name,
        model: m.name,
        sessions: 1,
      };
      if (s._id) subject.sessionId = s._id;
      return { ...subjectTests(subject, [s], m.name), conditions: sessionConditions(s) };
    }),
  );
}

/** Subjects for a model comparison: each model's runs among `sessions`, averaged. */
export function modelSubjects(
  models: readonly string[],
  sessions: readonly SessionDoc[],
): SubjectTests[] {
  return models.map((model) => {
    const mine = sessions.filter((s) => s.models.some((m) => m.name === model));
    return subjectTests(
      {
        key: model,
        label: `${model} (${mine.length} session${mine.length === 1 ? '' : 's'})`,
        model,
        sessions: mine.length,
      },
      mine,
      model,
    );
  });
}

export function buildCompareView(subjects: readonly SubjectTests[]): CompareView {
  const view: CompareView = { subjects: subjects.map((s) => s.subject), rows: [], skipped: [] };
  const keys = new Map<string, { label: string; type: string }>();
  for (const s of subjects) for (const [k, t] of s.tests) if (!keys.has(k)) keys.set(k, t);
  for (const [key, { label, type }] of keys) {
    const missing = subjects.filter((s) => !s.tests.has(key));
    if (missing.length) {
      const ranOtherwise = missing.filter((s) =>
        [...s.tests.values()].some((t) => t.type === type),
      );
      view.skipped.push({
        test: label,
        reason: ranOtherwise.length
          ? `run with other options by ${ranOtherwise.map((s) => s.subject.label).join(', ')}`
          : `not run by ${missing.map((s) => s.subject.label).join(', ')}`,
      });
      continue;
    }
    for (const { figure, better } of COMPARE_FIGURES) {
      const values = subjects.map((s) => s.tests.get(key)?.values[figure] ?? null);
      if (values.every((v) => v === null)) continue;
      const base = values[0] ?? null;
      const deltas = values.map((v, i) =>
        i === 0 || v === null || base === null || base === 0 ? null : (v - base) / base,
      );
      const row: CompareRow = { test: label, figure, values, deltas, better };
      view.rows.push(row);
    }
    for (const s of subjects)
      view.flagNotes = [
        ...(view.flagNotes ?? []),
        ...flagNotes(s.subject.label, label, s.tests.get(key)?.reasons),
      ];
  }
  if (!view.flagNotes?.length) delete view.flagNotes;
  const conditions = differingConditions(subjects.map((s) => s.conditions));
  if (conditions.length) view.conditions = conditions;
  return view;
}
