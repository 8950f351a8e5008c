// A model's scores from its answers: accuracy with its Wilson interval, accuracy per category,
// the failed items and the generation rate over the whole eval.
import type { CategoryScore, ModelEvaluation } from '../../shared/evaluation';
import { expectedText } from './answerMatch';
import type { EvalItem } from './evalItem';
import { wilsonInterval } from './wilson';

export interface ItemOutcome {
  item: EvalItem;
  answer: string;
  correct: boolean;
  /** Generated tokens and their time (ns), as the final chunk reports them. */
  evalCount: number;
  evalDurationNs: number;
}

export type EvalScores = Pick<
  ModelEvaluation,
  'accuracy' | 'ci95' | 'correct' | 'total' | 'by_category' | 'failures' | 'tokens_per_second'
>;

/** The longest answer a failure keeps (characters). */
export const FAILURE_TEXT_LIMIT = 500;

const clipped = (text: string) =>
  text.length > FAILURE_TEXT_LIMIT ? `${text.slice(0, FAILURE_TEXT_LIMIT)}…` : text;

export function scoreOutcomes(outcomes: readonly ItemOutcome[]): EvalScores {
  const correct = outcomes.filter((o) => o.correct).length;
  const total = outcomes.length;
  const by_category: Record<string, CategoryScore> = {};
  for (const o of outcomes) {
    const c = by_category[o.item.category] ?? { correct: 0, total: 0, accuracy: 0 };
    c.total++;
    if (o.correct) c.correct++;
    c.accuracy = c.correct / c.total;
    by_category[o.item.category] = c;
  }
  const tokens = outcomes.reduce((s, o) => s + o.evalCount, 0);
  const ns = outcomes.reduce((s, o) => s + o.evalDurationNs, 0);
  return {
    accuracy: total ? correct / total : 0,
    ci95: wilsonInterval(correct, total),
    correct,
    total,
    by_category,
    failures: outcomes
      .filter((o) => !o.correct)
      .map((o) => ({ id: o.item.id, expected: expectedText(o.item), got: clipped(o.answer) })),
    tokens_per_second: ns > 0 ? tokens / (ns / 1e9) : null,
  };
}
