// The flags a test gets from Ollama's own conditions rather than from its figures alone, each with
// its reason and fix (metrics.flag_reasons): `serialized` (serializedConcurrency.ts) and
// `ctx_reduced` (contextReduction.ts); and the per-test figures that go with them.
import type {
  FigureStats,
  FlagReasons,
  RepetitionFigures,
  SuiteKind,
  ValidityFlag,
} from '../../shared/dto';
import { contextReducedReason } from './contextReduction';
import {
  serializedLevels,
  serializedReason,
  type ConcurrencyWindow,
} from './serializedConcurrency';
import { round2 } from './stats';

export interface ConditionInput {
  kind: SuiteKind;
  windows: readonly ConcurrencyWindow[];
  stats: Record<string, FigureStats>;
  /** The test's num_ctx (undefined: not known, no ctx_reduced). */
  askedNumCtx: number | undefined;
  /** /api/ps context_length after the test's load. */
  loadedContextLength?: number;
  /** The model's family (/api/tags details). */
  family?: string;
  /** OLLAMA_NUM_PARALLEL as read from the server, if it was readable. */
  numParallel?: string;
}

export function conditionFlags(input: ConditionInput): {
  flags: ValidityFlag[];
  reasons: FlagReasons;
} {
  const flags: ValidityFlag[] = [];
  const reasons: FlagReasons = {};
  if (input.kind === 'concurrency') {
    const levels = serializedLevels(input.windows, input.stats);
    if (levels.length) {
      flags.push('serialized');
      reasons.serialized = serializedReason(levels, input.family, input.numParallel);
    }
  }
  const reduced =
    input.askedNumCtx === undefined
      ? undefined
      : contextReducedReason(input.askedNumCtx, input.loadedContextLength);
  if (reduced) {
    flags.push('ctx_reduced');
    reasons.ctx_reduced = reduced;
  }
  return { flags, reasons };
}

/**
 * Mean prompt_cached_tokens per request (repetitions, or a concurrency test's streams) of those
 * that carry it; undefined when none does.
 */
export function meanCachedTokens(reps: readonly RepetitionFigures[]): number | undefined {
  const values = reps
    .map((r) => r.prompt_cached_tokens)
    .filter((v): v is number => v !== undefined);
  return values.length ? round2(values.reduce((a, b) => a + b, 0) / values.length) : undefined;
}
