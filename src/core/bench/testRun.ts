// One test of one model: reload if the suite runs at another num_ctx than the one loaded, the measured repetitions
// (each stored before it is announced), then the result. An error ends the test, not the session:
// what it measured is kept, and the failure is returned so the runner can tell whether Ollama is
// gone altogether.
import type { RepetitionFigures, RunConditions, SessionModel, SessionTest } from '../../shared/dto';
import { samplesInWindow } from '../hardware/windowSummary';
import { toOllamaError, type OllamaError } from '../ollama/ollamaErrors';
import { embedRequest } from './embedRequest';
import { generateRequest } from './generation';
import { withSuiteImage } from './visionRequest';
import type { ModelLifecycle, ModelState } from './modelLifecycle';
import { runRepetitions } from './repetitionLoop';
import { repetitionLine } from './repetitionLine';
import type { RunSuite } from './runOptions';
import type { SessionContext } from './sessionContext';
import { plannedRepetitions } from './suites';
import { buildTestResult, emptyProgress, type TestOutcome, type TestProgress } from './testResult';

export interface TestTarget {
  model: SessionModel;
  test: SessionTest;
  suite: RunSuite;
  state: ModelState;
}

/** Runs the test; resolves to its Ollama failure, if it had one. */
export async function runTest(
  ctx: SessionContext,
  lifecycle: ModelLifecycle,
  target: TestTarget,
): Promise<OllamaError | undefined> {
  const { model, test, suite, state } = target;
  const name = model.name;
  const where = { model: name, test };
  // With a CI target the cap is the plan; the test may stop sooner.
  const planned = plannedRepetitions(
    suite,
    ctx.options.adaptive?.max ?? ctx.repetitions,
    ctx.options.workload,
  );
  const progress = emptyProgress(ctx.t());
  let failure: OllamaError | undefined;
  test.status = 'running';
  test.start_time = ctx.now().toISOString();
  ctx.emit({
    type: 'test-started',
    model: name,
    test: test.type,
    repetitions: ctx.repetitions,
    planned,
    t: ctx.t(),
  });
  await ctx.save();
  try {
    const { num_ctx } = suite.options;
    if (state.loadedCtx !== num_ctx) {
      const ms = await lifecycle.reload(model, num_ctx, state);
      ctx.log(
        'info',
        `${name}: reloaded with num_ctx ${num_ctx} (${ms.toFixed(0)} ms, not measured).`,
        where,
      );
    }
    await runRepetitions(suite, ctx.repetitions, progress, {
      clientFor: ctx.clientFor,
      clock: ctx.clock,
      wallClock: () => ctx.t(),
      timeouts: ctx.options.timeouts,
      signal: ctx.deps.signal,
      nonce: ctx.nonce,
      adaptive: ctx.options.adaptive,
      retry: (fn) => ctx.retry(fn, name, test),
      request: (prompt, nonce) =>
        withSuiteImage(
          generateRequest(name, prompt, nonce, suite.options, ctx.options.keep_alive),
          suite.kind,
        ),
      workload: ctx.options.workload,
      log: (message) => ctx.log('info', `${name} · ${test.type}: ${message}`, where),
      embedRequest: (inputs) =>
        embedRequest(name, inputs, ctx.options.keep_alive, suite.options.num_ctx),
      // Stored first, then announced: a repetition a user saw finish is on disk.
      onRepetition: async (figures) => {
        await saveProgress(ctx, target, progress);
        repetitionDone(ctx, name, test, figures, progress.reps.length, planned);
      },
    });
    test.status = 'completed';
  } catch (err) {
    failure = testFailed(ctx, name, test, err, progress.reps.length, planned);
  }
  test.end_time = ctx.now().toISOString();
  await recordResult(ctx, target, progress);
  await ctx.save();
  ctx.testEnded(name, test);
  return failure;
}

function testFailed(
  ctx: SessionContext,
  model: string,
  test: SessionTest,
  err: unknown,
  done: number,
  planned: number,
): OllamaError | undefined {
  const where = { model, test };
  if (ctx.aborted) {
    test.status = 'cancelled';
    test.error = `Cancelled after ${done} of ${planned} repetitions (those are kept).`;
    ctx.log('warn', `${model} · ${test.type}: ${test.error}`, where);
    return undefined;
  }
  const error = toOllamaError(err, ctx.deps.host, model);
  test.status = 'error';
  test.error = done
    ? `${error.message} (after ${done} of ${planned} repetitions; those are kept)`
    : error.message;
  ctx.log('error', `${model} · ${test.type}: ${test.error}`, where);
  return error;
}

function repetitionDone(
  ctx: SessionContext,
  model: string,
  test: SessionTest,
  figures: RepetitionFigures,
  done: number,
  planned: number,
): void {
  ctx.emit({ type: 'repetition-done', model, test: test.type, figures, done, planned, t: ctx.t() });
  ctx.log('info', repetitionLine(model, test.type, figures, done, planned), { model, test });
}

/**
 * After every repetition: the session document gets the test's figures so far and the raw
 * figures of its finished repetitions, so a crash or a kill loses at most the one in progress.
 */
async function saveProgress(
  ctx: SessionContext,
  target: TestTarget,
  progress: TestProgress,
): Promise<void> {
  const { metrics } = buildTestResult(progress, outcome(ctx, target, progress));
  target.test.metrics = metrics;
  target.test.partial_repetitions = [...progress.reps];
  await ctx.save();
}

async function recordResult(
  ctx: SessionContext,
  target: TestTarget,
  progress: TestProgress,
): Promise<void> {
  const { metrics, result } = buildTestResult(progress, outcome(ctx, target, progress));
  const { test } = target;
  test.metrics = metrics;
  test.result_id = await ctx.deps.store.insertTestResult(result);
  // The result holds every repetition now; the session keeps only the summary.
  delete test.partial_repetitions;
}

function outcome(ctx: SessionContext, target: TestTarget, progress: TestProgress): TestOutcome {
  const { model, test, suite, state } = target;
  return {
    sessionId: ctx.session._id,
    modelId: model.model_id,
    modelName: model.name,
    testType: test.type,
    status: test.status,
    error: test.error,
    logs: test.logs,
    suite,
    loadTimeMs: state.loadTimeMs,
    loadWallMs: state.loadWallMs,
    cpuSpill: state.cpuSpill,
    loadedContextLength: state.loadedContextLength,
    family: state.family,
    numParallel: serverNumParallel(ctx.session.conditions),
    samples: samplesInWindow(ctx.samples, progress.windowStart, ctx.t()),
    createdAt: ctx.now().toISOString(),
  };
}

/** OLLAMA_NUM_PARALLEL as the server's own environment says; this process's is no evidence. */
function serverNumParallel(c: RunConditions | undefined): string | undefined {
  return c?.ollama_env_source === 'server' ? c.ollama_env?.OLLAMA_NUM_PARALLEL : undefined;
}
