// The figures of an embedding test: per /api/embed request, inputs/s and embedded tokens/s over
// the request's wall time (Ollama gives no prompt_eval_duration for embeddings); per batch size,
// their statistics (b<n>_inputs_per_second, b<n>_embed_tokens_per_second, b<n>_e2e_ms with its
// p50 and p90); in the summary, the best batch size's rates and a one-input request's latency.
import type { FigureStats, RepetitionFigures, TestMetrics } from '../../shared/dto';
import type { EmbedObservation } from './embedRequest';
import { figureStats, round2 } from './stats';

const count = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function embeddingFigures(
  obs: EmbedObservation,
  index: number,
  nonce: string,
): RepetitionFigures {
  const wallMs = obs.tEnd - obs.t0;
  const tokens = count(obs.prompt_eval_count);
  const figures: RepetitionFigures = {
    index,
    nonce,
    e2e_ms: wallMs,
    eval_count: 0,
    eval_duration_ns: 0,
    prompt_eval_count: tokens,
    prompt_eval_duration_ns: 0,
    total_duration_ns: count(obs.total_duration),
    load_duration_ns: count(obs.load_duration),
    batch_size: obs.inputs,
  };
  if (wallMs > 0) {
    figures.inputs_per_second = obs.inputs / (wallMs / 1000);
    if (tokens > 0) figures.embed_tokens_per_second = tokens / (wallMs / 1000);
  }
  return figures;
}

/** b<n>_<figure> over the requests of each batch size. */
export function embeddingStats(reps: readonly RepetitionFigures[]): Record<string, FigureStats> {
  const stats: Record<string, FigureStats> = {};
  const sizes = [...new Set(reps.map((r) => r.batch_size).filter((b) => b !== undefined))];
  for (const b of sizes) {
    const at = reps.filter((r) => r.batch_size === b);
    for (const key of ['inputs_per_second', 'embed_tokens_per_second', 'e2e_ms'] as const) {
      const s = figureStats(at.map((r) => r[key]).filter((v): v is number => v !== undefined));
      if (s) stats[`b${b}_${key}`] = s;
    }
  }
  return stats;
}

/** The summary: the batch size with the best mean inputs/s, and the latency of one input. */
export function embeddingSummary(
  stats: Record<string, FigureStats>,
): Pick<TestMetrics, 'inputs_per_second' | 'embed_tokens_per_second' | 'e2e_ms' | 'e2e_p90_ms'> {
  const best = Object.entries(stats)
    .filter(([k]) => /^b\d+_inputs_per_second$/.test(k))
    .sort(([, a], [, b]) => b.mean - a.mean)[0];
  const summary: ReturnType<typeof embeddingSummary> = {};
  if (best) {
    summary.inputs_per_second = round2(best[1].mean);
    const tokens = stats[best[0].replace('inputs_per_second', 'embed_tokens_per_second')];
    if (tokens) summary.embed_tokens_per_second = round2(tokens.mean);
  }
  const single = stats.b1_e2e_ms;
  if (single) {
    summary.e2e_ms = round2(single.p50);
    summary.e2e_p90_ms = round2(single.p90);
  }
  return summary;
}
