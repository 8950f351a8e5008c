// A benchmark session: for each model in order, a cold load, one warm-up, then each suite's
// repetitions, every figure measured as DESIGN.md "Metrics" says. The session document is written
// when the session starts and again whenever a test starts or ends, so a crash loses at most the
// test in progress; cancellation aborts the stream in flight and keeps every finished repetition.
//
// Methodology choices worth knowing when reading a figure:
// - Cold load: the model is unloaded (keep_alive 0), then loaded with an empty prompt and the
//   session's num_ctx; that request's load_duration is the model's load_time.
// - keep_alive (default "10m") is sent with every request, so the model stays resident between
//   repetitions; when a model's tests are done it is unloaded, so the next model is measured with
//   the memory free (a resident model could push the next one partly onto the CPU).
// - A suite asking for another num_ctx reloads the model before its first repetition (Ollama
//   reloads on a num_ctx change), so that reload is never inside a measured request.
// - A 503 (busy) is retried with growing pauses; any other error ends the test (`error`), keeps
//   its finished repetitions, and the session goes on with the next test or model.
// - Session status: `completed` when every test completed, `error` when any test errored,
//   `cancelled` when the signal aborted (tests not run are `cancelled` too).
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Ollama } from 'ollama';
import type {
  HardwareSample,
  ModelInfo,
  RepetitionFigures,
  RunOptions,
  SessionDoc,
  SessionModel,
  SessionTest,
  SuiteDefinition,
  TestResultDoc,
} from '../../shared/dto';
import type { BenchEvent, LogLevel } from '../../shared/events';
import type { HardwareMonitor, SamplingHandle } from '../hardware/hardwareMonitor';
import { samplesInWindow, seriesOf, summarizeWindow } from '../hardware/windowSummary';
import { createOllamaFetch, type OllamaClientOptions } from '../ollama/ollamaClient';
import { toOllamaError } from '../ollama/ollamaErrors';
import type { BenchStore } from '../store/benchStore';
import {
  abortable,
  generateRequest,
  observeGeneration,
  randomNonce,
  type SessionSettings,
} from './generation';
import {
  concurrencyStats,
  nsToMs,
  repetitionFigures,
  repetitionStats,
  summaryMetrics,
  windowFigures,
} from './metrics';
import { withBusyRetry, type Sleep } from './retry';
import { round2 } from './stats';
import { DEFAULT_KEEP_ALIVE, DEFAULT_NUM_CTX, DEFAULT_REPETITIONS, DEFAULT_SEED } from './suites';
import { validityFlags } from './validity';

/** Response headers of a cold load can take many minutes (Node's fetch alone gives up at 300 s). */
export const STREAM_HEADERS_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_SAMPLING_INTERVAL_MS = 500;

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
  store: BenchStore;
  /** Ollama's base URL (parsed). */
  host: string;
  /** A client to use instead of the runner's own (then only it.abort() cancels a stream). */
  client?: Ollama;
  /** Options for the runner's own client (headers timeout, a test fetch). */
  clientOptions?: OllamaClientOptions;
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

interface ModelState {
  loadTimeMs?: number;
  loadedCtx?: number;
  cpuSpill: boolean;
}

/** Runs a session to its end (or cancellation) and returns the stored session document. */
export async function runSession(request: SessionRequest, deps: RunnerDeps): Promise<SessionDoc> {
  return new SessionRun(request, deps).run();
}

class SessionRun {
  private readonly clock: () => number;
  private readonly now: () => Date;
  private readonly client: Ollama;
  /** For the unloads after a cancel: a client that the session's signal does not abort. */
  private readonly cleanupClient: Ollama;
  private readonly settings: SessionSettings;
  private readonly repetitions: number;
  private readonly samples: HardwareSample[] = [];
  private readonly session: SessionDoc & { _id: string };
  private readonly nonce: () => string;

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
    const fetchOptions = { headersTimeoutMs: STREAM_HEADERS_TIMEOUT_MS, ...deps.clientOptions };
    this.client = deps.client ?? sessionClient(deps.host, fetchOptions, deps.signal);
    this.cleanupClient =
      deps.client ??
      new Ollama({
        host: deps.host,
        fetch: createOllamaFetch({ ...fetchOptions, requestTimeoutMs: 10_000 }),
      });
    const at = this.now().toISOString();
    this.session = {
      _id: '',
      status: 'running',
      start_time: at,
      models: request.models.map((name): SessionModel => ({
        name,
        tests: request.suites.map((s): SessionTest => ({
          type: s.name,
          status: 'pending',
          metrics: { flags: [] },
          logs: [],
        })),
      })),
      tags: [...new Set(request.tags ?? [])],
      options: this.runOptions(),
      runner: { hostname: hostname(), pid: process.pid },
      created_at: at,
      updated_at: at,
    };
  }

  private runOptions(): RunOptions {
    const s = this.settings;
    return {
      host: this.deps.host,
      suites: this.request.suites.map((x) => x.name),
      repetitions: this.repetitions,
      warmup: true,
      num_ctx: s.numCtx,
      seed: s.seed,
      temperature: s.temperature,
      keep_alive: s.keepAlive,
      sampling_interval_ms: this.deps.monitor
        ? (this.request.samplingIntervalMs ?? DEFAULT_SAMPLING_INTERVAL_MS)
        : undefined,
      suite_options: Object.fromEntries(
        this.request.suites.map((x) => [
          x.name,
          {
            ...x.options,
            num_ctx: x.options.num_ctx ?? s.numCtx,
            temperature: x.options.temperature ?? s.temperature,
            seed: x.options.seed ?? s.seed,
          },
        ]),
      ),
      suite_concurrency: Object.fromEntries(
        this.request.suites
          .filter((x) => x.kind === 'concurrency')
          .map((x) => [x.name, x.concurrency ?? [1]]),
      ),
    };
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
      await this.readOllamaVersion();
      const known = await this.listModels();
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
    this.finish();
    await this.save();
    this.emit({ type: 'session-done', session: structuredClone(this.session), t: this.t() });
    return this.session;
  }

  private finish(): void {
    const tests = this.session.models.flatMap((m) => m.tests);
    for (const test of tests) {
      if (test.status === 'pending' || test.status === 'running') test.status = 'cancelled';
    }
    this.session.end_time = this.now().toISOString();
    if (this.session.status === 'error') return;
    if (this.aborted) this.session.status = 'cancelled';
    else {
      const failed = tests.filter((t) => t.status === 'error');
      this.session.status = failed.length ? 'error' : 'completed';
      if (failed.length) {
        this.session.error = `${failed.length} of ${tests.length} tests failed: ${[...new Set(failed.map((t) => t.error))].join('; ')}`;
      }
    }
    this.log('info', `Session ${this.session._id} ${this.session.status}.`);
  }

  private async startHardware(): Promise<SamplingHandle | undefined> {
    const monitor = this.deps.monitor;
    if (!monitor) return undefined;
    try {
      const inventory = await monitor.inventory();
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
      return await monitor.start(
        { intervalMs: this.request.samplingIntervalMs ?? DEFAULT_SAMPLING_INTERVAL_MS },
        (sample) => {
          this.samples.push(sample);
          this.emit({ type: 'hardware-sample', sample });
        },
      );
    } catch (err) {
      this.log(
        'warn',
        `Hardware sampling unavailable: ${err instanceof Error ? err.message : String(err)}`,
      );
      return undefined;
    }
  }

  private async readOllamaVersion(): Promise<void> {
    try {
      this.session.ollama_version = (
        await abortable(this.client.version(), this.deps.signal)
      ).version;
    } catch (err) {
      if (this.aborted) return;
      this.log('warn', toOllamaError(err, this.deps.host).message);
    }
  }

  private async listModels(): Promise<Map<string, ModelInfo>> {
    const known = new Map<string, ModelInfo>();
    try {
      const tags = await abortable(this.client.list(), this.deps.signal);
      for (const t of tags.models ?? []) {
        const info: ModelInfo = {
          name: t.name,
          digest: t.digest,
          size: t.size,
          modified_at: t.modified_at ? new Date(t.modified_at).toISOString() : undefined,
          family: t.details?.family || undefined,
          families: t.details?.families ?? undefined,
          parameter_size: t.details?.parameter_size || undefined,
          quantization_level: t.details?.quantization_level || undefined,
          format: t.details?.format || undefined,
          loaded: false,
        };
        known.set(t.name, info);
        if (t.name.endsWith(':latest')) known.set(t.name.slice(0, -':latest'.length), info);
      }
    } catch (err) {
      if (!this.aborted) this.log('warn', toOllamaError(err, this.deps.host).message);
    }
    return known;
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

  /** Loads the model with num_ctx (Ollama reloads on a change); returns load_duration in ms. */
  private async load(model: string, numCtx: number, state: ModelState): Promise<number> {
    const res = await this.retry(
      () =>
        abortable(
          this.client.generate({
            model,
            prompt: '',
            stream: false,
            keep_alive: this.settings.keepAlive,
            options: { num_ctx: numCtx },
          }),
          this.deps.signal,
        ),
      model,
    );
    state.loadedCtx = numCtx;
    await this.checkPlacement(model, state);
    return nsToMs(res.load_duration);
  }

  /** /api/ps: a model with size_vram < size runs partly on the CPU. */
  private async checkPlacement(model: string, state: ModelState): Promise<void> {
    try {
      const ps = await abortable(this.client.ps(), this.deps.signal);
      const entry = ps.models.find((m) => m.name === model || m.name === `${model}:latest`);
      const sessionModel = this.session.models.find((m) => m.name === model);
      if (!entry || !sessionModel) return;
      const contextLength = (entry as { context_length?: number }).context_length;
      if (typeof contextLength === 'number') sessionModel.loaded_context_length = contextLength;
      if (entry.size > 0) sessionModel.vram_share = round2((entry.size_vram ?? 0) / entry.size);
      if ((entry.size_vram ?? 0) < entry.size) {
        state.cpuSpill = true;
        this.log(
          'warn',
          `${model}: only ${Math.round(((entry.size_vram ?? 0) / entry.size) * 100)} % of the model is in VRAM; its figures are flagged cpu_spill.`,
          { model },
        );
      }
    } catch (err) {
      if (!this.aborted)
        this.log(
          'warn',
          `No placement for ${model}: ${toOllamaError(err, this.deps.host).message}`,
        );
    }
  }

  private async runModel(model: SessionModel, known: Map<string, ModelInfo>): Promise<void> {
    const name = model.name;
    const state: ModelState = { cpuSpill: false };
    this.emit({ type: 'model-started', model: name, t: this.t() });
    try {
      await this.retry(
        () =>
          abortable(
            this.client.generate({ model: name, prompt: '', stream: false, keep_alive: 0 }),
            this.deps.signal,
          ),
        name,
      );
      const loadTime = await this.load(name, this.settings.numCtx, state);
      state.loadTimeMs = loadTime;
      model.load_time = round2(loadTime);
      this.emit({ type: 'model-loaded', model: name, load_time_ms: loadTime, t: this.t() });
      this.log('info', `${name}: cold load ${loadTime.toFixed(0)} ms.`, { model: name });
      const info = known.get(name);
      if (info) {
        model.digest = info.digest;
        try {
          model.model_id = await this.deps.store.upsertModel(info);
        } catch (err) {
          this.log(
            'warn',
            `Could not record ${name} in the store: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      }
      await this.warmUp(name);
    } catch (err) {
      if (this.aborted) return this.unload(name);
      const error = toOllamaError(err, this.deps.host, name);
      model.error = error.message;
      this.log('error', `${name}: ${error.message}`, { model: name });
      for (const test of model.tests) {
        test.status = 'error';
        test.error = error.message;
        test.logs.push(`${this.now().toISOString()} [error] ${error.message}`);
        this.emit({
          type: 'test-done',
          model: name,
          test: test.type,
          status: 'error',
          metrics: test.metrics,
          error: error.message,
          t: this.t(),
        });
      }
      await this.save();
      return;
    }
    try {
      for (const [i, test] of model.tests.entries()) {
        if (this.aborted) break;
        await this.runTest(model, test, this.request.suites[i]!, state);
      }
    } finally {
      await this.unload(name);
    }
  }

  private async warmUp(model: string): Promise<void> {
    const suite = this.request.suites[0]!;
    const options = {
      ...suite.options,
      num_ctx: this.settings.numCtx,
      num_predict: Math.min(suite.options.num_predict, 32),
    };
    const req = generateRequest(model, suite.prompts[0]!, this.nonce(), options, this.settings);
    await this.retry(
      () => observeGeneration(this.client, req, this.clock, this.deps.signal),
      model,
    );
    this.log('debug', `${model}: warm-up done (not counted).`, { model });
  }

  private async unload(model: string): Promise<void> {
    try {
      await this.cleanupClient.generate({ model, prompt: '', stream: false, keep_alive: 0 });
    } catch (err) {
      this.log(
        'debug',
        `${model}: unload after its tests failed: ${toOllamaError(err, this.deps.host, model).message}`,
      );
    }
  }

  private async runTest(
    model: SessionModel,
    test: SessionTest,
    suite: SuiteDefinition,
    state: ModelState,
  ): Promise<void> {
    const name = model.name;
    const where = { model: name, test };
    const windowStart = this.t();
    test.status = 'running';
    test.start_time = this.now().toISOString();
    this.emit({
      type: 'test-started',
      model: name,
      test: test.type,
      repetitions: this.repetitions,
      t: this.t(),
    });
    await this.save();

    const reps: RepetitionFigures[] = [];
    const streams: RepetitionFigures[] = [];
    const windows: {
      concurrency: number;
      streams: RepetitionFigures[];
      window: RepetitionFigures;
    }[] = [];
    let output = '';
    const planned =
      suite.kind === 'concurrency'
        ? (suite.concurrency ?? [1]).length * this.repetitions
        : this.repetitions;
    try {
      const numCtx = suite.options.num_ctx ?? this.settings.numCtx;
      if (state.loadedCtx !== numCtx) {
        const ms = await this.load(name, numCtx, state);
        this.log(
          'info',
          `${name}: reloaded with num_ctx ${numCtx} (${ms.toFixed(0)} ms, not measured).`,
          where,
        );
      }
      const request = (prompt: string, nonce: string) =>
        generateRequest(name, prompt, nonce, suite.options, this.settings);
      if (suite.kind === 'concurrency') {
        for (const k of suite.concurrency ?? [1]) {
          for (let r = 0; r < this.repetitions; r++) {
            const nonces = Array.from({ length: k }, () => this.nonce());
            const observed = await Promise.all(
              nonces.map((nonce, i) =>
                this.retry(
                  () =>
                    observeGeneration(
                      this.client,
                      request(suite.prompts[(r + i) % suite.prompts.length]!, nonce),
                      this.clock,
                      this.deps.signal,
                    ),
                  name,
                  test,
                ),
              ),
            );
            const window = windowFigures(observed, reps.length, nonces.join(','));
            const each = observed.map((o, i) => repetitionFigures(o, i, nonces[i]!));
            reps.push(window);
            streams.push(...each);
            windows.push({ concurrency: k, streams: each, window });
            output = observed[observed.length - 1]!.output;
            this.repetitionDone(name, test, window, planned, reps.length);
          }
        }
      } else {
        for (let r = 0; r < this.repetitions; r++) {
          const nonce = this.nonce();
          const prompt = suite.prompts[r % suite.prompts.length]!;
          const observed = await this.retry(
            () =>
              observeGeneration(this.client, request(prompt, nonce), this.clock, this.deps.signal),
            name,
            test,
          );
          const figures = repetitionFigures(observed, r, nonce);
          reps.push(figures);
          output = observed.output;
          this.repetitionDone(name, test, figures, planned, reps.length);
        }
      }
      test.status = 'completed';
    } catch (err) {
      if (this.aborted) {
        test.status = 'cancelled';
        test.error = `Cancelled after ${reps.length} of ${planned} repetitions (those are kept).`;
        this.log('warn', `${name} · ${test.type}: ${test.error}`, where);
      } else {
        const error = toOllamaError(err, this.deps.host, name);
        test.status = 'error';
        test.error = reps.length
          ? `${error.message} (after ${reps.length} of ${planned} repetitions; those are kept)`
          : error.message;
        this.log('error', `${name} · ${test.type}: ${test.error}`, where);
      }
    }
    test.end_time = this.now().toISOString();
    await this.recordResult(model, test, suite, state, {
      reps,
      streams,
      windows,
      output,
      windowStart,
    });
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

  private repetitionDone(
    model: string,
    test: SessionTest,
    figures: RepetitionFigures,
    planned: number,
    done: number,
  ) {
    this.emit({ type: 'repetition-done', model, test: test.type, figures, t: this.t() });
    const parts = [
      figures.concurrency !== undefined ? `k=${figures.concurrency}` : undefined,
      figures.aggregate_tokens_per_second !== undefined
        ? `${figures.aggregate_tokens_per_second.toFixed(1)} tok/s aggregate`
        : undefined,
      figures.tokens_per_second !== undefined
        ? `${figures.tokens_per_second.toFixed(1)} tok/s`
        : undefined,
      figures.prompt_tokens_per_second !== undefined
        ? `prompt ${figures.prompt_tokens_per_second.toFixed(1)} tok/s`
        : undefined,
      figures.ttft_ms !== undefined ? `TTFT ${figures.ttft_ms.toFixed(0)} ms` : undefined,
    ].filter(Boolean);
    this.log(
      'info',
      `${model} · ${test.type} · repetition ${done}/${planned}: ${parts.join(', ')}`,
      { model, test },
    );
  }

  private async recordResult(
    model: SessionModel,
    test: SessionTest,
    suite: SuiteDefinition,
    state: ModelState,
    run: {
      reps: RepetitionFigures[];
      streams: RepetitionFigures[];
      windows: { concurrency: number; streams: RepetitionFigures[]; window: RepetitionFigures }[];
      output: string;
      windowStart: number;
    },
  ): Promise<void> {
    const stats = {
      ...repetitionStats(run.reps),
      ...(suite.kind === 'concurrency' ? concurrencyStats(run.windows) : {}),
    };
    const flags = validityFlags({
      kind: suite.kind,
      stats,
      repetitions: suite.kind === 'concurrency' ? run.streams : run.reps,
      numPredict: suite.options.num_predict,
      cpuSpill: state.cpuSpill,
    });
    const metrics = summaryMetrics(stats, { load_time_ms: state.loadTimeMs, flags });
    if (suite.kind === 'concurrency') {
      // The best concurrency level by its mean aggregate, not one lucky window.
      const best = Math.max(
        ...Object.entries(stats)
          .filter(([k]) => /^k\d+_aggregate_tokens_per_second$/.test(k))
          .map(([, s]) => s.mean),
      );
      if (Number.isFinite(best)) metrics.aggregate_tokens_per_second = round2(best);
    }
    const window = samplesInWindow(this.samples, run.windowStart, this.t());
    const hardware = summarizeWindow(window);
    Object.assign(metrics, hardware);
    test.metrics = metrics;
    const series = seriesOf(window);
    const result: TestResultDoc = {
      session_id: this.session._id,
      ...(model.model_id ? { model_id: model.model_id } : {}),
      model_name: model.name,
      test_type: test.type,
      status: test.status,
      metrics: {
        ...(stats.inference_time ? { inference_time: stats.inference_time.mean } : {}),
        ...(stats.tokens_per_second ? { tokens_per_second: stats.tokens_per_second.mean } : {}),
        ...(stats.prompt_tokens_per_second
          ? { prompt_tokens_per_second: stats.prompt_tokens_per_second.mean }
          : {}),
        ...(stats.ttft_ms ? { ttft_ms: stats.ttft_ms.p50 } : {}),
        ...(stats.tpot_ms ? { tpot_ms: stats.tpot_ms.p50 } : {}),
        ...(stats.e2e_ms ? { e2e_ms: stats.e2e_ms.p50 } : {}),
        ...(state.loadTimeMs !== undefined ? { load_time: state.loadTimeMs } : {}),
        ...series,
        stats,
        repetitions: run.reps,
        flags,
      },
      output: run.output,
      logs: [...test.logs],
      ...(test.error ? { error: test.error } : {}),
      ...(window.length ? { samples: window } : {}),
      created_at: this.now().toISOString(),
    };
    test.result_id = await this.deps.store.insertTestResult(result);
  }
}

/** The runner's client: undici with a long headers timeout, every request tied to the session's signal. */
function sessionClient(
  host: string,
  options: OllamaClientOptions,
  signal: AbortSignal | undefined,
): Ollama {
  const base = createOllamaFetch(options);
  const fetchWithSignal: typeof fetch = (input, init) => {
    const signals = [init?.signal, signal].filter((s): s is AbortSignal => !!s);
    const combined = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    return base(input, { ...init, ...(combined ? { signal: combined } : {}) });
  };
  return new Ollama({ host, fetch: fetchWithSignal });
}
