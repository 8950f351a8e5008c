// The session document a run writes: how it starts (the exact options it will run with) and the
// rules for its final status. Kept apart from the runner so the rules read in one place.
import { WORKLOAD_KINDS, workloadSettings } from '../workloads/workloadSettings';
import { hostname } from 'node:os';
import type {
  RunOptions as StoredRunOptions,
  SessionDoc,
  SessionModel,
  SessionTest,
} from '../../shared/dto';
import type { RunOptions, RunSuite } from './runOptions';
import { DEFAULT_BATCHES } from './suites';

export interface SessionPlan {
  models: readonly string[];
  /** The suites with their request options already resolved (runOptions.ts). */
  suites: readonly RunSuite[];
  repetitions: number;
  tags: readonly string[];
  host: string;
  options: RunOptions;
  /** Set when hardware is sampled. */
  samplingIntervalMs?: number;
}

/** The options recorded with the session: what every request of every suite was sent with. */
export function storedRunOptions(plan: SessionPlan): StoredRunOptions {
  const o = plan.options;
  return {
    host: plan.host,
    suites: plan.suites.map((x) => x.name),
    repetitions: plan.repetitions,
    warmup: true,
    num_ctx: o.num_ctx,
    seed: o.seed,
    temperature: o.temperature,
    keep_alive: o.keep_alive,
    sampling_interval_ms: plan.samplingIntervalMs,
    think: o.think,
    ...(o.adaptive
      ? { target_ci_percent: o.adaptive.targetCiPercent, max_repetitions: o.adaptive.max }
      : {}),
    ...(o.model_options ? { model_options: { ...o.model_options } } : {}),
    ...(o.tune_id !== undefined ? { tune_id: o.tune_id } : {}),
    suite_options: Object.fromEntries(plan.suites.map((x) => [x.name, { ...x.options }])),
    ...(plan.suites.some((x) => WORKLOAD_KINDS.includes(x.kind))
      ? { workload: workloadSettings(o.workload) }
      : {}),
    suite_concurrency: Object.fromEntries(
      plan.suites
        .filter((x) => x.kind === 'concurrency')
        .map((x) => [x.name, x.concurrency ?? [1]]),
    ),
    ...(plan.suites.some((x) => x.kind === 'embedding')
      ? {
          suite_batches: Object.fromEntries(
            plan.suites
              .filter((x) => x.kind === 'embedding')
              .map((x) => [x.name, x.batches ?? DEFAULT_BATCHES]),
          ),
        }
      : {}),
  };
}

/** A new session: running, every test pending, the runner's process recorded (see interruptedSessions). */
export function newSession(plan: SessionPlan, at: string): SessionDoc {
  return {
    status: 'running',
    start_time: at,
    models: plan.models.map((name): SessionModel => ({
      name,
      tests: plan.suites.map((s): SessionTest => ({
        type: s.name,
        status: 'pending',
        metrics: { flags: [] },
        logs: [],
      })),
    })),
    tags: [...new Set(plan.tags)],
    options: storedRunOptions(plan),
    runner: { hostname: hostname(), pid: process.pid },
    created_at: at,
    updated_at: at,
  };
}

/**
 * The final status: tests that never ran become `cancelled`; a session that already failed as a
 * whole stays `error`; else `cancelled` when it was aborted, `error` when any test errored (with
 * the distinct reasons), `completed` otherwise.
 */
export function finishSession(session: SessionDoc, aborted: boolean, at: string): void {
  const tests = session.models.flatMap((m) => m.tests);
  for (const test of tests) {
    if (test.status === 'pending' || test.status === 'running') test.status = 'cancelled';
  }
  session.end_time = at;
  if (session.status === 'error') return;
  if (aborted) {
    session.status = 'cancelled';
    return;
  }
  const failed = tests.filter((t) => t.status === 'error');
  session.status = failed.length ? 'error' : 'completed';
  if (failed.length) {
    session.error = `${failed.length} of ${tests.length} tests failed: ${[...new Set(failed.map((t) => t.error))].join('; ')}`;
  }
}
