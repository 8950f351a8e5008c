// A benchmark session: for each model in order, a cold load, one warm-up, then each suite's
// repetitions. The pieces live beside this file: the session document and its final status
// (sessionDocument.ts), what happens to a model around its tests (modelLifecycle.ts), the measured
// loop (repetitionLoop.ts) and what a test leaves behind (testResult.ts). docs/ARCHITECTURE.md
// walks through one run.
//
// - The session document is written when the session starts and again whenever a test starts or
//   ends, so a crash loses at most the test in progress; cancellation aborts the stream in flight
//   and keeps every finished repetition.
// - A 503 (busy) is retried with growing pauses; any other error ends the test (`error`), keeps
//   its finished repetitions, and the session goes on with the next test or model.
import { performance } from 'node:perf_hooks';
import type { Ollama } from 'ollama';
import type {
  HardwareSample,
  ModelInfo,
  RepetitionFigures,
  SessionDoc,
  SessionModel,
  SessionTest,
  SuiteDefinition,
} from '../../shared/dto';
import type { BenchEvent, LogLevel } from '../../shared/events';
import type { HardwareMonitor, SamplingHandle } from '../hardware/hardwareMonitor';
import { SAMPLING_INTERVAL_DEFAULT_MS } from '../hardware/samplingInterval';
import { samplesInWindow } from '../hardware/windowSummary';
import type { OllamaClientOptions } from '../ollama/ollamaClient';
import { toOllamaError } from '../ollama/ollamaErrors';
import type { RunStore } from '../store/runStore';
import {
  DEFAULT_STREAM_TIMEOUTS,
  generateRequest,
  randomNonce,
  type ClientForRequest,
  type SessionSettings,
  type StreamTimeouts,
} from './generation';
import { ModelLifecycle, type ModelState } from './modelLifecycle';
import { runRepetitions } from './repetitionLoop';
import { repetitionLine } from './repetitionLine';
import { withBusyRetry, type Sleep } from './retry';
import { sessionClients } from './sessionClient';
import { finishSession, newSession, type SessionPlan } from './sessionDocument';
import { coldLoadText } from './progressText';
import {
  DEFAULT_KEEP_ALIVE,
  DEFAULT_NUM_CTX,
  DEFAULT_REPETITIONS,
  DEFAULT_SEED,
  plannedRepetitions,
} from './suites';
import { buildTestResult, emptyProgress, type TestOutcome, type TestProgress } from './testResult';

export { STREAM_HEADERS_TIMEOUT_MS } from './sessionClient';

export interface SessionRequest {
  models: string[];
  /** Resolved suites, in the order they run (see resolveSuites). */
  suites: SuiteDefinition[];
  repetitions?: number;
  tags?: string[];
  numCtx?: number;
  seed?: number;
  keepAlive?: string;
  samplingIntervalMs?: number;
}

export interface RunnerDeps {
  /** Where the run writes; wrap it in a JournalingRunStore so a refused write loses nothing. */
  store: RunStore;
  /** Ollama's base URL (parsed). */
  host: string;
  /** A client to use instead of the runner's own (then only it.abort() cancels a stream). */
  client?: Ollama;
  /** Options for the runner's own client (headers timeout, a test fetch). */
  clientOptions?: OllamaClientOptions;
  /** How long a request may stay silent (first chunk, between chunks). */
  timeouts?: Partial<StreamTimeouts>;
  monitor?: HardwareMonitor;
  /** Monotonic milliseconds for request timing. Default performance.now. */
  clock?: () => number;
  /** Wall-clock time for documents, events and hardware windows. */
  now?: () => Date;
  signal?: AbortSignal;
  onEvent?: (event: BenchEvent) => void;
  log?: (level: LogLevel, message: string) => void;
  /** Pauses before retrying a busy (503) answer. Default 1 s, 3 s, 9 s. */
  retryDelaysMs?: readonly number[];
  sleep?: Sleep;
  nonce?: () => string;
}

/** Runs a session to its end (or cancellation) and returns the stored session document. */
export async function runSession(request: SessionRequest, deps: RunnerDeps): Promise<SessionDoc> {
  return new SessionRun(request, deps).run();
}

class SessionRun {
  private readonly clock: () => number;
  private readonly now: () => Date;
  private readonly settings: SessionSettings;
  private readonly repetitions: number;
  private readonly samples: HardwareSample[] = [];
  private readonly session: SessionDoc & { _id: string };
  private readonly nonce: () => string;
  private readonly clientFor: ClientForRequest;
  private readonly timeouts: StreamTimeouts;
  private readonly lifecycle: ModelLifecycle;
  /** From the inventory: whether this machine has a GPU (undefined without an inventory). */
  private hasGpu: boolean | undefined;

  constructor(
    private readonly request: SessionRequest,
    private readonly deps: RunnerDeps,
  ) {
    this.clock = deps.clock ?? (() => performance.now());
    this.now = deps.now ?? (() => new Date());
    this.nonce = deps.nonce ?? randomNonce;
    this.repetitions = request.repetitions ?? DEFAULT_REPETITIONS;
    if (!Number.isInteger(this.repetitions) || this.repetitions < 1) {
      throw new RangeError(`repetitions must be a whole number ≥ 1, not ${request.repetitions}`);
    }
    if (!request.models.length) throw new Error('No model chosen: name at least one model.');
    if (!request.suites.length) throw new Error('No test suite chosen.');
    this.settings = {
      numCtx: request.numCtx ?? DEFAULT_NUM_CTX,
      seed: request.seed ?? DEFAULT_SEED,
      temperature: 0,
      keepAlive: request.keepAlive ?? DEFAULT_KEEP_ALIVE,
    };
    const given = deps.client;
    const own = given
      ? { forRequest: () => given, cleanupClient: given }
      : sessionClients(deps.host, deps.clientOptions);
    this.clientFor = own.forRequest;
    this.timeouts = { ...DEFAULT_STREAM_TIMEOUTS, ...deps.timeouts };
    this.lifecycle = new ModelLifecycle({
      clientFor: own.forRequest,
      cleanupClient: own.cleanupClient,
      host: deps.host,
      settings: this.settings,
      timeouts: this.timeouts,
      hasGpu: () => this.hasGpu,
      signal: deps.signal,
      clock: this.clock,
      nonce: this.nonce,
      retry: (fn, model) => this.retry(fn, model),
      log: (level, message, model) => this.log(level, message, model ? { model } : undefined),
    });
    const plan: SessionPlan = {
      models: request.models,
      suites: request.suites,
      repetitions: this.repetitions,
      tags: request.tags ?? [],
      host: deps.host,
      settings: this.settings,
      samplingIntervalMs: deps.monitor ? this.samplingIntervalMs : undefined,
    };
    this.session = { _id: '', ...newSession(plan, this.now().toISOString()) };
  }

  private get samplingIntervalMs(): number {
    return this.request.samplingIntervalMs ?? SAMPLING_INTERVAL_DEFAULT_MS;
  }

  private get aborted(): boolean {
    return this.deps.signal?.aborted ?? false;
  }

  private t(): number {
    return this.now().getTime();
  }

  private emit(event: BenchEvent): void {
    try {
      this.deps.onEvent?.(event);
    } catch {
      // A listener's failure must not end a benchmark.
    }
  }

  private log(level: LogLevel, message: string, where?: { model?: string; test?: SessionTest }) {
    this.deps.log?.(level, message);
    where?.test?.logs.push(`${this.now().toISOString()} [${level}] ${message}`);
    this.emit({
      type: 'log',
      level,
      message,
      ...(where?.model ? { model: where.model } : {}),
      ...(where?.test ? { test: where.test.type } : {}),
      t: this.t(),
    });
  }

  private async save(): Promise<void> {
    this.session.updated_at = this.now().toISOString();
    await this.deps.store.updateSession(this.session);
  }

  private retry<T>(fn: () => Promise<T>, model: string, test?: SessionTest): Promise<T> {
    return withBusyRetry(fn, {
      host: this.deps.host,
      model,
      delaysMs: this.deps.retryDelaysMs,
      sleep: this.deps.sleep,
      signal: this.deps.signal,
      onRetry: (error, delay, attempt) =>
        this.log('warn', `${error.message} Retry ${attempt} in ${delay} ms.`, { model, test }),
    });
  }

  async run(): Promise<SessionDoc> {
    const { _id: _, ...fresh } = this.session;
    this.session._id = await this.deps.store.insertSession(fresh);
    this.emit({
      type: 'session-started',
      session_id: this.session._id,
      models: this.request.models,
      suites: this.session.options.suites,
      repetitions: this.repetitions,
      t: this.t(),
    });
    this.log(
      'info',
      `Session ${this.session._id}: ${this.request.models.join(', ')} × suites ${this.session.options.suites.join(', ')}, ${this.repetitions} repetitions, against ${this.deps.host}; storing in ${this.deps.store.description}.`,
    );
    let sampling: SamplingHandle | undefined;
    try {
      sampling = await this.startHardware();
      this.session.ollama_version = await this.lifecycle.ollamaVersion();
      const known = await this.lifecycle.installedModels();
      for (const model of this.session.models) {
        if (this.aborted) break;
        await this.runModel(model, known);
      }
    } catch (err) {
      // Not a test's failure (those are caught per test): the store or the runner itself failed.
      this.session.status = 'error';
      this.session.error = err instanceof Error ? err.message : String(err);
      this.log('error', `Session failed: ${this.session.error}`);
    } finally {
      await sampling?.stop().catch(() => undefined);
    }
    finishSession(this.session, this.aborted, this.now().toISOString());
    this.log('info', `Session ${this.session._id} ${this.session.status}.`);
    await this.save();
    this.emit({ type: 'session-done', session: structuredClone(this.session), t: this.t() });
    return this.session;
  }

  private async startHardware(): Promise<SamplingHandle | undefined> {
    const monitor = this.deps.monitor;
    if (!monitor) return undefined;
    try {
      const inventory = await monitor.inventory();
      this.hasGpu = inventory.gpu.length > 0;
      this.session.hardware_config_id = await this.deps.store.saveHardwareConfig(inventory);
      this.session.machine = [inventory.os.hostname, inventory.cpu.model, inventory.gpu[0]?.model]
        .filter(Boolean)
        .join(' · ');
    } catch (err) {
      this.log(
        'warn',
        `No hardware inventory: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    try {
      return await monitor.start({ intervalMs: this.samplingIntervalMs }, (sample) => {
        this.samples.push(sample);
        this.emit({ type: 'hardware-sample', sample });
      });
    } catch (err) {
      this.log(
        'warn',
        `Hardware sampling unavailable: ${err instanceof Error ? err.message : String(err)}`,
      );
      return undefined;
    }
  }

  private async runModel(model: SessionModel, known: Map<string, ModelInfo>): Promise<void> {
    const name = model.name;
    const state: ModelState = { cpuSpill: false };
    this.emit({ type: 'model-started', model: name, t: this.t() });
    try {
      await this.lifecycle.unloadForColdStart(name);
      await this.lifecycle.coldLoad(model, this.request.suites[0]!, state);
      this.emit({
        type: 'model-loaded',
        model: name,
        ...(state.loadTimeMs !== undefined ? { load_time_ms: state.loadTimeMs } : {}),
        load_wall_ms: state.loadWallMs ?? 0,
        t: this.t(),
      });
      this.log('info', `${coldLoadText(name, state.loadTimeMs, state.loadWallMs ?? 0)}.`, {
        model: name,
      });
      await this.recordModel(model, known.get(name));
    } catch (err) {
      if (this.aborted) return this.lifecycle.unload(name);
      return this.modelFailed(model, err);
    }
    try {
      for (const [i, test] of model.tests.entries()) {
        if (this.aborted) break;
        await this.runTest(model, test, this.request.suites[i]!, state);
      }
    } finally {
      await this.lifecycle.unload(name);
    }
  }

  private async recordModel(model: SessionModel, info: ModelInfo | undefined): Promise<void> {
    if (!info) return;
    model.digest = info.digest;
    try {
      model.model_id = await this.deps.store.upsertModel(info);
    } catch (err) {
      this.log(
        'warn',
        `Could not record ${model.name} in the store: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** The model could not be loaded or warmed up: every test of it errors with the reason. */
  private async modelFailed(model: SessionModel, err: unknown): Promise<void> {
    const error = toOllamaError(err, this.deps.host, model.name);
    model.error = error.message;
    this.log('error', `${model.name}: ${error.message}`, { model: model.name });
    for (const test of model.tests) {
      test.status = 'error';
      test.error = error.message;
      test.logs.push(`${this.now().toISOString()} [error] ${error.message}`);
      this.emit({
        type: 'test-done',
        model: model.name,
        test: test.type,
        status: 'error',
        metrics: test.metrics,
        error: error.message,
        t: this.t(),
      });
    }
    await this.save();
  }

  private async runTest(
    model: SessionModel,
    test: SessionTest,
    suite: SuiteDefinition,
    state: ModelState,
  ): Promise<void> {
    const name = model.name;
    const where = { model: name, test };
    const planned = plannedRepetitions(suite, this.repetitions);
    const progress = emptyProgress(this.t());
    test.status = 'running';
    test.start_time = this.now().toISOString();
    this.emit({
      type: 'test-started',
      model: name,
      test: test.type,
      repetitions: this.repetitions,
      planned,
      t: this.t(),
    });
    await this.save();
    try {
      const numCtx = suite.options.num_ctx ?? this.settings.numCtx;
      if (state.loadedCtx !== numCtx) {
        const ms = await this.lifecycle.reload(model, numCtx, state);
        this.log(
          'info',
          `${name}: reloaded with num_ctx ${numCtx} (${ms.toFixed(0)} ms, not measured).`,
          where,
        );
      }
      await runRepetitions(suite, this.repetitions, progress, {
        clientFor: this.clientFor,
        clock: this.clock,
        timeouts: this.timeouts,
        signal: this.deps.signal,
        nonce: this.nonce,
        retry: (fn) => this.retry(fn, name, test),
        request: (prompt, nonce) =>
          generateRequest(name, prompt, nonce, suite.options, this.settings),
        // Stored first, then announced: a repetition a user saw finish is on disk.
        onRepetition: async (figures) => {
          await this.saveProgress(model, test, suite, state, progress);
          this.repetitionDone(name, test, figures, progress.reps.length, planned);
        },
      });
      test.status = 'completed';
    } catch (err) {
      this.testFailed(name, test, err, progress.reps.length, planned);
    }
    test.end_time = this.now().toISOString();
    await this.recordResult(model, test, suite, state, progress);
    await this.save();
    this.emit({
      type: 'test-done',
      model: name,
      test: test.type,
      status: test.status,
      metrics: test.metrics,
      ...(test.error ? { error: test.error } : {}),
      t: this.t(),
    });
  }

  private testFailed(
    model: string,
    test: SessionTest,
    err: unknown,
    done: number,
    planned: number,
  ): void {
    const where = { model, test };
    if (this.aborted) {
      test.status = 'cancelled';
      test.error = `Cancelled after ${done} of ${planned} repetitions (those are kept).`;
      this.log('warn', `${model} · ${test.type}: ${test.error}`, where);
      return;
    }
    const error = toOllamaError(err, this.deps.host, model);
    test.status = 'error';
    test.error = done
      ? `${error.message} (after ${done} of ${planned} repetitions; those are kept)`
      : error.message;
    this.log('error', `${model} · ${test.type}: ${test.error}`, where);
  }

  private repetitionDone(
    model: string,
    test: SessionTest,
    figures: RepetitionFigures,
    done: number,
    planned: number,
  ): void {
    this.emit({
      type: 'repetition-done',
      model,
      test: test.type,
      figures,
      done,
      planned,
      t: this.t(),
    });
    this.log('info', repetitionLine(model, test.type, figures, done, planned), { model, test });
  }

  /**
   * After every repetition: the session document gets the test's figures so far and the raw
   * figures of its finished repetitions, so a crash or a kill loses at most the one in progress.
   */
  private async saveProgress(
    model: SessionModel,
    test: SessionTest,
    suite: SuiteDefinition,
    state: ModelState,
    progress: TestProgress,
  ): Promise<void> {
    const { metrics } = buildTestResult(
      progress,
      this.outcome(model, test, suite, state, progress),
    );
    test.metrics = metrics;
    test.partial_repetitions = [...progress.reps];
    await this.save();
  }

  private outcome(
    model: SessionModel,
    test: SessionTest,
    suite: SuiteDefinition,
    state: ModelState,
    progress: TestProgress,
  ): TestOutcome {
    return {
      sessionId: this.session._id,
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
      samples: samplesInWindow(this.samples, progress.windowStart, this.t()),
      createdAt: this.now().toISOString(),
    };
  }

  private async recordResult(
    model: SessionModel,
    test: SessionTest,
    suite: SuiteDefinition,
    state: ModelState,
    progress: TestProgress,
  ): Promise<void> {
    const { metrics, result } = buildTestResult(
      progress,
      this.outcome(model, test, suite, state, progress),
    );
    test.metrics = metrics;
    test.result_id = await this.deps.store.insertTestResult(result);
    // The result holds every repetition now; the session keeps only the summary.
    delete test.partial_repetitions;
  }
}
