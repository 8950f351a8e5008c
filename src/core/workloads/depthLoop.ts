// The measured part of a depth sweep (llama-bench's -d through Ollama): two unmeasured requests
// calibrate the filler's tokens per word from Ollama's prompt_eval_count (depthFiller.ts), the
// depths are capped below num_ctx − num_predict, then for each depth the test's repetitions, each
// a prompt of about that many tokens, then the question. Every request starts with its own nonce
// (generation.ts puts it first), so no level reuses another's cached prompt.
import type { RepetitionFigures } from '../../shared/dto';
import { observeGeneration } from '../bench/generation';
import { repetitionFigures } from '../bench/metrics';
import type { RepetitionLoopDeps } from '../bench/repetitionLoop';
import type { RunSuite } from '../bench/runOptions';
import { suitePrompt } from '../bench/suites';
import type { TestProgress } from '../bench/testResult';
import {
  CALIBRATION_WORDS,
  cappedDepths,
  depthCap,
  depthPrompt,
  tokensPerWord,
  wordsForDepth,
} from './depthFiller';
import { depthLevels } from './workloadFigures';
import { DEFAULT_DEPTHS } from './workloadOptions';

export async function runDepthSweep(
  suite: RunSuite,
  repetitions: number,
  progress: TestProgress,
  deps: RepetitionLoopDeps,
): Promise<void> {
  const question = suitePrompt(suite, 0);
  const send = (prompt: string, numPredict?: number) => {
    const request = deps.request(prompt, deps.nonce());
    const req =
      numPredict === undefined
        ? request
        : { ...request, options: { ...request.options, num_predict: numPredict } };
    return deps.retry(() =>
      observeGeneration(deps.clientFor, req, deps.clock, deps.signal, deps.timeouts),
    );
  };
  // Calibration: the request's own tokens, then with a known number of filler words.
  const base = (await send(question, 1)).final.prompt_eval_count ?? 0;
  const calibrated = (await send(depthPrompt(CALIBRATION_WORDS, question), 1)).final
    .prompt_eval_count;
  let ratio = tokensPerWord(calibrated ?? 0, base, CALIBRATION_WORDS);
  const { num_ctx, num_predict } = suite.options;
  const cap = depthCap(num_ctx, num_predict, base);
  const asked = deps.workload?.depths ?? DEFAULT_DEPTHS;
  const depths = cappedDepths(asked, cap);
  if (asked.some((d) => d > cap))
    deps.log?.(
      `depths above ${cap} tokens (num_ctx ${num_ctx} − num_predict ${num_predict} − the question) run at ${cap}; raise --num-ctx to go deeper.`,
    );
  deps.log?.(
    `calibrated ${ratio.toFixed(2)} tokens per filler word (Ollama counted ${base} without filler).`,
  );
  for (const depth of depths) {
    for (let r = 0; r < repetitions; r++) {
      const words = wordsForDepth(depth, ratio);
      const nonce = deps.nonce();
      const observed = await deps.retry(() =>
        observeGeneration(
          deps.clientFor,
          deps.request(depthPrompt(words, question), nonce),
          deps.clock,
          deps.signal,
          deps.timeouts,
        ),
      );
      const figures: RepetitionFigures = {
        ...repetitionFigures(observed, progress.reps.length, nonce),
        depth,
      };
      // Each level refines the ratio from Ollama's own count, as cmd/bench does after warm-up.
      if (words > 0) ratio = tokensPerWord(figures.prompt_eval_count, base, words);
      progress.reps.push(figures);
      progress.output = observed.output;
      progress.workload = { depth_levels: depthLevels(progress.reps) };
      await deps.onRepetition(figures);
    }
  }
}
