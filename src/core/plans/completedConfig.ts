// What a completed config records of its outcome: the session and its results, or, for an eval
// suite (src/core/quality/evalSuites.ts), the evaluation stored now or found stored (`skipped`).
import { toObjectIdOr } from '../store/bsonMapping';

export type CompletedOutcome =
  { sessionId: string; resultIds: string[] } | { evaluationId: string; skipped: boolean };

export function completedFields(outcome: CompletedOutcome): Record<string, unknown> {
  return 'sessionId' in outcome
    ? {
        session_id: toObjectIdOr(outcome.sessionId),
        result_ids: outcome.resultIds.map(toObjectIdOr),
      }
    : { evaluation_id: outcome.evaluationId, evaluation_skipped: outcome.skipped };
}
