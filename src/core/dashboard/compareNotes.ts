// What a comparison says beside its figures: the flags of compared tests that carry a reason
// (serialized, ctx_reduced: the figure measured something other than asked), and, for sessions,
// the run conditions that differ between them (Ollama's version and settings, GPU driver and
// power limit, CPU governor).
import { CONDITION_LABELS, conditionValues } from '../../shared/conditions';
import type { FlagReasons, SessionDoc, ValidityFlag } from '../../shared/dto';
import type { CompareView } from '../../shared/protocol';

/** A session's conditions as text, Ollama's version and the GPU driver included. */
export function sessionConditions(s: SessionDoc): Record<string, string> {
  return {
    ...(s.ollama_version ? { Ollama: s.ollama_version } : {}),
    ...(s.gpu_driver ? { 'GPU driver': s.gpu_driver } : {}),
    ...Object.fromEntries(
      Object.entries(conditionValues(s.conditions)).map(([k, v]) => [CONDITION_LABELS[k] ?? k, v]),
    ),
  };
}

/** The conditions whose known values differ between the subjects ("—" where one is unknown). */
export function differingConditions(
  perSubject: readonly (Record<string, string> | undefined)[],
): NonNullable<CompareView['conditions']> {
  const keys = [...new Set(perSubject.flatMap((c) => Object.keys(c ?? {})))];
  return keys.flatMap((condition) => {
    const values = perSubject.map((c) => c?.[condition] ?? '—');
    const known = new Set(values.filter((v) => v !== '—'));
    return known.size > 1 ? [{ condition, values }] : [];
  });
}

/** The flags with a reason of one test, as comparison notes. */
export function flagNotes(
  subject: string,
  test: string,
  reasons: FlagReasons | undefined,
): NonNullable<CompareView['flagNotes']> {
  return Object.entries(reasons ?? {}).map(([flag, reason]) => ({
    subject,
    test,
    flag: flag as ValidityFlag,
    reason,
  }));
}
