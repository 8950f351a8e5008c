// A plan's matrix: the input checked (a bad value is refused before anything is stored), then
// expanded into one point per model × suite × num_ctx (× concurrency, for concurrency suites
// only), each with the canonical key that makes creating the same plan twice add nothing.
import { createHash } from 'node:crypto';
import type { SuiteDefinition } from '../../shared/dto';
import {
  ANY_MACHINE,
  DEFAULT_MAX_RETRIES,
  DEFAULT_PRIORITY,
  LARGE_PLAN_CONFIGS,
  type ConfigOptions,
  type PlanInput,
} from '../../shared/plans';
import { InputError } from '../failures/inputError';
import { DEFAULT_KEEP_ALIVE, DEFAULT_NUM_CTX, DEFAULT_SEED } from '../bench/runOptions';
import { MAX_CONCURRENCY, MAX_REPETITIONS, resolveSuites } from '../bench/suites';
import { checkFreeText, FREE_TEXT_LIMITS } from '../text/freeText';
import { evalConfigOptions, isEvalSuite, loadEvalSuite } from '../quality/evalSuites';
import { settingsForKind } from '../workloads/workloadSettings';

/** Input a user can fix (a bad dimension, an unknown plan). */
export class PlanInputError extends InputError {
  override readonly name = 'PlanInputError';
}

export interface MatrixPoint {
  model: string;
  suite: string;
  options: ConfigOptions;
  machine: string;
}

const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];

function wholeNumbers(
  values: readonly number[],
  what: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number[] {
  const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
  for (const v of values)
    if (!Number.isSafeInteger(v) || v < min || v > max)
      throw new PlanInputError(`${what} must be whole numbers ${range}, not ${v}`);
  return uniq(values);
}

/** Free text of a plan within its limits; a PlanInputError (exit 2) otherwise. */
function checkPlanText(input: PlanInput, name: string, models: readonly string[]): void {
  try {
    checkFreeText(name, 'A plan name', FREE_TEXT_LIMITS.name);
    checkFreeText(input.description, 'A plan description', FREE_TEXT_LIMITS.description);
    for (const m of models) checkFreeText(m, 'A model name', FREE_TEXT_LIMITS.name);
  } catch (err) {
    throw new PlanInputError((err as Error).message);
  }
}

/** The input with defaults filled in and every value checked; suites resolved against custom. */
export function checkPlanInput(
  input: PlanInput,
  custom: readonly SuiteDefinition[],
): {
  input: Required<
    Omit<PlanInput, 'description' | 'num_predict' | 'concurrency' | 'allow_large' | 'workload'>
  > &
    PlanInput;
  suites: SuiteDefinition[];
} {
  const name = input.name?.trim();
  if (!name) throw new PlanInputError('A plan needs a name (--name).');
  const models = uniq(input.models.map((m) => m.trim()).filter(Boolean));
  if (!models.length) throw new PlanInputError('A plan needs at least one model (--models a,b).');
  checkPlanText(input, name, models);
  let suites: SuiteDefinition[];
  // eval:core / eval:FILE score the models on a set (src/core/quality/evalSuites.ts): the set is
  // checked now, so a bad line refuses the plan before anything is stored.
  const evalSuites = uniq(input.suites).filter(isEvalSuite);
  for (const e of evalSuites) loadEvalSuite(e);
  const benchSuites = uniq(input.suites).filter((s) => !isEvalSuite(s));
  try {
    suites = benchSuites.length || !evalSuites.length ? resolveSuites(benchSuites, custom) : [];
  } catch (err) {
    throw new PlanInputError((err as Error).message);
  }
  if (!input.num_ctx.length) throw new PlanInputError('A plan needs at least one num_ctx value.');
  for (const n of input.num_ctx)
    if (!Number.isSafeInteger(n) || n <= 0)
      throw new PlanInputError(`num_ctx values must be whole numbers > 0, not ${n}`);
  const concurrency = input.concurrency?.length
    ? wholeNumbers(input.concurrency, 'concurrency values', 1, MAX_CONCURRENCY)
    : undefined;
  const repetitions = input.repetitions;
  wholeNumbers([repetitions], 'repetitions', 1, MAX_REPETITIONS);
  const numPredict =
    input.num_predict === undefined
      ? undefined
      : wholeNumbers([input.num_predict], 'num_predict', 1)[0];
  const priority = input.priority ?? DEFAULT_PRIORITY;
  if (!Number.isSafeInteger(priority))
    throw new PlanInputError(`priority must be a whole number, not ${priority}`);
  const maxRetries = input.max_retries ?? DEFAULT_MAX_RETRIES;
  wholeNumbers([maxRetries], 'max_retries', 0);
  const machine = input.machine?.trim() || ANY_MACHINE;
  const size =
    models.length *
    suites.reduce(
      (a, s) =>
        a +
        uniq(input.num_ctx).length *
          (s.kind === 'concurrency' && concurrency ? concurrency.length : 1),
      evalSuites.length,
    );
  if (size > LARGE_PLAN_CONFIGS && !input.allow_large)
    throw new PlanInputError(
      `This plan has ${size} configurations, more than ${LARGE_PLAN_CONFIGS}; run again with --yes-large to queue them all.`,
    );
  return {
    input: {
      ...input,
      name,
      models,
      suites: [...suites.map((s) => s.name), ...evalSuites],
      num_ctx: uniq(input.num_ctx),
      concurrency,
      repetitions,
      num_predict: numPredict,
      seed: input.seed ?? DEFAULT_SEED,
      keep_alive: input.keep_alive ?? DEFAULT_KEEP_ALIVE,
      priority,
      machine,
      max_retries: maxRetries,
    },
    suites,
  };
}

/** Every point of the matrix, models first (the order workers take them at equal priority). */
export function expandMatrix(
  input: ReturnType<typeof checkPlanInput>['input'],
  suites: readonly SuiteDefinition[],
): MatrixPoint[] {
  const points: MatrixPoint[] = [];
  for (const model of input.models)
    for (const suite of suites)
      for (const numCtx of input.num_ctx) {
        // A stream count means nothing to a generation or prompt suite: one point, not one per value.
        const levels: (number | undefined)[] =
          suite.kind === 'concurrency' && input.concurrency?.length
            ? input.concurrency
            : [undefined];
        for (const concurrency of levels) {
          const options: ConfigOptions = {
            num_ctx: numCtx,
            repetitions: input.repetitions,
            seed: input.seed,
            keep_alive: input.keep_alive,
          };
          if (input.num_predict !== undefined) options.num_predict = input.num_predict;
          if (concurrency !== undefined) options.concurrency = concurrency;
          const workload = settingsForKind(suite.kind, input.workload);
          if (workload) options.workload = workload;
          points.push({ model, suite: suite.name, options, machine: input.machine });
        }
      }
  // An eval suite: one point per model, whatever the num_ctx values (an eval sets its own).
  const [numCtx = DEFAULT_NUM_CTX] = input.num_ctx;
  for (const model of input.models)
    for (const suite of input.suites.filter(isEvalSuite))
      points.push({
        model,
        suite,
        options: evalConfigOptions(numCtx, input.keep_alive),
        machine: input.machine,
      });
  return points;
}

/** JSON with object keys sorted, so equal values always give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The canonical hash of plan + model + suite + options + machine. */
export function configKey(planId: string, point: MatrixPoint): string {
  return createHash('sha256')
    .update(canonical({ plan: planId, ...point }))
    .digest('hex');
}
