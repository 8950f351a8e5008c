// A worker: takes configs off a plan's queue one at a time and runs each through the ordinary
// runner, until none is left, N are done, or it is stopped. Many workers, on one machine or many,
// share a queue with nothing between them but the store's atomic steps (planRepository.ts).
//
// - Before every claim it sweeps stale claims (a worker that died), so a plan never waits on a
//   machine that is gone.
// - While a config runs, a heartbeat keeps its claim fresh; a heartbeat that finds the claim no
//   longer its own (swept as stale) stops the run, so a config is never run twice at once.
// - Ollama unreachable is not the config's fault: the claim goes back untouched (no retry
//   counted), the worker waits with growing pauses and says so, and tries again.
// - Stopped (SIGINT, Stop Worker): the running session is saved as cancelled by the runner and
//   its config goes back to pending for the next worker.
import type { SessionDoc, SuiteDefinition } from '../../shared/dto';
import type { BenchEvent } from '../../shared/events';
import type { BenchmarkConfig, ClaimedBy } from '../../shared/plans';
import { runSession, type RunnerDeps } from '../bench/runner';
import type { RunOptionsInput } from '../bench/runOptions';
import type { RunStore } from '../store/runStore';
import { isEvalSuite } from '../quality/evalSuites';
import { runEvalConfig } from '../quality/evalConfigRun';
import type { EvaluationRepository } from '../quality/evaluationRepository';
import { startClaimHeartbeat } from './claimHeartbeat';
import { configSessionRequest } from './configSession';
import { PlanLinkedRunStore } from './planLinkedRunStore';
import {
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_STALE_AFTER_MS,
  type PlanRepository,
  type StaleReport,
} from './planRepository';

/** Pauses while Ollama cannot be reached: 1 s, 2 s, 5 s, 10 s, then every 30 s. */
export const DEFAULT_BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;
/** With an idle timeout, how often an idle worker looks for new configs. */
const IDLE_POLL_MS = 1_000;

export type WorkerEvent =
  | { type: 'claimed'; config: BenchmarkConfig }
  | {
      type: 'finished';
      config: BenchmarkConfig;
      status: 'completed' | 'failed';
      session_id?: string;
      error?: string;
    }
  | { type: 'put-back'; config: BenchmarkConfig; reason: string }
  | { type: 'claim-lost'; config: BenchmarkConfig }
  | { type: 'ollama-unreachable'; host: string; retry_in_ms: number }
  | { type: 'stale-reset'; report: StaleReport }
  | { type: 'idle' };

export interface WorkerOptions {
  plans: PlanRepository;
  /** Where runs write (the CLI passes a JournalingRunStore). */
  runStore: RunStore;
  listSuites(): Promise<SuiteDefinition[]>;
  host: string;
  worker: ClaimedBy;
  /** Only this plan's configs. */
  planId?: string;
  /** Stop after this many finished configs. */
  max?: number;
  /** Wait this long for new configs when none is pending (ms); default: stop at once. */
  idleExitMs?: number;
  heartbeatMs?: number;
  staleAfterMs?: number;
  backoffMs?: readonly number[];
  signal?: AbortSignal;
  /** Where eval suites' results go (model_evaluations); without it an eval config fails. */
  evaluations?: EvaluationRepository;
  /** Runner settings passed through (hardware monitor, client options). */
  runner?: Pick<RunnerDeps, 'monitor' | 'clientOptions'>;
  /** Run options for every config (the timeouts); a config's own values win (configSession.ts). */
  runOptions?: RunOptionsInput;
  samplingIntervalMs?: number;
  /** Whether Ollama answers now (default: GET /api/version within 3 s). */
  reachable?: () => Promise<boolean>;
  /** The runner's events, as a normal run sends them (live panel, progress). */
  onBenchEvent?: (event: BenchEvent) => void;
  onEvent?: (event: WorkerEvent) => void;
}

export interface WorkerSummary {
  completed: number;
  failed: number;
  putBack: number;
  /** Ended by its signal. */
  stopped: boolean;
}

/** Errors that say Ollama went away rather than that the config is bad. */
const UNREACHABLE =
  /is not running at|connection to Ollama at .* was cut|ended the stream without finishing|stopped answering|did not answer in time/i;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function ollamaAnswers(host: string, timeoutMs = 3_000): Promise<boolean> {
  try {
    const res = await fetch(new URL('/api/version', host), {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/** The first error a session recorded: the model's, a test's, or the session's own. */
export function sessionFailure(session: SessionDoc): string {
  for (const m of session.models) {
    if (m.error) return m.error;
    for (const t of m.tests) if (t.error) return t.error;
  }
  return session.error ?? `session ended ${session.status}`;
}

const resultIds = (s: SessionDoc) =>
  s.models.flatMap((m) => m.tests.map((t) => t.result_id)).filter((x): x is string => !!x);

export async function runWorker(opts: WorkerOptions): Promise<WorkerSummary> {
  const summary: WorkerSummary = { completed: 0, failed: 0, putBack: 0, stopped: false };
  const emit = (e: WorkerEvent) => {
    try {
      opts.onEvent?.(e);
    } catch {
      // a listener's failure must not stop the worker
    }
  };
  const reachable = opts.reachable ?? (() => ollamaAnswers(opts.host));
  const backoff = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  const staleAfterMs = opts.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const aborted = () => opts.signal?.aborted ?? false;
  let unreachableRound = 0;
  let idleSince: number | undefined;

  while (!aborted() && (opts.max === undefined || summary.completed + summary.failed < opts.max)) {
    const stale = await opts.plans.resetStale(staleAfterMs);
    if (stale.reset || stale.failed) emit({ type: 'stale-reset', report: stale });

    if (!(await reachable())) {
      const delay = backoff[Math.min(unreachableRound++, backoff.length - 1)] ?? 1_000;
      emit({ type: 'ollama-unreachable', host: opts.host, retry_in_ms: delay });
      await sleep(delay, opts.signal);
      continue;
    }
    unreachableRound = 0;

    const config = await opts.plans.claim({ worker: opts.worker, planId: opts.planId });
    if (!config) {
      if (!opts.idleExitMs) break;
      idleSince ??= Date.now();
      const left = opts.idleExitMs - (Date.now() - idleSince);
      if (left <= 0) break;
      emit({ type: 'idle' });
      await sleep(Math.min(IDLE_POLL_MS, left), opts.signal);
      continue;
    }
    idleSince = undefined;
    emit({ type: 'claimed', config });
    const outcome = await runConfig(config, opts, reachable, emit);
    if (outcome === 'completed') summary.completed++;
    else if (outcome === 'failed') summary.failed++;
    else if (outcome === 'put-back') summary.putBack++;
  }
  summary.stopped = aborted();
  return summary;
}

export type Outcome = 'completed' | 'failed' | 'put-back' | 'lost';

async function runConfig(
  config: BenchmarkConfig,
  opts: WorkerOptions,
  reachable: () => Promise<boolean>,
  emit: (e: WorkerEvent) => void,
): Promise<Outcome> {
  const workerId = opts.worker.worker_id;
  const stored = await opts.plans.completeFromStoredSession(config._id, workerId);
  if (stored) {
    emit({ type: 'finished', config, status: 'completed', session_id: stored });
    return 'completed';
  }
  const run = new AbortController();
  const stop = () => run.abort();
  opts.signal?.addEventListener('abort', stop, { once: true });
  const beat = startClaimHeartbeat(
    opts.plans,
    config._id,
    workerId,
    stop,
    opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
  );
  // An eval suite scores the model on a set: a model evaluation, not a session.
  if (isEvalSuite(config.suite)) {
    try {
      return await runEvalConfig(
        config,
        opts,
        { signal: run.signal, lost: beat.lost, reachable },
        emit,
      );
    } finally {
      beat.stop();
      opts.signal?.removeEventListener('abort', stop);
    }
  }

  const linked = new PlanLinkedRunStore(
    opts.runStore,
    { config_id: config._id, plan_id: config.plan_id },
    (sessionId) => opts.plans.linkSession(config._id, workerId, sessionId),
  );
  let session: SessionDoc | undefined;
  let thrown: string | undefined;
  try {
    const request = configSessionRequest(config, await opts.listSuites(), {
      runOptions: opts.runOptions,
      samplingIntervalMs: opts.samplingIntervalMs,
    });
    session = await runSession(request, {
      ...opts.runner,
      store: linked,
      host: opts.host,
      signal: run.signal,
      onEvent: opts.onBenchEvent,
    });
  } catch (err) {
    thrown = err instanceof Error ? err.message : String(err);
  } finally {
    beat.stop();
    opts.signal?.removeEventListener('abort', stop);
  }

  if (beat.lost()) return claimLost(config, emit);
  if (opts.signal?.aborted) {
    const reason = 'the worker was stopped; the config waits for the next worker';
    await opts.plans.putBack(config._id, workerId);
    emit({ type: 'put-back', config, reason });
    return 'put-back';
  }
  const sessionId = session?._id ?? linked.sessionId;
  if (session?.status === 'completed') {
    if (sessionId === undefined)
      throw new Error(`Config ${config._id}: its completed session was stored without an id.`);
    const mine = await opts.plans.complete(config._id, workerId, {
      sessionId,
      resultIds: resultIds(session),
    });
    if (!mine) return claimLost(config, emit);
    emit({ type: 'finished', config, status: 'completed', session_id: sessionId });
    return 'completed';
  }
  const error =
    thrown ?? (session ? sessionFailure(session) : 'the session ended without a result');
  if (UNREACHABLE.test(error) || !(await reachable())) {
    // Ollama went away (restart, crash): not the config's fault, and not a retry spent.
    const reason = `Ollama at ${opts.host} could not be reached (${error}); the config goes back to the queue`;
    await opts.plans.putBack(config._id, workerId);
    emit({ type: 'put-back', config, reason });
    return 'put-back';
  }
  const mine = await opts.plans.fail(
    config._id,
    workerId,
    error,
    sessionId && session ? { sessionId, resultIds: resultIds(session) } : undefined,
  );
  if (!mine) return claimLost(config, emit);
  emit({ type: 'finished', config, status: 'failed', session_id: sessionId, error });
  return 'failed';
}

/** The claim was swept as stale while this worker still ran it: its outcome is not recorded. */
function claimLost(config: BenchmarkConfig, emit: (e: WorkerEvent) => void): Outcome {
  emit({ type: 'claim-lost', config });
  return 'lost';
}
