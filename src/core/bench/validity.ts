// Validity flags: an honest number says when it is not to be trusted. Each rule is precise so a
// flag can be explained to whoever reads it:
// - unstable  — the coefficient of variation (sd / mean, sample sd) of the test's headline figure
//               exceeds 10 %: tokens/s for generation and custom suites, prompt tokens/s for the
//               prompt suite, the aggregate tokens/s of any one concurrency level for suite C.
//               Needs at least 2 values.
// - cpu_spill — /api/ps placed part of the model outside the GPU: 0 < size_vram < size, or
//               size_vram 0 on a machine that has a GPU. Without a GPU, size_vram is 0 by nature:
//               that placement is "CPU only", not a spill (see modelLifecycle.ts).
// - truncated — a repetition ended with done_reason "length" although eval_count < num_predict:
//               the context (num_ctx) ran out before the asked length.
// - cache_hit — a repetition's prompt counters show cached tokens: prompt_eval_count > 0 with no
//               prompt_eval_duration (all of it came from the cache). Where Ollama reports
//               prompt_eval_cached_count (prompt_cached_tokens), the prompt rate already divides
//               the new tokens only, and a repetition is a hit when at most one token was new
//               (the runner always evaluates the last one again): the whole prompt came from the
//               cache. Without it, with 3 repetitions or more, a prompt rate above
//               CACHE_HIT_RATE_FACTOR × the median prompt rate of the test (Ollama counts cached
//               tokens but times only the uncached ones, so a cache hit shows up as an
//               implausibly fast prompt).
// - serialized, ctx_reduced — Ollama's own conditions, with a reason per test: see
//               serializedConcurrency.ts and contextReduction.ts.
// - implausible — a figure that cannot be right: eval_duration under 1 ms for generated tokens,
//               or a rate more than 10 × the test's median for that rate.
import type { FigureStats, RepetitionFigures, SuiteKind, ValidityFlag } from '../../shared/dto';
import { percentile } from './stats';

export const UNSTABLE_CV = 0.1;
export const CACHE_HIT_RATE_FACTOR = 3;

/** The stats keys whose cv decides `unstable` for a suite kind. */
export function headlineFigures(kind: SuiteKind, stats: Record<string, FigureStats>): string[] {
  switch (kind) {
    case 'prompt':
      return ['prompt_tokens_per_second'];
    case 'concurrency':
      return Object.keys(stats).filter((k) => /^k\d+_aggregate_tokens_per_second$/.test(k));
    case 'embedding':
      return Object.keys(stats).filter((k) => /^b\d+_inputs_per_second$/.test(k));
    // Their levels differ by design (depths, cold and warm, rates): no one figure to hold steady.
    case 'depth':
    case 'prefix':
    case 'rate':
      return [];
    default:
      return ['tokens_per_second'];
  }
}

export function isUnstable(kind: SuiteKind, stats: Record<string, FigureStats>): boolean {
  return headlineFigures(kind, stats).some((k) => {
    const s = stats[k];
    return !!s && s.n >= 2 && s.cv > UNSTABLE_CV;
  });
}

export function isTruncated(rep: RepetitionFigures, numPredict: number): boolean {
  return (rep.done_reason ?? '').split(',').includes('length') && rep.eval_count < numPredict;
}

/** Indexes of the repetitions whose prompt counters show cached tokens. */
export function cacheHits(reps: readonly RepetitionFigures[]): number[] {
  const rates = reps
    .filter((r) => r.prompt_cached_tokens === undefined)
    .map((r) => r.prompt_tokens_per_second)
    .filter((v): v is number => v !== undefined);
  const median = rates.length >= 3 ? percentile(rates, 0.5) : undefined;
  return reps
    .filter((r) => {
      if (r.prompt_eval_count > 0 && r.prompt_eval_duration_ns === 0) return true;
      if (r.prompt_cached_tokens !== undefined)
        return r.prompt_eval_count > 1 && r.prompt_eval_count - r.prompt_cached_tokens <= 1;
      const rate = r.prompt_tokens_per_second;
      return median !== undefined && rate !== undefined && rate > CACHE_HIT_RATE_FACTOR * median;
    })
    .map((r) => r.index);
}

/** A generation faster than this cannot be real: Ollama's counters are wrong or cached. */
export const IMPLAUSIBLE_EVAL_NS = 1e6;
export const IMPLAUSIBLE_RATE_FACTOR = 10;

/**
 * Repetitions whose figures cannot be right: tokens generated in under 1 ms, or a rate more than
 * 10 × the test's median for that rate (one broken counter must not pass as a record).
 */
export function implausibleRepetitions(reps: readonly RepetitionFigures[]): number[] {
  const medians = (['tokens_per_second', 'prompt_tokens_per_second'] as const).map((key) => ({
    key,
    median: percentile(
      reps.map((r) => r[key]).filter((v): v is number => v !== undefined),
      0.5,
    ),
  }));
  return reps
    .filter(
      (r) =>
        (r.eval_count > 0 && r.eval_duration_ns > 0 && r.eval_duration_ns < IMPLAUSIBLE_EVAL_NS) ||
        medians.some(({ key, median }) => {
          const rate = r[key];
          return rate !== undefined && median > 0 && rate > IMPLAUSIBLE_RATE_FACTOR * median;
        }),
    )
    .map((r) => r.index);
}

export function validityFlags(input: {
  kind: SuiteKind;
  stats: Record<string, FigureStats>;
  repetitions: readonly RepetitionFigures[];
  numPredict: number;
  cpuSpill: boolean;
}): ValidityFlag[] {
  const flags: ValidityFlag[] = [];
  if (isUnstable(input.kind, input.stats)) flags.push('unstable');
  if (input.cpuSpill) flags.push('cpu_spill');
  if (input.repetitions.some((r) => isTruncated(r, input.numPredict))) flags.push('truncated');
  // /api/embed has no prompt_eval_duration at all: its counters cannot show a cached prompt.
  // A shared prefix's warm requests reuse the cache on purpose; its cold ones must not.
  const uncached = input.repetitions.filter((r) => r.prefix_warm !== true);
  if (input.kind !== 'embedding' && cacheHits(uncached).length) flags.push('cache_hit');
  if (implausibleRepetitions(uncached).length) flags.push('implausible');
  return flags;
}
