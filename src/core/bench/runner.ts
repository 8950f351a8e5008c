// A benchmark session: for each model in order, a cold load, one warm-up, then each suite's
// repetitions. The pieces live beside this file: what the parts share (sessionContext.ts), the
// session document and its final status (sessionDocument.ts), what happens to a model around its
// tests (modelLifecycle.ts), one test (testRun.ts), the measured loop (repetitionLoop.ts) and what
// a test leaves behind (testResult.ts). docs/ARCHITECTURE.md walks through one run.
//
// - The session document is written when the session starts and again whenever a test starts or
//   ends, so a crash loses at most the test in progress; cancellation aborts the stream in flight
//   and keeps every finished repetition.
// - A 503 (busy) is retried with growing pauses; any other error ends the test (`error`), keeps
//   its finished repetitions, and the session goes on with the next test or model — unless
//   Ollama stopped answering altogether: then the tests left are marked "not run" once.
import type { Ollama } from 'ollama';
import type {
  FitPrediction,
  ModelInfo,
  PartitionInfo,
  RunConditions,
  SessionDoc,
  SessionModel,
  SuiteDefinition,
} from '../../shared/dto';
import type { BenchEvent, LogLevel } from '../../shared/events';
import type { HardwareMonitor, SamplingHandle } from '../hardware/hardwareMonitor';
import { readPartitions } from '../hardware/procfsDetail';
import { raplNotes } from '../hardware/rapl';
import type { OllamaClientOptions } from '../ollama/ollamaClient';
import { toOllamaError, type OllamaError } from '../ollama/ollamaErrors';
import type { RunStore } from '../store/runStore';
import { checkCapabilities } from './capabilityCheck';
import { capabilitiesIn } from '../ollama/modelCapabilities';
import { ModelLifecycle, type ModelState } from './modelLifecycle';
import { boundedRequest } from './sessionClient';
import { coldLoadText } from './progressText';
import { readRunConditions } from './runConditions';
import type { RunOptions } from './runOptions';
import type { Sleep } from './retry';
import { SessionContext } from './sessionContext';
import { finishSession } from './sessionDocument';
import { runTest } from './testRun';

export { STREAM_HEADERS_TIMEOUT_MS } from './sessionClient';

export interface SessionRequest {
  models: string[];
  /** Resolved suites, in the order they run (see resolveSuites). */
  suites: SuiteDefinition[];
  repetitions?: number;
  tags?: string[];
  /** num_ctx, seed, keep_alive, num_predict and timeouts, from resolveRunOptions (runOptions.ts). */
  options?: RunOptions;
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
  monitor?: HardwareMonitor;
  /** What the machine cannot measure, said once per session (default: RAPL's access on Linux). */
  machineNotes?: readonly string[];
  /** The mounted file systems, read once per session (default: /proc/mounts on Linux). */
  partitions?: () => PartitionInfo[];
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
  /** The fit advisor's estimate for a model at a num_ctx, stored beside what /api/ps reports. */
  predictFit?: (model: string, num_ctx: number) => Promise<FitPrediction | undefined>;
  /** The server's settings, GPU power limit and CPU governor (default: read on this machine). */
  readConditions?: () => Promise<RunConditions>;
}

/** Runs a session to its end (or cancellation) and returns the stored session document. */
export async function runSession(request: SessionRequest, deps: RunnerDeps): Promise<SessionDoc> {
  return new SessionRun(request, deps).run();
}

class SessionRun {
  private readonly ctx: SessionContext;
  private readonly lifecycle: ModelLifecycle;
  /** Set when Ollama stopped answering mid-session: what is left is not tried. */
  private ollamaGone: OllamaError | undefined;
  /** From the inventory: whether this machine has a GPU (undefined without an inventory). */
  private hasGpu: boolean | undefined;

  constructor(request: SessionRequest, deps: RunnerDeps) {
    const ctx = (this.ctx = new SessionContext(request, deps));
    this.lifecycle = new ModelLifecycle({
      clientFor: ctx.clients.forRequest,
      cleanupClient: ctx.clients.cleanupClient,
      host: deps.host,
      options: ctx.options,
      hasGpu: () => this.hasGpu,
      signal: deps.signal,
      clock: ctx.clock,
      nonce: ctx.nonce,
      retry: (fn, model) => ctx.retry(fn, model),
      log: (level, message, model) => ctx.log(level, message, model ? { model } : undefined),
    });
  }

  async run(): Promise<SessionDoc> {
    const { ctx } = this;
    const { session, deps, request } = ctx;
    // A model that cannot run a suite (thinking, embedding…) is refused before anything is stored.
    await checkCapabilities(request.models, ctx.suites, (model) => this.capabilities(model));
    const { _id: _, ...fresh } = session;
    session._id = await deps.store.insertSession(fresh);
    ctx.emit({
      type: 'session-started',
      session_id: session._id,
      models: request.models,
      suites: session.options.suites,
      repetitions: ctx.repetitions,
      t: ctx.t(),
    });
    ctx.log(
      'info',
      `Session ${session._id}: ${request.models.join(', ')} × suites ${session.options.suites.join(', ')}, ${ctx.repetitions} repetitions, against ${deps.host}; storing in ${deps.store.description}.`,
    );
    let sampling: SamplingHandle | undefined;
    try {
      sampling = await this.startHardware();
      session.ollama_version = await this.lifecycle.ollamaVersion();
      session.conditions = await this.conditions();
      const known = await this.lifecycle.installedModels();
      for (const model of session.models) {
        if (ctx.aborted || this.ollamaGone) break;
        await this.runModel(model, known);
      }
      if (this.ollamaGone && !ctx.aborted) this.notRunAfterOllamaWentAway(this.ollamaGone);
    } catch (err) {
      // Not a test's failure (those are caught per test): the store or the runner itself failed.
      session.status = 'error';
      session.error = err instanceof Error ? err.message : String(err);
      ctx.log('error', `Session failed: ${session.error}`);
    } finally {
      await sampling?.stop().catch(() => undefined);
    }
    finishSession(session, ctx.aborted, ctx.now().toISOString());
    ctx.log('info', `Session ${session._id} ${session.status}.`);
    await ctx.save();
    ctx.emit({ type: 'session-done', session: structuredClone(session), t: ctx.t() });
    return session;
  }

  /** Recorded once, at the start: Ollama's version, the GPU driver, then the rest. */
  private async conditions(): Promise<RunConditions> {
    const { session, deps } = this.ctx;
    const rest = await (deps.readConditions ?? readRunConditions)().catch(() => ({}));
    return {
      ...(session.ollama_version ? { ollama_version: session.ollama_version } : {}),
      ...(session.gpu_driver ? { gpu_driver: session.gpu_driver } : {}),
      ...rest,
    };
  }

  /** /api/show's capabilities; undefined when Ollama does not list them or does not answer. */
  private async capabilities(model: string): Promise<readonly string[] | undefined> {
    try {
      return capabilitiesIn(
        await boundedRequest(
          this.ctx.clients.forRequest,
          (c) => c.show({ model }),
          30_000,
          this.ctx.deps.signal,
        ),
      );
    } catch {
      // Not this check's to report: the load that follows says what is wrong with the model.
      return undefined;
    }
  }

  private async startHardware(): Promise<SamplingHandle | undefined> {
    const { ctx } = this;
    const monitor = ctx.deps.monitor;
    if (!monitor) return undefined;
    try {
      const inventory = await monitor.inventory();
      this.hasGpu = inventory.gpu.length > 0;
      ctx.session.hardware_config_id = await ctx.deps.store.saveHardwareConfig(inventory);
      const driver = inventory.gpu.find((g) => g.driver)?.driver;
      if (driver) ctx.session.gpu_driver = driver;
      ctx.session.machine = [inventory.os.hostname, inventory.cpu.model, inventory.gpu[0]?.model]
        .filter(Boolean)
        .join(' · ');
    } catch (err) {
      ctx.log('warn', `No hardware inventory: ${err instanceof Error ? err.message : String(err)}`);
    }
    const notes = [...(ctx.deps.machineNotes ?? raplNotes())];
    if (notes.length) {
      ctx.session.machine_notes = notes;
      for (const note of notes) ctx.log('info', note);
    }
    const partitions = (ctx.deps.partitions ?? readPartitions)();
    if (partitions.length) ctx.session.partitions = partitions;
    try {
      return await monitor.start({ intervalMs: ctx.samplingIntervalMs }, (sample) => {
        ctx.samples.push(sample);
        ctx.emit({ type: 'hardware-sample', sample });
      });
    } catch (err) {
      ctx.log(
        'warn',
        `Hardware sampling unavailable: ${err instanceof Error ? err.message : String(err)}`,
      );
      return undefined;
    }
  }

  private async runModel(model: SessionModel, known: Map<string, ModelInfo>): Promise<void> {
    const { ctx } = this;
    const name = model.name;
    const state: ModelState = { cpuSpill: false, family: known.get(name)?.family };
    ctx.emit({ type: 'model-started', model: name, t: ctx.t() });
    try {
      await this.lifecycle.unloadForColdStart(name);
      // The fit advisor's estimate before the load, kept beside what /api/ps reports after it.
      const fit = await ctx.deps.predictFit?.(name, ctx.options.num_ctx).catch(() => undefined);
      if (fit) model.fit = fit;
      const firstSuite = ctx.suites[0];
      if (!firstSuite) throw new Error('The session has no suite to run.');
      await this.lifecycle.coldLoad(model, firstSuite, state);
      ctx.emit({
        type: 'model-loaded',
        model: name,
        ...(state.loadTimeMs !== undefined ? { load_time_ms: state.loadTimeMs } : {}),
        load_wall_ms: state.loadWallMs ?? 0,
        t: ctx.t(),
      });
      ctx.log('info', `${coldLoadText(name, state.loadTimeMs, state.loadWallMs ?? 0)}.`, {
        model: name,
      });
      await this.recordModel(model, known.get(name));
    } catch (err) {
      if (ctx.aborted) return this.lifecycle.unload(name);
      return this.modelFailed(model, err);
    }
    try {
      for (const [i, test] of model.tests.entries()) {
        if (ctx.aborted || this.ollamaGone) break;
        const suite = ctx.suites[i];
        if (!suite) throw new Error(`The session has no suite for its test ${test.type}.`);
        this.noteUnreachable(await runTest(ctx, this.lifecycle, { model, test, suite, state }));
      }
    } finally {
      await this.lifecycle.unload(name);
    }
  }

  private async recordModel(model: SessionModel, info: ModelInfo | undefined): Promise<void> {
    if (!info) return;
    model.digest = info.digest;
    try {
      model.model_id = await this.ctx.deps.store.upsertModel(info);
    } catch (err) {
      this.ctx.log(
        'warn',
        `Could not record ${model.name} in the store: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** Remembers that nothing answers at the host any more (see notRunAfterOllamaWentAway). */
  private noteUnreachable(error: OllamaError | undefined): void {
    if (error?.kind === 'not-running') this.ollamaGone ??= error;
  }

  /**
   * Ollama stopped answering mid-session (connection refused): the tests left would each fail
   * the same way, so they are marked with the reason once instead of each trying and logging.
   */
  private notRunAfterOllamaWentAway(error: OllamaError): void {
    const { ctx } = this;
    const left = ctx.session.models.flatMap((m) =>
      m.tests.filter((t) => t.status === 'pending').map((test) => ({ model: m.name, test })),
    );
    if (!left.length) return;
    for (const { model, test } of left) {
      test.status = 'error';
      test.error = `Not run: ${error.message}`;
      ctx.testEnded(model, test);
    }
    ctx.log('error', `Ollama stopped answering; ${left.length} test(s) left were not run.`);
  }

  /** The model could not be loaded or warmed up: every test of it errors with the reason. */
  private async modelFailed(model: SessionModel, err: unknown): Promise<void> {
    const { ctx } = this;
    const error = toOllamaError(err, ctx.deps.host, model.name);
    this.noteUnreachable(error);
    model.error = error.message;
    ctx.log('error', `${model.name}: ${error.message}`, { model: model.name });
    for (const test of model.tests) {
      test.status = 'error';
      test.error = error.message;
      test.logs.push(`${ctx.now().toISOString()} [error] ${error.message}`);
      ctx.testEnded(model.name, test);
    }
    await ctx.save();
  }
}
