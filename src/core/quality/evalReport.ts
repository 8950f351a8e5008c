// What `ollama-bench eval` prints: the JSON document scripts read, and the tables a person reads
// (accuracy with its interval, accuracy per category, the failed items).
import type { ModelEvaluation } from '../../shared/evaluation';
import { textTableLines } from '../report/textTable';

export interface EvalJson {
  set: { name: string; hash: string; items: number };
  models: {
    model: string;
    accuracy: number;
    ci95: [number, number];
    correct: number;
    total: number;
    by_category: ModelEvaluation['by_category'];
    failures: ModelEvaluation['failures'];
    tokens_per_second: number | null;
    complete: boolean;
  }[];
}

export function evalJson(evaluations: readonly ModelEvaluation[]): EvalJson | undefined {
  const [first] = evaluations;
  if (!first) return undefined;
  return {
    set: { ...first.set },
    models: evaluations.map((e) => ({
      model: e.model,
      accuracy: e.accuracy,
      ci95: e.ci95,
      correct: e.correct,
      total: e.total,
      by_category: e.by_category,
      failures: e.failures,
      tokens_per_second: e.tokens_per_second,
      complete: e.complete,
    })),
  };
}

export const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** The most failures the table lists per model (the JSON has all). */
export const LISTED_FAILURES = 20;

const oneLine = (text: string, max = 60) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function evalTable(evaluations: readonly ModelEvaluation[]): string {
  const [first] = evaluations;
  if (!first) return 'No model was evaluated.';
  const lines = [
    `Eval set ${first.set.name} (${first.set.items} items, sha256 ${first.set.hash.slice(0, 12)})`,
    '',
  ];
  lines.push(
    ...textTableLines(
      [
        ['MODEL', 'ACCURACY', '95 % CI', 'CORRECT', 'TOKENS/S'],
        ...evaluations.map((e) => [
          e.model + (e.complete ? '' : ' (cancelled)'),
          percent(e.accuracy),
          `${percent(e.ci95[0])} – ${percent(e.ci95[1])}`,
          `${e.correct}/${e.total}`,
          e.tokens_per_second === null ? '-' : e.tokens_per_second.toFixed(1),
        ]),
      ],
      new Set([1, 3, 4]),
    ),
  );
  const categories = [...new Set(evaluations.flatMap((e) => Object.keys(e.by_category)))];
  lines.push(
    '',
    ...textTableLines([
      ['MODEL', ...categories.map((c) => c.toUpperCase())],
      ...evaluations.map((e) => [
        e.model,
        ...categories.map((c) => {
          const s = e.by_category[c];
          return s ? `${percent(s.accuracy)} (${s.correct}/${s.total})` : '-';
        }),
      ]),
    ]),
  );
  for (const e of evaluations) {
    if (!e.failures.length) continue;
    lines.push('', `Failed items of ${e.model}:`);
    const shown = e.failures.slice(0, LISTED_FAILURES);
    lines.push(
      ...textTableLines([
        ['ID', 'EXPECTED', 'GOT'],
        ...shown.map((f) => [f.id, oneLine(f.expected), oneLine(f.got)]),
      ]).map((l) => `  ${l}`),
    );
    if (e.failures.length > shown.length)
      lines.push(`  … and ${e.failures.length - shown.length} more (--json lists every one)`);
  }
  return lines.join('\n');
}
