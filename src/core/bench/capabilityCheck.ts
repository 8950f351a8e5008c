// Before a session is stored: every model can do what its suites ask. Ollama lists a model's
// capabilities in /api/show (server/routes.go GetModelInfo → model.Capabilities: completion,
// tools, insert, vision, embedding, thinking, …) and refuses a request that needs one the model
// lacks (GenerateHandler: "does not support thinking" / "does not support generate"). Asking
// first turns a session of failed tests into one message that says what to change.
import type { SuiteDefinition, SuiteKind } from '../../shared/dto';
import type { RunSuite } from './runOptions';
import { thinks } from './runOptions';
import { InputError } from '../failures/inputError';

/** A model's capabilities from /api/show; undefined when Ollama did not say (nothing is refused). */
export type ShowCapabilities = (model: string) => Promise<readonly string[] | undefined>;

/**
 * What a suite needs of a model: embedding to embed; completion to generate, vision to read the
 * image, thinking to think.
 */
export function requiredCapabilities(suite: RunSuite): string[] {
  return kindCapabilities(suite.kind, thinks(suite.options.think));
}

function kindCapabilities(kind: SuiteKind, thinking: boolean): string[] {
  if (kind === 'embedding') return ['embedding'];
  const needs = ['completion'];
  if (kind === 'vision') needs.push('vision');
  if (thinking) needs.push('thinking');
  return needs;
}

/**
 * Whether a picker offers the suite for these models: each model whose capabilities Ollama listed
 * has what the suite needs (a suite that sets its own `think` needs thinking too).
 */
export function suiteFitsModels(
  suite: Pick<SuiteDefinition, 'kind' | 'think'>,
  capabilities: readonly (readonly string[] | undefined)[],
): boolean {
  const needs = kindCapabilities(suite.kind, suite.think !== undefined && thinks(suite.think));
  return capabilities.every((caps) => !caps || needs.every((c) => caps.includes(c)));
}

const FIX: Record<string, string> = {
  thinking: 'run it without --think (or the suite\'s "think"), or choose a thinking model',
  completion: 'choose a suite it can run',
  embedding: 'an embedding suite needs an embedding model (e.g. nomic-embed-text)',
  vision: 'a vision suite needs a model that reads images (e.g. gemma3, qwen2.5vl)',
};

const EMBEDDING_MODEL_FIX =
  'it is an embedding model: run it with suite E (or an embedding suite of your own), the default when no --suite is given';

/** One line per model and suite it cannot run, or none. */
export function capabilityProblems(
  suites: readonly RunSuite[],
  capabilities: ReadonlyMap<string, readonly string[] | undefined>,
): string[] {
  const problems: string[] = [];
  for (const [model, caps] of capabilities) {
    if (!caps) continue;
    for (const suite of suites) {
      const missing = requiredCapabilities(suite).filter((c) => !caps.includes(c));
      const first = missing[0];
      if (first === undefined) continue;
      problems.push(
        `${model} cannot run suite ${suite.name}: it lacks the ${missing.join(' and ')} capability (it has ${caps.join(', ') || 'none'}); ${first === 'completion' && caps.includes('embedding') ? EMBEDDING_MODEL_FIX : (FIX[first] ?? 'choose another suite')}.`,
      );
    }
  }
  return problems;
}

/** Asks each model's capabilities once and refuses the run, in one message, when one falls short. */
export async function checkCapabilities(
  models: readonly string[],
  suites: readonly RunSuite[],
  show: ShowCapabilities,
): Promise<void> {
  const capabilities = new Map<string, readonly string[] | undefined>();
  for (const model of new Set(models)) capabilities.set(model, await show(model));
  const problems = capabilityProblems(suites, capabilities);
  if (problems.length)
    throw new InputError(`Refused before anything was stored: ${problems.join(' ')}`);
}
