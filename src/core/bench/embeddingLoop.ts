// The measured part of an embedding test: for each batch size in turn (default 1, 8, 32 inputs),
// the test's repetitions, each one /api/embed request whose inputs each start with the
// repetition's nonce (so no input is one Ollama has seen). Every request is handed to
// `onRepetition` before the next, as in repetitionLoop.ts.
import { ciWithin, mainValues, wantsAnother } from './adaptiveRepetitions';
import { embeddingFigures } from './embeddingFigures';
import { observeEmbed } from './embedRequest';
import type { RepetitionLoopDeps } from './repetitionLoop';
import type { RunSuite } from './runOptions';
import { DEFAULT_BATCHES, suitePrompt } from './suites';
import type { TestProgress } from './testResult';

export async function runEmbeddingRepetitions(
  suite: RunSuite,
  repetitions: number,
  progress: TestProgress,
  deps: RepetitionLoopDeps,
): Promise<void> {
  const request = deps.embedRequest;
  if (!request) throw new Error(`Suite "${suite.name}" embeds, but no embed request was given.`);
  let reached = true;
  for (const batch of suite.batches ?? DEFAULT_BATCHES) {
    const level = () =>
      mainValues(
        'embedding',
        progress.reps.filter((r) => r.batch_size === batch),
      );
    for (let r = 0; wantsAnother(r, repetitions, deps.adaptive, level); r++) {
      const nonce = deps.nonce();
      const inputs = Array.from(
        { length: batch },
        (_, i) => `${nonce}-${i}\n\n${suitePrompt(suite, r * batch + i)}`,
      );
      const observed = await deps.retry(() =>
        observeEmbed(deps.clientFor, request(inputs), deps.clock, deps.signal, deps.timeouts),
      );
      const figures = embeddingFigures(observed, progress.reps.length, nonce);
      progress.reps.push(figures);
      await deps.onRepetition(figures);
    }
    if (deps.adaptive) reached &&= ciWithin(level(), deps.adaptive.targetCiPercent);
  }
  if (deps.adaptive) progress.targetCiReached = reached;
}
