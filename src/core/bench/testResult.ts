// What a test leaves behind: its summary figures (in the session document) and its full result
// (test_results: every repetition, the statistics, the hardware series). Pure: the runner passes
// what it measured and stores what comes back.
import type {
  HardwareSample,
  RepetitionFigures,
  SuiteDefinition,
  TestMetrics,
  TestResultDoc,
  TestStatus,
} from '../../shared/dto';
import type { WorkloadMetrics } from '../../shared/workloadTypes';
import { decodeEnergy, type TimeWindow } from '../hardware/energy';
import { summarizeEvidence } from '../hardware/evidenceSummary';
import { seriesOf, summarizeWindow } from '../hardware/windowSummary';
import { conditionFlags, meanCachedTokens } from './conditionFlags';
import { machineFlags } from './machineFlags';
import { concurrencyStats, repetitionStats, summaryMetrics } from './metrics';
import { round2 } from './stats';
import { thinkingSummary } from './thinkingFigures';
import { embeddingStats, embeddingSummary } from './embeddingFigures';
import { validityFlags } from './validity';

/** What a test measured so far; grows by one repetition (or concurrency window) at a time. */
export interface TestProgress {
  reps: RepetitionFigures[];
  /** Concurrency suites: every stream of every window. */
  streams: RepetitionFigures[];
  windows: { concurrency: number; streams: RepetitionFigures[]; window: RepetitionFigures }[];
  output: string;
  /** Wall-clock ms when the test started (its hardware window). */
  windowStart: number;
  /** When tokens were being generated (wall-clock ms), and how many: the energy's window. */
  decode: { window: TimeWindow; tokens: number }[];
  /** With a CI target, once the test's repetitions ended: whether the target was reached. */
  targetCiReached?: boolean;
  /** Depth, prefix and rate suites: their levels and figures so far (src/core/workloads/). */
  workload?: WorkloadMetrics;
}

export const emptyProgress = (windowStart: number): TestProgress => ({
  reps: [],
  streams: [],
  windows: [],
  output: '',
  windowStart,
  decode: [],
});

export interface TestOutcome {
  sessionId: string;
  modelId?: string;
  modelName: string;
  testType: string;
  status: TestStatus;
  error?: string;
  logs: readonly string[];
  suite: SuiteDefinition;
  loadTimeMs?: number;
  loadWallMs?: number;
  cpuSpill: boolean;
  /** /api/ps context_length after the test's load; the model's family; the server's OLLAMA_NUM_PARALLEL. */
  loadedContextLength?: number;
  family?: string;
  numParallel?: string;
  /** Hardware samples of the test's window. */
  samples: readonly HardwareSample[];
  createdAt: string;
}

export function buildTestResult(
  progress: TestProgress,
  outcome: TestOutcome,
): { metrics: TestMetrics; result: TestResultDoc } {
  const { suite } = outcome;
  const stats = {
    ...repetitionStats(progress.reps),
    ...(suite.kind === 'concurrency' ? concurrencyStats(progress.windows) : {}),
    ...(suite.kind === 'embedding' ? embeddingStats(progress.reps) : {}),
  };
  const conditions = conditionFlags({
    kind: suite.kind,
    windows: progress.windows,
    stats,
    askedNumCtx: suite.options.num_ctx,
    loadedContextLength: outcome.loadedContextLength,
    family: outcome.family,
    numParallel: outcome.numParallel,
  });
  const flags = [
    ...validityFlags({
      kind: suite.kind,
      stats,
      repetitions: suite.kind === 'concurrency' ? progress.streams : progress.reps,
      numPredict: suite.options.num_predict,
      cpuSpill: outcome.cpuSpill,
    }),
    ...conditions.flags,
    ...machineFlags(outcome.samples),
  ];
  const metrics = summaryMetrics(stats, {
    load_time_ms: outcome.loadTimeMs,
    load_wall_ms: outcome.loadWallMs,
    flags,
  });
  const ollamaFigures = {
    ...(Object.keys(conditions.reasons).length ? { flag_reasons: conditions.reasons } : {}),
    ...(outcome.loadedContextLength !== undefined
      ? { loaded_context_length: outcome.loadedContextLength }
      : {}),
    ...optional(
      'prompt_cached_tokens',
      meanCachedTokens(suite.kind === 'concurrency' ? progress.streams : progress.reps),
    ),
  };
  Object.assign(metrics, ollamaFigures);
  if (suite.kind === 'concurrency') {
    // The best concurrency level by its mean aggregate, not one lucky window.
    const best = Math.max(
      ...Object.entries(stats)
        .filter(([k]) => /^k\d+_aggregate_tokens_per_second$/.test(k))
        .map(([, s]) => s.mean),
    );
    if (Number.isFinite(best)) metrics.aggregate_tokens_per_second = round2(best);
  }
  Object.assign(metrics, thinkingSummary(stats, progress.reps));
  if (suite.kind === 'embedding') Object.assign(metrics, embeddingSummary(stats));
  if (progress.workload) Object.assign(metrics, progress.workload);
  if (progress.targetCiReached !== undefined) {
    // Per concurrency level (or batch size) the repetitions are its windows (or requests); the
    // busiest level is the count.
    const levels = progress.windows.length
      ? progress.windows.map((w) => w.concurrency)
      : progress.reps.flatMap((r) => (r.batch_size !== undefined ? [r.batch_size] : []));
    metrics.repetitions_run = levels.length
      ? Math.max(...levels.map((k) => levels.filter((x) => x === k).length))
      : progress.reps.length;
    metrics.target_ci_reached = progress.targetCiReached;
  }
  Object.assign(metrics, summarizeWindow(outcome.samples), summarizeEvidence(outcome.samples));
  Object.assign(
    metrics,
    decodeEnergy(
      outcome.samples,
      progress.decode.map((d) => d.window),
      progress.decode.reduce((sum, d) => sum + d.tokens, 0),
    ),
  );
  const result: TestResultDoc = {
    session_id: outcome.sessionId,
    ...(outcome.modelId ? { model_id: outcome.modelId } : {}),
    model_name: outcome.modelName,
    test_type: outcome.testType,
    status: outcome.status,
    metrics: {
      ...(stats.inference_time ? { inference_time: stats.inference_time.mean } : {}),
      ...(stats.tokens_per_second ? { tokens_per_second: stats.tokens_per_second.mean } : {}),
      ...(stats.prompt_tokens_per_second
        ? { prompt_tokens_per_second: stats.prompt_tokens_per_second.mean }
        : {}),
      ...(stats.ttft_ms ? { ttft_ms: stats.ttft_ms.p50 } : {}),
      ...(stats.tpot_ms ? { tpot_ms: stats.tpot_ms.p50 } : {}),
      ...(stats.e2e_ms ? { e2e_ms: stats.e2e_ms.p50 } : {}),
      ...(outcome.loadTimeMs !== undefined ? { load_time: outcome.loadTimeMs } : {}),
      ...(outcome.loadWallMs !== undefined ? { load_wall_ms: outcome.loadWallMs } : {}),
      ...seriesOf(outcome.samples),
      stats,
      repetitions: progress.reps,
      flags,
      ...ollamaFigures,
      ...progress.workload,
    },
    output: progress.output,
    logs: [...outcome.logs],
    ...(outcome.error ? { error: outcome.error } : {}),
    ...(outcome.samples.length ? { samples: [...outcome.samples] } : {}),
    created_at: outcome.createdAt,
  };
  return { metrics, result };
}

const optional = <K extends string>(key: K, value: number | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, number>>;
