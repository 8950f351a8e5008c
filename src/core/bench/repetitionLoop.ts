// The measured part of a test: each repetition of a plain suite, or each window of k parallel
// streams of a concurrency suite. Every finished repetition is handed to `onRepetition` before the
// next starts, so the caller can store it at once.
import type { EmbedRequest, GenerateRequest } from 'ollama';
import type { RepetitionFigures } from '../../shared/dto';
import { observeGeneration, type ClientForRequest } from './generation';
import { ciWithin, mainValues, wantsAnother } from './adaptiveRepetitions';
import { runEmbeddingRepetitions } from './embeddingLoop';
import { repetitionFigures, windowFigures } from './metrics';
import type { AdaptiveRepetitions, RunSuite, StreamTimeouts } from './runOptions';
import { suitePrompt } from './suites';
import type { TestProgress } from './testResult';
import type { LevelClock } from '../workloads/levelClock';
import type { WorkloadOptions } from '../workloads/workloadOptions';
import { runWorkload } from '../workloads/workloadLoop';

export interface RepetitionLoopDeps {
  clientFor: ClientForRequest;
  clock: () => number;
  /** Wall-clock epoch ms, the hardware samples' clock (for the decode windows). */
  wallClock?: () => number;
  timeouts: StreamTimeouts;
  signal?: AbortSignal;
  nonce: () => string;
  /** Runs one request, retrying a busy answer. */
  retry: <T>(fn: () => Promise<T>) => Promise<T>;
  request: (prompt: string, nonce: string) => GenerateRequest & { stream: true };
  /** Called after each repetition with what it measured (already added to `progress`). */
  onRepetition: (figures: RepetitionFigures) => Promise<void>;
  /** A CI target: repetitions go on until it is reached (see adaptiveRepetitions.ts). */
  adaptive?: AdaptiveRepetitions;
  /** Embedding suites: the /api/embed request for a batch of inputs. */
  embedRequest?: (inputs: string[]) => EmbedRequest;
  /** Depth, prefix and rate suites: the run's workload options. */
  workload?: WorkloadOptions;
  /** The clock rate levels are scheduled on (the monotonic one unless a test injects another). */
  levelClock?: LevelClock;
  /** One line for the test's log (a capped depth, a sweep that stopped early). */
  log?: (message: string) => void;
}

export async function runRepetitions(
  suite: RunSuite,
  repetitions: number,
  progress: TestProgress,
  deps: RepetitionLoopDeps,
): Promise<void> {
  if (suite.kind === 'embedding')
    return runEmbeddingRepetitions(suite, repetitions, progress, deps);
  if (await runWorkload(suite, repetitions, progress, deps)) return;
  const observe = (prompt: string, nonce: string) =>
    deps.retry(() =>
      observeGeneration(
        deps.clientFor,
        deps.request(prompt, nonce),
        deps.clock,
        deps.signal,
        deps.timeouts,
      ),
    );
  const promptAt = (i: number) => suitePrompt(suite, i);
  // Generation ends when the answer does; it began eval_duration before (Ollama's own clock).
  const decoded = (figures: readonly RepetitionFigures[]) => {
    if (!deps.wallClock) return;
    const end = deps.wallClock();
    const ms = Math.max(...figures.map((f) => f.eval_duration_ns / 1e6));
    const tokens = figures.reduce((sum, f) => sum + f.eval_count, 0);
    if (ms > 0 && tokens > 0) progress.decode.push({ window: { start: end - ms, end }, tokens });
  };
  const more = (done: number, reps: readonly RepetitionFigures[]) =>
    wantsAnother(done, repetitions, deps.adaptive, () => mainValues(suite.kind, reps));
  const reached = (reps: readonly RepetitionFigures[]) =>
    deps.adaptive !== undefined &&
    ciWithin(mainValues(suite.kind, reps), deps.adaptive.targetCiPercent);
  if (suite.kind !== 'concurrency') {
    for (let r = 0; more(r, progress.reps); r++) {
      const nonce = deps.nonce();
      const observed = await observe(promptAt(r), nonce);
      const figures = repetitionFigures(observed, r, nonce);
      decoded([figures]);
      progress.reps.push(figures);
      progress.output = observed.output;
      await deps.onRepetition(figures);
    }
    if (deps.adaptive) progress.targetCiReached = reached(progress.reps);
    return;
  }
  let allReached = true;
  for (const k of suite.concurrency ?? [1]) {
    const level = () => progress.windows.filter((w) => w.concurrency === k).map((w) => w.window);
    for (let r = 0; more(r, level()); r++) {
      const nonces = Array.from({ length: k }, () => deps.nonce());
      const streams = await Promise.all(
        nonces.map(async (nonce, i) => ({
          nonce,
          observed: await observe(promptAt(r + i), nonce),
        })),
      );
      const observed = streams.map((s) => s.observed);
      const window = windowFigures(observed, progress.reps.length, nonces.join(','));
      const each = streams.map((s, i) => repetitionFigures(s.observed, i, s.nonce));
      decoded(each);
      progress.reps.push(window);
      progress.streams.push(...each);
      progress.windows.push({ concurrency: k, streams: each, window });
      progress.output = observed.at(-1)?.output ?? progress.output;
      await deps.onRepetition(window);
    }
    allReached &&= reached(level());
  }
  if (deps.adaptive) progress.targetCiReached = allReached;
}
