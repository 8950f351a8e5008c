// The figures of a request that thought before it answered: Ollama streams the reasoning in
// `thinking` chunks and the answer in `response` (`message.content` in chat) chunks, and counts
// both in eval_count (api/types.go). TTFT stays the first token of any kind (metrics.ts); here
// are the time to the first answer token, the thinking tokens and the answer's own rate. Pure.
import type { FigureStats, RepetitionFigures, TestMetrics } from '../../shared/dto';
import type { StreamObservation } from './metrics';
import { round2 } from './stats';

type ThinkingFigures = Pick<
  RepetitionFigures,
  'ttfa_ms' | 'thinking_tokens' | 'thinking_tokens_estimated' | 'answer_tokens_per_second'
>;

/**
 * Nothing when the request streamed no thinking. Ollama sends one chunk per generated token, so
 * the thinking chunks are the thinking tokens when thinking + answer chunks equal eval_count;
 * when they do not (a chunk held several tokens), eval_count is split between thinking and
 * answer in the chunks' proportion, and the figure says it is an estimate.
 */
export function thinkingFigures(obs: StreamObservation): ThinkingFigures {
  const thinkingChunks = obs.thinkingChunks ?? 0;
  if (!thinkingChunks) return {};
  const answers = obs.answerTimes ?? [];
  const chunks = thinkingChunks + answers.length;
  const evalCount = obs.final.eval_count ?? 0;
  const exact = evalCount === chunks;
  const figures: ThinkingFigures = {
    thinking_tokens:
      exact || evalCount <= 0 ? thinkingChunks : Math.round((evalCount * thinkingChunks) / chunks),
    thinking_tokens_estimated: !exact,
  };
  const first = answers[0];
  const last = answers.at(-1);
  if (first !== undefined) figures.ttfa_ms = first - obs.t0;
  if (first !== undefined && last !== undefined && last > first)
    figures.answer_tokens_per_second = ((answers.length - 1) / (last - first)) * 1000;
  return figures;
}

/** The test's thinking summary: p50 ttfa, mean thinking tokens and answer rate (rounded). */
export function thinkingSummary(
  stats: Record<string, FigureStats>,
  reps: readonly RepetitionFigures[],
): Pick<
  TestMetrics,
  'ttfa_ms' | 'thinking_tokens' | 'thinking_tokens_estimated' | 'answer_tokens_per_second'
> {
  const thought = reps.filter((r) => r.thinking_tokens !== undefined);
  if (!thought.length) return {};
  const summary: ReturnType<typeof thinkingSummary> = {
    thinking_tokens_estimated: thought.some((r) => r.thinking_tokens_estimated === true),
  };
  if (stats.thinking_tokens) summary.thinking_tokens = round2(stats.thinking_tokens.mean);
  if (stats.ttfa_ms) summary.ttfa_ms = round2(stats.ttfa_ms.p50);
  if (stats.answer_tokens_per_second)
    summary.answer_tokens_per_second = round2(stats.answer_tokens_per_second.mean);
  return summary;
}
