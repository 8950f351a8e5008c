// What every part of a running session shares: its request and document, the clocks, the Ollama
// clients, the run's resolved options and suites, the hardware samples so far, and how it reports (events, log lines, saves,
// busy retries). The runner builds one per session and hands it to the parts (testRun.ts, …).
import { performance } from 'node:perf_hooks';
import type { HardwareSample, SessionDoc, SessionTest } from '../../shared/dto';
import type { BenchEvent, LogLevel } from '../../shared/events';
import { SAMPLING_INTERVAL_DEFAULT_MS } from '../hardware/samplingInterval';
import { randomNonce, type ClientForRequest } from './generation';
import { withBusyRetry } from './retry';
import type { RunnerDeps, SessionRequest } from './runner';
import { resolveRunOptions, runSuites, type RunOptions, type RunSuite } from './runOptions';
import { sessionClients, type SessionClients } from './sessionClient';
import { newSession } from './sessionDocument';
import { DEFAULT_REPETITIONS } from './suites';

export class SessionContext {
  readonly clock: () => number;
  readonly now: () => Date;
  readonly nonce: () => string;
  readonly options: RunOptions;
  /** The request's suites, in order, each with its request options resolved. */
  readonly suites: readonly RunSuite[];
  readonly repetitions: number;
  readonly clients: SessionClients;
  readonly samples: HardwareSample[] = [];
  readonly session: SessionDoc & { _id: string };

  constructor(
    readonly request: SessionRequest,
    readonly deps: RunnerDeps,
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
    this.options = request.options ?? resolveRunOptions();
    this.suites = runSuites(request.suites, this.options);
    const given = deps.client;
    this.clients = given
      ? { forRequest: () => given, cleanupClient: given }
      : sessionClients(deps.host, deps.clientOptions);
    const fresh = newSession(
      {
        models: request.models,
        suites: this.suites,
        repetitions: this.repetitions,
        tags: request.tags ?? [],
        host: deps.host,
        options: this.options,
        samplingIntervalMs: deps.monitor ? this.samplingIntervalMs : undefined,
      },
      this.now().toISOString(),
    );
    this.session = { _id: '', ...fresh };
  }

  get clientFor(): ClientForRequest {
    return this.clients.forRequest;
  }

  get samplingIntervalMs(): number {
    return this.request.samplingIntervalMs ?? SAMPLING_INTERVAL_DEFAULT_MS;
  }

  get aborted(): boolean {
    return this.deps.signal?.aborted ?? false;
  }

  /** Wall-clock ms, for events and hardware windows. */
  t(): number {
    return this.now().getTime();
  }

  emit(event: BenchEvent): void {
    try {
      this.deps.onEvent?.(event);
    } catch {
      // A listener's failure must not end a benchmark.
    }
  }

  log(level: LogLevel, message: string, where?: { model?: string; test?: SessionTest }): void {
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

  async save(): Promise<void> {
    this.session.updated_at = this.now().toISOString();
    await this.deps.store.updateSession(this.session);
  }

  retry<T>(fn: () => Promise<T>, model: string, test?: SessionTest): Promise<T> {
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

  /** A test that ends (error, or never run) without measuring: its event, in one place. */
  testEnded(model: string, test: SessionTest): void {
    this.emit({
      type: 'test-done',
      model,
      test: test.type,
      status: test.status,
      metrics: test.metrics,
      ...(test.error ? { error: test.error } : {}),
      t: this.t(),
    });
  }
}
