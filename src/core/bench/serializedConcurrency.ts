// serialized: a concurrency level whose k streams Ollama served one after another, so it measured
// queueing rather than parallel decoding. Both must hold at that level (k > 1):
// - its mean aggregate tokens/s is at most SERIALIZED_AGGREGATE_BAND (10 %) above what one stream
//   gives: k streams in turn produce no more per second than one. One stream gives k = 1's
//   aggregate, or at most its decode rate (Ollama's eval_count / eval_duration, which no wall-clock
//   hiccup of a single window lowers); without k = 1, the level's own per-stream decode rate.
//   Below counts too: queueing adds each request's own overhead;
// - in most of its windows the time to first token grows with the place in the queue: ordered by
//   first token, each stream's first token comes at least half of the previous stream's decode
//   time after the previous one's (parallel streams start decoding together).
// The reason names why: a family Ollama always serializes (server/sched.go), else
// OLLAMA_NUM_PARALLEL as read from the server (default 1, envconfig/config.go).
import type { FigureStats, RepetitionFigures } from '../../shared/dto';
import { isAlwaysSerialized } from '../ollama/serializedFamilies';

export const SERIALIZED_AGGREGATE_BAND = 0.1;

export interface ConcurrencyWindow {
  concurrency: number;
  streams: readonly RepetitionFigures[];
}

/** Whether the streams of one window waited for each other (first tokens queued). */
export function queuedWindow(streams: readonly RepetitionFigures[]): boolean {
  const timed = streams
    .filter((s) => s.ttft_ms !== undefined)
    .map((s) => ({ ttft: s.ttft_ms ?? 0, decode: s.e2e_ms - (s.ttft_ms ?? 0) }))
    .sort((a, b) => a.ttft - b.ttft);
  if (timed.length < 2) return false;
  return timed.every((s, i) => {
    const before = timed[i - 1];
    return !before || s.ttft - before.ttft >= 0.5 * before.decode;
  });
}

/** The concurrency levels (k > 1) that were served one stream at a time. */
export function serializedLevels(
  windows: readonly ConcurrencyWindow[],
  stats: Record<string, FigureStats>,
): number[] {
  const k1 = [stats.k1_aggregate_tokens_per_second?.mean, stats.k1_tokens_per_second?.mean].filter(
    (v): v is number => v !== undefined && v > 0,
  );
  const levels = [...new Set(windows.map((w) => w.concurrency))].filter((k) => k > 1);
  return levels.filter((k) => {
    const aggregate = stats[`k${k}_aggregate_tokens_per_second`]?.mean;
    const single = k1.length ? Math.max(...k1) : stats[`k${k}_tokens_per_second`]?.mean;
    if (single !== undefined && single > 0 && aggregate !== undefined) {
      if (aggregate / single - 1 > SERIALIZED_AGGREGATE_BAND) return false;
    }
    const at = windows.filter((w) => w.concurrency === k);
    return at.filter((w) => queuedWindow(w.streams)).length * 2 > at.length;
  });
}

/** The flag's reason and fix. */
export function serializedReason(
  levels: readonly number[],
  family: string | undefined,
  numParallel: string | undefined,
): string {
  const seen = `k = ${levels.join(', ')}: Ollama served the streams one after another (aggregate tok/s no more than 10 % above k = 1, first tokens queued), so ${levels.length > 1 ? 'these levels' : 'this level'} measured queueing.`;
  if (isAlwaysSerialized(family))
    return `${seen} Ollama always runs the ${family} family one request at a time (server/sched.go), whatever OLLAMA_NUM_PARALLEL says. Fix: none in Ollama's settings; compare this model at k = 1, or run one Ollama instance per stream.`;
  const want = Math.max(...levels);
  if (numParallel === undefined)
    return `${seen} OLLAMA_NUM_PARALLEL is probably 1, its default (the server's environment was not readable). Fix: start Ollama with OLLAMA_NUM_PARALLEL=${want} or more and run again.`;
  if (Number(numParallel) <= 1)
    return `${seen} The server runs with OLLAMA_NUM_PARALLEL = ${numParallel}. Fix: start Ollama with OLLAMA_NUM_PARALLEL=${want} or more and run again.`;
  return `${seen} OLLAMA_NUM_PARALLEL = ${numParallel}, yet one slot served them: the model may be an embedding model, or memory allowed only one. Fix: free memory or lower num_ctx, and run again.`;
}
