// What changed between a baseline session and a candidate: the things that explain a regression
// more often than not — Ollama's version, the model file (its digest), the GPU driver, the context
// length and the suite's options. Each change is [baseline value, candidate value].
import { CONDITION_LABELS, conditionValues } from '../../shared/conditions';
import type { SessionDoc } from '../../shared/dto';
import { testNumCtx } from '../../shared/testContext';
import { comparableOptions, optionsText } from './comparableKey';
import type { ContextChanges } from '../../shared/trends';

export type { ContextChanges };

const UNKNOWN = 'unknown';

function put(out: ContextChanges, key: string, a: unknown, b: unknown): void {
  const x = a === undefined || a === null || a === '' ? UNKNOWN : String(a);
  const y = b === undefined || b === null || b === '' ? UNKNOWN : String(b);
  // Unknown on one side is no evidence of a change (an older session did not record it).
  if (x !== y && x !== UNKNOWN && y !== UNKNOWN) out[key] = [x, y];
}

/**
 * The changes from baseline to candidate for the given models and tests. A model's digest is
 * keyed `model_digest` when one model is compared, `model_digest:<name>` otherwise; a suite's
 * options (other than num_ctx) `options:<test>`.
 */
export function contextChanges(
  baseline: SessionDoc,
  candidate: SessionDoc,
  models: readonly string[],
  tests: readonly string[],
): ContextChanges {
  const out: ContextChanges = {};
  put(out, 'ollama_version', baseline.ollama_version, candidate.ollama_version);
  put(out, 'gpu_driver', baseline.gpu_driver, candidate.gpu_driver);
  put(out, 'num_ctx', baseline.options?.num_ctx, candidate.options?.num_ctx);
  // The other conditions recorded with each session (runConditions.ts).
  const a = conditionValues(baseline.conditions);
  const b = conditionValues(candidate.conditions);
  for (const key of Object.keys({ ...a, ...b })) put(out, key, a[key], b[key]);
  // The context each test really ran with (the loaded one where Ollama gave less than asked).
  const testCtx = (s: SessionDoc, name: string, test: string) => {
    const t = s.models.find((m) => m.name === name)?.tests.find((x) => x.type === test);
    const asked = s.options?.suite_options?.[test]?.num_ctx ?? s.options?.num_ctx;
    return testNumCtx(asked, t?.metrics?.loaded_context_length);
  };
  if (!out.num_ctx)
    for (const name of models)
      for (const test of tests) {
        const key = models.length === 1 ? `num_ctx:${test}` : `num_ctx:${test}:${name}`;
        put(out, key, testCtx(baseline, name, test), testCtx(candidate, name, test));
      }
  const digest = (s: SessionDoc, name: string) => s.models.find((m) => m.name === name)?.digest;
  for (const name of models) {
    const key = models.length === 1 ? 'model_digest' : `model_digest:${name}`;
    put(out, key, digest(baseline, name), digest(candidate, name));
  }
  for (const test of tests) {
    const a = comparableOptions(baseline.options, test);
    const b = comparableOptions(candidate.options, test);
    const strip = (o: Record<string, unknown>) =>
      JSON.stringify({ ...o, num_ctx: undefined, suite: { ...(o.suite as object), num_ctx: 0 } });
    if (strip(a) !== strip(b))
      put(
        out,
        `options:${test}`,
        optionsText(baseline.options, test),
        optionsText(candidate.options, test),
      );
  }
  return out;
}

const LABELS: Record<string, string> = {
  ollama_version: 'Ollama',
  gpu_driver: 'GPU driver',
  num_ctx: 'num_ctx',
  model_digest: 'model digest',
  ...CONDITION_LABELS,
};

function shortValue(key: string, v: string): string {
  return key.startsWith('model_digest') ? v.replace(/^sha256:/, '').slice(0, 12) : v;
}

function label(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const [head, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (head === 'model_digest') return `${rest} digest`;
  if (head === 'options') return `test ${rest} options`;
  if (head === 'num_ctx') return `test ${rest.replace(':', ' of ')} num_ctx`;
  return key;
}

/** "Ollama 0.12.6 → 0.13.0, model digest 1a2b… → 3c4d…"; '' when nothing changed. */
export function changesText(changes: ContextChanges): string {
  return Object.entries(changes)
    .map(([k, [a, b]]) => `${label(k)} ${shortValue(k, a)} → ${shortValue(k, b)}`)
    .join(', ');
}
