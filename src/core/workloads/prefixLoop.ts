// The measured part of a shared-prefix test: one long prefix (the suite's first prompt: a
// document, or a conversation so far) and different questions (its other prompts). Per
// repetition a new nonce opens the prefix, so its first request processes it cold; the next ones
// ask the other questions after the same prefix, which Ollama can reuse from its cache (warm).
import type { RepetitionFigures } from '../../shared/dto';
import { observeGeneration } from '../bench/generation';
import { repetitionFigures } from '../bench/metrics';
import type { RepetitionLoopDeps } from '../bench/repetitionLoop';
import type { RunSuite } from '../bench/runOptions';
import type { TestProgress } from '../bench/testResult';
import { prefixFigures } from './workloadFigures';

/** Requests per repetition: the cold one and at least one warm one. */
export const prefixRequests = (suite: Pick<RunSuite, 'prompts'>): number =>
  Math.max(2, suite.prompts.length - 1);

export async function runSharedPrefix(
  suite: RunSuite,
  repetitions: number,
  progress: TestProgress,
  deps: RepetitionLoopDeps,
): Promise<void> {
  const [prefix, ...rest] = suite.prompts;
  if (prefix === undefined) throw new Error(`Suite "${suite.name}" has no prefix to share.`);
  const questions = rest.length ? rest : ['Summarise the text above in one sentence.'];
  for (let r = 0; r < repetitions; r++) {
    const nonce = deps.nonce();
    for (let q = 0; q < prefixRequests(suite); q++) {
      const question = questions[q % questions.length] ?? '';
      const observed = await deps.retry(() =>
        observeGeneration(
          deps.clientFor,
          deps.request(`${prefix}\n\n${question}`, nonce),
          deps.clock,
          deps.signal,
          deps.timeouts,
        ),
      );
      const figures: RepetitionFigures = {
        ...repetitionFigures(observed, progress.reps.length, nonce),
        prefix_warm: q > 0,
      };
      progress.reps.push(figures);
      progress.output = observed.output;
      progress.workload = prefixFigures(progress.reps);
      await deps.onRepetition(figures);
    }
  }
}
