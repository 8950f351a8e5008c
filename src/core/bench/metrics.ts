// The figures of one generation request and of a test, from Ollama's counters and the client's
// monotonic clock: server figures from the final chunk's counters (tokens_per_second = eval_count /
// eval_duration), client figures from t0 = request sent (ttft_ms, e2e_ms, tpot_ms); see
// docs/ARCHITECTURE.md, "Data model". Pure: no I/O, no clock of its own.
import type { FigureStats, RepetitionFigures, TestMetrics } from '../../shared/dto';
import type { WorkloadMetrics } from '../../shared/workloadTypes';
import { figureStats, percentile, round2 } from './stats';
import { thinkingFigures } from './thinkingFigures';

/** The counters of Ollama's final chunk (nanoseconds); Ollama omits zero values, so all optional. */
export interface FinalCounters {
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  /** Prompt tokens reused from the cache (newer servers, ollama PR #17943); absent on older ones. */
  prompt_eval_cached_count?: number;
  eval_count?: number;
  eval_duration?: number;
  done_reason?: string;
}

/** What the client saw of one streamed request, on a monotonic clock in milliseconds. */
export interface StreamObservation {
  /** Taken before the request was sent (the client's promise resolves only at the first chunk). */
  t0: number;
  /** Arrival times of the chunks that carried text or thinking (each is a token). */
  tokenTimes: number[];
  /** Arrival of the final (done) chunk. */
  tEnd: number;
  final: FinalCounters;
  output: string;
  /** Arrival times of the chunks that carried answer text (thinking left out). */
  answerTimes?: number[];
  /** How many chunks carried thinking. */
  thinkingChunks?: number;
}

const count = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** tokens / duration × 1e9; undefined when either is missing or 0 (no figure, not a zero rate). */
export function ratePerSecond(tokens: number | undefined, durationNs: number | undefined) {
  const n = count(tokens);
  const d = count(durationNs);
  return n > 0 && d > 0 ? (n / d) * 1e9 : undefined;
}

export const nsToMs = (ns: number | undefined): number => count(ns) / 1e6;

/** The raw figures of one repetition (unrounded). */
export function repetitionFigures(
  obs: StreamObservation,
  index: number,
  nonce: string,
): RepetitionFigures {
  const f = obs.final;
  const times = obs.tokenTimes;
  const gaps = times.flatMap((t, i) => {
    const before = times[i - 1];
    return before === undefined ? [] : [t - before];
  });
  const figures: RepetitionFigures = {
    index,
    nonce,
    e2e_ms: obs.tEnd - obs.t0,
    eval_count: count(f.eval_count),
    eval_duration_ns: count(f.eval_duration),
    prompt_eval_count: count(f.prompt_eval_count),
    prompt_eval_duration_ns: count(f.prompt_eval_duration),
    total_duration_ns: count(f.total_duration),
    load_duration_ns: count(f.load_duration),
  };
  const tps = ratePerSecond(f.eval_count, f.eval_duration);
  // prompt_eval_duration times only the newly processed tokens (llm/llama_server.go: prompt_ms),
  // while prompt_eval_count counts the cached ones too: the rate divides the new ones only.
  const cached = f.prompt_eval_cached_count;
  const hasCached = typeof cached === 'number' && Number.isFinite(cached) && cached >= 0;
  if (hasCached) figures.prompt_cached_tokens = cached;
  const ptps = ratePerSecond(
    hasCached ? count(f.prompt_eval_count) - cached : f.prompt_eval_count,
    f.prompt_eval_duration,
  );
  if (tps !== undefined) figures.tokens_per_second = tps;
  if (ptps !== undefined) figures.prompt_tokens_per_second = ptps;
  const first = times[0];
  const last = times.at(-1);
  if (first !== undefined) figures.ttft_ms = first - obs.t0;
  if (first !== undefined && last !== undefined && times.length > 1)
    figures.tpot_ms = (last - first) / (times.length - 1);
  if (gaps.length) {
    figures.itl_p50_ms = percentile(gaps, 0.5);
    figures.itl_p99_ms = percentile(gaps, 0.99);
  }
  if (f.done_reason) figures.done_reason = f.done_reason;
  Object.assign(figures, thinkingFigures(obs));
  return figures;
}

/** One concurrency window: k streams started together. */
export function windowFigures(
  streams: readonly StreamObservation[],
  index: number,
  nonce: string,
): RepetitionFigures {
  const start = Math.min(...streams.map((s) => s.t0));
  const end = Math.max(...streams.map((s) => s.tEnd));
  const each = streams.map((s, i) => repetitionFigures(s, i, nonce));
  const sum = (pick: (r: RepetitionFigures) => number) => each.reduce((a, r) => a + pick(r), 0);
  const defined = (pick: (r: RepetitionFigures) => number | undefined) =>
    each.map(pick).filter((v): v is number => v !== undefined);
  const wallMs = end - start;
  const evalCount = sum((r) => r.eval_count);
  const figures: RepetitionFigures = {
    index,
    nonce,
    concurrency: streams.length,
    e2e_ms: wallMs,
    eval_count: evalCount,
    eval_duration_ns: sum((r) => r.eval_duration_ns),
    prompt_eval_count: sum((r) => r.prompt_eval_count),
    prompt_eval_duration_ns: sum((r) => r.prompt_eval_duration_ns),
    total_duration_ns: sum((r) => r.total_duration_ns),
    load_duration_ns: sum((r) => r.load_duration_ns),
  };
  const cached = defined((r) => r.prompt_cached_tokens);
  if (cached.length) figures.prompt_cached_tokens = cached.reduce((a, b) => a + b, 0);
  // Aggregate throughput: every token the server produced in the window over the window's wall time.
  if (wallMs > 0 && evalCount > 0)
    figures.aggregate_tokens_per_second = evalCount / (wallMs / 1000);
  const rates = defined((r) => r.tokens_per_second);
  const promptRates = defined((r) => r.prompt_tokens_per_second);
  const ttfts = defined((r) => r.ttft_ms);
  const tpots = defined((r) => r.tpot_ms);
  // Per stream, what one user sees under load: mean rate, median latencies.
  if (rates.length) figures.tokens_per_second = rates.reduce((a, b) => a + b, 0) / rates.length;
  if (promptRates.length)
    figures.prompt_tokens_per_second = promptRates.reduce((a, b) => a + b, 0) / promptRates.length;
  if (ttfts.length) figures.ttft_ms = percentile(ttfts, 0.5);
  if (tpots.length) figures.tpot_ms = percentile(tpots, 0.5);
  const reasons = [...new Set(each.map((r) => r.done_reason).filter(Boolean))];
  if (reasons.length) figures.done_reason = reasons.join(',');
  return figures;
}

/** The figures summarised over the repetitions of a test (stats keys name the figure). */
export const STAT_FIGURES = [
  'tokens_per_second',
  'prompt_tokens_per_second',
  'ttft_ms',
  'tpot_ms',
  'e2e_ms',
  'itl_p50_ms',
  'itl_p99_ms',
  'aggregate_tokens_per_second',
  'ttfa_ms',
  'thinking_tokens',
  'answer_tokens_per_second',
] as const;

/** stats.<figure> over repetitions, plus inference_time (total_duration in ms). */
export function repetitionStats(reps: readonly RepetitionFigures[]): Record<string, FigureStats> {
  const stats: Record<string, FigureStats> = {};
  const put = (key: string, values: number[]) => {
    const s = figureStats(values);
    if (s) stats[key] = s;
  };
  for (const key of STAT_FIGURES) {
    put(
      key,
      reps.map((r) => r[key]).filter((v): v is number => v !== undefined),
    );
  }
  put(
    'inference_time',
    reps.filter((r) => r.total_duration_ns > 0).map((r) => nsToMs(r.total_duration_ns)),
  );
  return stats;
}

/**
 * Latency percentiles under load, per concurrency level: `k<k>_<figure>` over every stream of
 * every window at that level (e.g. k4_ttft_ms.p99), and the aggregate rate over the windows.
 */
export function concurrencyStats(
  windows: readonly {
    concurrency: number;
    streams: readonly RepetitionFigures[];
    window: RepetitionFigures;
  }[],
): Record<string, FigureStats> {
  const stats: Record<string, FigureStats> = {};
  const levels = [...new Set(windows.map((w) => w.concurrency))];
  for (const k of levels) {
    const at = windows.filter((w) => w.concurrency === k);
    const streams = at.flatMap((w) => w.streams);
    const put = (key: string, values: (number | undefined)[]) => {
      const s = figureStats(values.filter((v): v is number => v !== undefined));
      if (s) stats[`k${k}_${key}`] = s;
    };
    put(
      'aggregate_tokens_per_second',
      at.map((w) => w.window.aggregate_tokens_per_second),
    );
    put(
      'tokens_per_second',
      streams.map((r) => r.tokens_per_second),
    );
    put(
      'ttft_ms',
      streams.map((r) => r.ttft_ms),
    );
    put(
      'tpot_ms',
      streams.map((r) => r.tpot_ms),
    );
    put(
      'e2e_ms',
      streams.map((r) => r.e2e_ms),
    );
  }
  return stats;
}

/**
 * The summary kept in the session document: means of the rates, medians (p50) of the latencies,
 * rounded to 2 decimals so every view and export shows the same number; stats and repetitions
 * (test_results) keep the unrounded values.
 */
export function summaryMetrics(
  stats: Record<string, FigureStats>,
  extra: { load_time_ms?: number; load_wall_ms?: number; flags: TestMetrics['flags'] },
): TestMetrics {
  const metrics: TestMetrics = { flags: extra.flags };
  const set = (
    key: Exclude<
      keyof TestMetrics,
      'flags' | 'ci95' | 'thinking_tokens_estimated' | 'target_ci_reached' | keyof WorkloadMetrics
    >,
    value: number | undefined,
  ) => {
    if (value !== undefined && Number.isFinite(value)) metrics[key] = round2(value);
  };
  set('tokens_per_second', stats.tokens_per_second?.mean);
  set('prompt_tokens_per_second', stats.prompt_tokens_per_second?.mean);
  set('ttft_ms', stats.ttft_ms?.p50);
  set('tpot_ms', stats.tpot_ms?.p50);
  set('e2e_ms', stats.e2e_ms?.p50);
  set('inference_time', stats.inference_time?.mean);
  set('aggregate_tokens_per_second', stats.aggregate_tokens_per_second?.max);
  set('load_time', extra.load_time_ms);
  const ci95: NonNullable<TestMetrics['ci95']> = {};
  for (const figure of [
    'tokens_per_second',
    'prompt_tokens_per_second',
    'inference_time',
  ] as const) {
    const ci = stats[figure]?.ci95;
    if (ci) ci95[figure] = [round2(ci[0]), round2(ci[1])];
  }
  if (Object.keys(ci95).length) metrics.ci95 = ci95;
  set('load_wall_ms', extra.load_wall_ms);
  return metrics;
}
