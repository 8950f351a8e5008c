// The built-in suites (A, B and C) and the rules a user's own suite must follow.
// A suite names what is asked of Ollama; the runner adds the session-wide settings (num_ctx, seed,
// temperature 0, think — false unless the suite or the session says otherwise — keep_alive) and a
// per-repetition nonce before the prompt.
import type { SuiteDefinition, SuiteKind, SuiteOptions } from '../../shared/dto';
import { EMBEDDING_INPUTS, SUITE_B_PROMPT } from './promptText';
import { WORKLOAD_SUITES } from '../workloads/workloadSuites';
import { SUITE_KINDS } from '../../shared/suiteKinds';
import { InputError } from '../failures/inputError';
import { isEmbeddingOnly } from '../ollama/embeddingOnly';
import { parseThink, THINK_LEVELS } from './runOptions';
import { workloadRequests } from '../workloads/workloadPlan';
import { resolveWorkloadOptions, type WorkloadOptions } from '../workloads/workloadOptions';

export const DEFAULT_REPETITIONS = 3;
/** Most measured repetitions a run or a plan's configuration may ask for. */
export const MAX_REPETITIONS = 100;
/** Most streams one concurrency level may open. */
export const MAX_CONCURRENCY = 64;
export const DEFAULT_CONCURRENCY = [1, 2, 4];
/** Inputs per /api/embed request of an embedding suite, level by level. */
export const DEFAULT_BATCHES = [1, 8, 32];
/** Most inputs one embedding request may carry. */
export const MAX_BATCH = 512;

/** The prompt of a suite's n-th request: its prompts in turn. Saved suites have at least one. */
export function suitePrompt(suite: SuiteDefinition, n: number): string {
  const prompt = suite.prompts[n % suite.prompts.length];
  if (prompt === undefined) throw new Error(`Suite "${suite.name}" has no prompt to send.`);
  return prompt;
}

export const BUILTIN_SUITES: readonly SuiteDefinition[] = [
  {
    name: 'A',
    description:
      'Generation: a short prompt, 256 generated tokens (tokens/s, TPOT, inter-token latency).',
    kind: 'generation',
    tags: ['builtin'],
    prompts: [
      'Explain, step by step and in plain words, how a refrigerator moves heat out of its cold compartment.',
    ],
    options: { num_predict: 256 },
    builtin: true,
  },
  {
    name: 'B',
    description:
      'Prompt processing: a prompt of about 2 000 tokens, 16 generated (prompt tokens/s, TTFT).',
    kind: 'prompt',
    tags: ['builtin'],
    prompts: [SUITE_B_PROMPT],
    options: { num_predict: 16 },
    builtin: true,
  },
  {
    name: 'C',
    description:
      'Concurrency: 1, 2 and 4 parallel streams (aggregate tokens/s, latency percentiles under load).',
    kind: 'concurrency',
    tags: ['builtin'],
    prompts: ['Write a short paragraph about the history of the bicycle.'],
    options: { num_predict: 128 },
    concurrency: DEFAULT_CONCURRENCY,
    builtin: true,
  },
  {
    name: 'E',
    description:
      'Embedding: /api/embed with batches of 1, 8 and 32 inputs (inputs/s, embedded tokens/s, latency p50/p90). The default for embedding-only models.',
    kind: 'embedding',
    tags: ['builtin'],
    prompts: EMBEDDING_INPUTS,
    // Nothing is generated: num_predict is not sent with an embedding request.
    options: { num_predict: 1 },
    batches: DEFAULT_BATCHES,
    builtin: true,
  },
  {
    name: 'V',
    description:
      'Vision: a generated 64 × 64 image (shipped, nothing downloaded) and a short question, 64 generated tokens (prefill of image and text, decode). Only for models with vision.',
    kind: 'vision',
    tags: ['builtin'],
    prompts: ['Describe this image in one sentence: its colours and the shapes you see.'],
    options: { num_predict: 64 },
    builtin: true,
  },
  ...WORKLOAD_SUITES,
];

export const isBuiltinName = (name: string) =>
  BUILTIN_SUITES.some((s) => s.name.toLowerCase() === name.trim().toLowerCase());

export type SuiteValidation =
  { ok: true; suite: SuiteDefinition } | { ok: false; errors: string[] };

const KINDS = SUITE_KINDS;
const SUITE_KEYS = new Set([
  '_id',
  'name',
  'description',
  'kind',
  'tags',
  'prompts',
  'options',
  'concurrency',
  'think',
  'batches',
  'builtin',
  // Kept by the store (authorship, usage); allowed so a stored suite's JSON validates as it is.
  'created_by',
  'usage_count',
  'execution_stats',
  'created_at',
  'updated_at',
]);
const OPTION_RULES: Record<keyof SuiteOptions, { min: number; max: number; integer: boolean }> = {
  num_predict: { min: 1, max: 131_072, integer: true },
  num_ctx: { min: 256, max: 1_048_576, integer: true },
  temperature: { min: 0, max: 2, integer: false },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
  top_k: { min: 0, max: 1000, integer: true },
  top_p: { min: 0, max: 1, integer: false },
};
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._:+()-]{0,63}$/u;

/** Checks a user's suite (from the "New Test Suite…" form, a JSON file or the store). */
export function validateSuite(input: unknown): SuiteValidation {
  const errors: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: ['A test suite must be a JSON object.'] };
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!SUITE_KEYS.has(key))
      errors.push(`Unknown field "${key}" (allowed: ${[...SUITE_KEYS].join(', ')}).`);
  }
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  if (!name) errors.push('"name" is required.');
  else if (!NAME_PATTERN.test(name))
    errors.push(
      `"name" must start with a letter or digit and use letters, digits, spaces and . _ : + ( ) - (at most 64 characters); got "${name}".`,
    );
  else if (isBuiltinName(name))
    errors.push(`"${name}" is a built-in suite's name; choose another.`);
  if (raw.builtin === true) errors.push('"builtin" cannot be set on a user suite.');
  if (raw.description !== undefined && typeof raw.description !== 'string')
    errors.push('"description" must be a string.');
  const kind = raw.kind ?? 'custom';
  if (typeof kind !== 'string' || !KINDS.includes(kind as SuiteKind))
    errors.push(`"kind" must be one of ${KINDS.join(', ')}.`);
  const tags = raw.tags ?? [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || !t.trim()))
    errors.push('"tags" must be a list of non-empty strings.');
  const prompts = raw.prompts;
  if (!Array.isArray(prompts) || !prompts.length)
    errors.push('"prompts" must be a non-empty list of prompts.');
  else if (prompts.some((p) => typeof p !== 'string' || !p.trim()))
    errors.push('Every prompt must be a non-empty string.');
  const options = raw.options;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    errors.push('"options" must be an object with at least "num_predict".');
  } else {
    const o = options as Record<string, unknown>;
    if (o.num_predict === undefined && kind !== 'embedding')
      errors.push('"options.num_predict" is required (tokens to generate).');
    for (const [key, value] of Object.entries(o)) {
      const rule = OPTION_RULES[key as keyof SuiteOptions];
      if (!rule) {
        errors.push(
          `Unknown option "options.${key}" (allowed: ${Object.keys(OPTION_RULES).join(', ')}).`,
        );
        continue;
      }
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        (rule.integer && !Number.isInteger(value)) ||
        value < rule.min ||
        value > rule.max
      ) {
        errors.push(
          `"options.${key}" must be ${rule.integer ? 'an integer' : 'a number'} from ${rule.min} to ${rule.max}; got ${JSON.stringify(value)}.`,
        );
      }
    }
  }
  if (kind === 'concurrency' || raw.concurrency !== undefined) {
    const c = raw.concurrency ?? (kind === 'concurrency' ? DEFAULT_CONCURRENCY : undefined);
    if (
      !Array.isArray(c) ||
      !c.length ||
      c.some((k) => typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > MAX_CONCURRENCY)
    )
      errors.push(
        `"concurrency" must be a non-empty list of stream counts from 1 to ${MAX_CONCURRENCY}, e.g. [1, 2, 4].`,
      );
  }
  if (kind === 'embedding' || raw.batches !== undefined) {
    const b = raw.batches ?? DEFAULT_BATCHES;
    if (
      kind !== 'embedding' ||
      !Array.isArray(b) ||
      !b.length ||
      b.some((n) => typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_BATCH)
    )
      errors.push(
        `"batches" belongs to embedding suites: a non-empty list of inputs per request from 1 to ${MAX_BATCH}, e.g. [1, 8, 32].`,
      );
  }
  const think = raw.think === undefined ? undefined : parseThink(raw.think);
  if (
    raw.think !== undefined &&
    (think === undefined ||
      (typeof raw.think === 'string' && /^(true|false)$/i.test(raw.think.trim())))
  )
    errors.push(
      `"think" must be true, false or one of ${THINK_LEVELS.map((l) => `"${l}"`).join(', ')}; got ${JSON.stringify(raw.think)}.`,
    );
  if (errors.length) return { ok: false, errors };
  const suite: SuiteDefinition = {
    name,
    description: typeof raw.description === 'string' ? raw.description : '',
    kind: kind as SuiteKind,
    tags: (tags as string[]).map((t) => t.trim()),
    prompts: prompts as string[],
    options: { ...(options as SuiteOptions) },
  };
  if (kind === 'concurrency')
    suite.concurrency = (raw.concurrency as number[]) ?? DEFAULT_CONCURRENCY;
  if (think !== undefined) suite.think = think;
  if (kind === 'embedding') {
    suite.batches = (raw.batches as number[] | undefined) ?? DEFAULT_BATCHES;
    // An embedding suite generates nothing; num_predict is kept only for the options' shape.
    suite.options.num_predict ??= 1;
  }
  if (typeof raw._id === 'string') suite._id = raw._id;
  if (typeof raw.created_at === 'string') suite.created_at = raw.created_at;
  if (typeof raw.updated_at === 'string') suite.updated_at = raw.updated_at;
  return { ok: true, suite };
}

/** Parses JSON text a user wrote into a validated suite; errors say what to fix. */
export function parseSuiteJson(text: string): SuiteValidation {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      errors: [`Not valid JSON: ${err instanceof Error ? err.message : String(err)}`],
    };
  }
  return validateSuite(value);
}

/**
 * The suites named by the user, in their order: built-ins by letter (case-insensitive), user
 * suites by name. Throws with the names that exist when one is unknown.
 */
export function resolveSuites(
  names: readonly string[],
  custom: readonly SuiteDefinition[],
): SuiteDefinition[] {
  const all = [...BUILTIN_SUITES, ...custom];
  const wanted = names.map((n) => n.trim()).filter(Boolean);
  if (!wanted.length)
    throw new InputError(
      'No test suite chosen: name at least one (A, B, C, E, V, depth, prefix, rate or a saved suite).',
    );
  return wanted.map((n) => {
    const hit =
      BUILTIN_SUITES.find((s) => s.name.toLowerCase() === n.toLowerCase()) ??
      custom.find((s) => s.name === n);
    if (!hit)
      throw new InputError(
        `Unknown test suite "${n}". Known suites: ${all.map((s) => s.name).join(', ')}.`,
      );
    if (hit.builtin) return hit;
    // A stored suite may have been edited by hand (or in MongoDB): check it before it runs.
    const checked = validateSuite(hit);
    if (!checked.ok)
      throw new InputError(`Test suite "${n}" is not valid: ${checked.errors.join(' ')}`);
    return checked.suite;
  });
}

/** A copy of each suite with num_predict replaced (quick runs: `--num-predict`). */
export function withNumPredict(suites: readonly SuiteDefinition[], numPredict: number | undefined) {
  if (numPredict === undefined) return [...suites];
  return suites.map((s) => ({ ...s, options: { ...s.options, num_predict: numPredict } }));
}

/** Measured repetitions of one suite: a concurrency suite repeats each of its levels. */
export function plannedRepetitions(
  suite: SuiteDefinition,
  repetitions: number,
  workload: WorkloadOptions = resolveWorkloadOptions(),
): number {
  const workloadPlan = workloadRequests(suite, repetitions, workload);
  if (workloadPlan !== undefined) return workloadPlan;
  if (suite.kind === 'embedding') return (suite.batches ?? DEFAULT_BATCHES).length * repetitions;
  return suite.kind === 'concurrency'
    ? (suite.concurrency ?? [1]).length * repetitions
    : repetitions;
}

/**
 * The suites a run takes when none is named: suite E when every model is embedding-only (it can
 * run nothing else), else suite A.
 */
export function defaultSuiteNames(capabilities: readonly (readonly string[] | undefined)[]) {
  return capabilities.length && capabilities.every(isEmbeddingOnly) ? ['E'] : ['A'];
}
