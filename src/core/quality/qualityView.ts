// The dashboard's Quality view: each model's latest evaluation on each set, newest first.
import type { QualityView } from '../../shared/protocol';
import type { EvaluationRepository } from './evaluationRepository';

export async function qualityView(evaluations: EvaluationRepository): Promise<QualityView> {
  const latest = new Map<string, QualityView['evaluations'][number]>();
  for (const e of await evaluations.list()) {
    const key = `${e.model}\u0000${e.set.name}`;
    if (!latest.has(key)) latest.set(key, e);
  }
  return { evaluations: [...latest.values()] };
}
