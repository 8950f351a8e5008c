// The summary figures of a depth sweep and of a shared prefix, from their requests' figures.
// Pure.
import type { RepetitionFigures } from '../../shared/dto';
import type { DepthLevel, WorkloadMetrics } from '../../shared/workloadTypes';
import { mean, median, round2 } from '../bench/stats';

const values = (
  reps: readonly RepetitionFigures[],
  pick: (r: RepetitionFigures) => number | undefined,
) => reps.map(pick).filter((v): v is number => v !== undefined && Number.isFinite(v));

const rounded = (v: number) => (Number.isFinite(v) ? round2(v) : undefined);

const put = <K extends string>(key: K, v: number | undefined) =>
  (v === undefined ? {} : { [key]: v }) as Partial<Record<K, number>>;

/** One depth's level: Ollama's prompt count (median), mean rates and p50 TTFT of its requests. */
export function depthLevel(depth: number, reps: readonly RepetitionFigures[]): DepthLevel {
  return {
    depth,
    prompt_tokens: Math.round(median(values(reps, (r) => r.prompt_eval_count))),
    ...put(
      'prompt_tokens_per_second',
      rounded(mean(values(reps, (r) => r.prompt_tokens_per_second))),
    ),
    ...put('tokens_per_second', rounded(mean(values(reps, (r) => r.tokens_per_second)))),
    ...put('ttft_ms', rounded(median(values(reps, (r) => r.ttft_ms)))),
  };
}

/** Every level of a depth sweep, in the order the depths ran. */
export function depthLevels(reps: readonly RepetitionFigures[]): DepthLevel[] {
  const depths = [...new Set(values(reps, (r) => r.depth))];
  return depths.map((d) =>
    depthLevel(
      d,
      reps.filter((r) => r.depth === d),
    ),
  );
}

/**
 * Cold (the first request of each prefix) against warm (the requests that reuse it): p50 TTFT and
 * prompt time, and the share of the warm requests' prompt tokens Ollama took from its cache.
 */
export function prefixFigures(reps: readonly RepetitionFigures[]): WorkloadMetrics {
  const cold = reps.filter((r) => r.prefix_warm === false);
  const warm = reps.filter((r) => r.prefix_warm === true);
  const reported = warm.filter((r) => r.prompt_cached_tokens !== undefined);
  const prompt = reported.reduce((s, r) => s + r.prompt_eval_count, 0);
  const cached = reported.reduce((s, r) => s + (r.prompt_cached_tokens ?? 0), 0);
  return {
    ...put('ttft_cold_ms', rounded(median(values(cold, (r) => r.ttft_ms)))),
    ...put('ttft_warm_ms', rounded(median(values(warm, (r) => r.ttft_ms)))),
    ...put(
      'prefill_cold_ms',
      rounded(median(values(cold, (r) => r.prompt_eval_duration_ns / 1e6))),
    ),
    ...put(
      'prefill_warm_ms',
      rounded(median(values(warm, (r) => r.prompt_eval_duration_ns / 1e6))),
    ),
    ...(prompt > 0 ? { prefix_reuse_ratio: Math.round((cached / prompt) * 10_000) / 10_000 } : {}),
  };
}
