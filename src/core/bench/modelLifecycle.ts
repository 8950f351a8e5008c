// What happens to a model around its tests, outside any measurement: the unload that makes the
// next load cold, the cold load itself, where the loaded model sits (/api/ps: VRAM or partly
// CPU), a reload when a suite asks for another num_ctx (Ollama reloads on a change), and the
// final unload so the next model is measured with the memory free.
//
// The cold load is measured on the first real request after the unload (the warm-up, not
// counted otherwise): real Ollama answers an empty-prompt preload with no durations at all
// (server/routes.go GenerateHandler returns only model, created_at, done and done_reason "load"),
// while a real request's load_duration covers the scheduler's wait and the load.
import type { Ollama } from 'ollama';
import type { ModelInfo, ModelPlacement, SessionModel } from '../../shared/dto';
import type { LogLevel } from '../../shared/events';
import { modelInfoFromTag } from '../ollama/discovery';
import { toOllamaError } from '../ollama/ollamaErrors';
import { embedRequest, observeEmbed } from './embedRequest';
import {
  generateRequest,
  loadOptionsOf,
  observeGeneration,
  type ClientForRequest,
} from './generation';
import { withSuiteImage } from './visionRequest';
import { nsToMs } from './metrics';
import type { RunOptions, RunSuite } from './runOptions';
import { boundedRequest } from './sessionClient';
import { round2 } from './stats';
import { suitePrompt } from './suites';

/** Deadline of the small control calls (/api/ps, /api/tags, /api/version). */
const CONTROL_TIMEOUT_MS = 30_000;

export interface ModelState {
  /** Ollama's load_duration of the cold load (ms); undefined when it gave none. */
  loadTimeMs?: number;
  /** The cold load on the client's clock (ms). */
  loadWallMs?: number;
  loadedCtx?: number;
  /** /api/ps context_length after the latest load: below loadedCtx when Ollama shrank it. */
  loadedContextLength?: number;
  /** The model's family (/api/tags details), for the reason of a `serialized` flag. */
  family?: string;
  cpuSpill: boolean;
}

export interface LifecycleDeps {
  clientFor: ClientForRequest;
  /** Not tied to the session's signal: unloads still run after a cancel. */
  cleanupClient: Ollama;
  host: string;
  /** The session's resolved options: keep_alive, the warm-up's num_ctx, the timeouts. */
  options: RunOptions;
  signal?: AbortSignal;
  clock: () => number;
  nonce: () => string;
  /** Whether this machine has a GPU (from the inventory); undefined when unknown. */
  hasGpu: () => boolean | undefined;
  /** Retries a busy (503) answer; see retry.ts. */
  retry: <T>(fn: () => Promise<T>, model: string) => Promise<T>;
  log: (level: LogLevel, message: string, model?: string) => void;
}

/** size_vram against size: all in VRAM, split, or none of it. */
export function placementOf(size: number, sizeVram: number | undefined): ModelPlacement {
  const vram = sizeVram ?? 0;
  if (vram <= 0) return 'cpu';
  return vram >= size ? 'gpu' : 'partial';
}

/**
 * A spill is part of the model outside a GPU that exists: a split placement, or none of it in
 * VRAM on a machine with a GPU. On a machine without one, "CPU only" is where it belongs.
 */
export function isCpuSpill(placement: ModelPlacement, hasGpu: boolean | undefined): boolean {
  return placement === 'partial' || (placement === 'cpu' && hasGpu === true);
}

export class ModelLifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  private get aborted(): boolean {
    return this.deps.signal?.aborted ?? false;
  }

  private control<T>(call: (client: Ollama) => Promise<T>, timeoutMs = CONTROL_TIMEOUT_MS) {
    return boundedRequest(this.deps.clientFor, call, timeoutMs, this.deps.signal);
  }

  /** Asks Ollama to drop the model now (keep_alive 0), so the next load is cold. */
  async unloadForColdStart(model: string): Promise<void> {
    await this.deps.retry(
      () =>
        this.control(
          (c) => c.generate({ model, prompt: '', stream: false, keep_alive: 0 }),
          this.deps.options.timeouts.firstChunkMs,
        ),
      model,
    );
  }

  /**
   * The cold load: the first real request after the unload (the warm-up, with the session's
   * num_ctx and the first suite's first prompt, at most 32 tokens, not counted).
   */
  async coldLoad(model: SessionModel, suite: RunSuite, state: ModelState): Promise<void> {
    const { options } = this.deps;
    if (suite.kind === 'embedding') return this.coldLoadEmbedding(model, suite, state);
    // A vision suite's warm-up carries the image too: the projector loads with the model.
    const req = withSuiteImage(
      generateRequest(
        model.name,
        suitePrompt(suite, 0),
        this.deps.nonce(),
        {
          ...suite.options,
          num_ctx: options.num_ctx,
          num_predict: Math.min(suite.options.num_predict, 32),
        },
        options.keep_alive,
      ),
      suite.kind,
    );
    const observed = await this.deps.retry(
      () =>
        observeGeneration(
          this.deps.clientFor,
          req,
          this.deps.clock,
          this.deps.signal,
          options.timeouts,
        ),
      model.name,
    );
    const serverMs = nsToMs(observed.final.load_duration);
    state.loadTimeMs = serverMs > 0 ? serverMs : undefined;
    state.loadWallMs = (observed.tokenTimes[0] ?? observed.tEnd) - observed.t0;
    await this.loaded(model, state);
  }

  /** An embedding model's cold load: one /api/embed request of one input (its load_duration). */
  private async coldLoadEmbedding(model: SessionModel, suite: RunSuite, state: ModelState) {
    const { options } = this.deps;
    const req = embedRequest(
      model.name,
      [`${this.deps.nonce()}\n\n${suitePrompt(suite, 0)}`],
      options.keep_alive,
      options.num_ctx,
    );
    const observed = await this.deps.retry(
      () =>
        observeEmbed(this.deps.clientFor, req, this.deps.clock, this.deps.signal, options.timeouts),
      model.name,
    );
    const serverMs = nsToMs(observed.load_duration);
    state.loadTimeMs = serverMs > 0 ? serverMs : undefined;
    state.loadWallMs = observed.tEnd - observed.t0;
    await this.loaded(model, state);
  }

  private async loaded(model: SessionModel, state: ModelState): Promise<void> {
    state.loadedCtx = this.deps.options.num_ctx;
    if (state.loadTimeMs !== undefined) model.load_time = round2(state.loadTimeMs);
    model.load_wall_ms = round2(state.loadWallMs ?? 0);
    await this.checkPlacement(model, state);
  }

  /** A suite with its own num_ctx: reload before its first repetition; returns client ms. */
  async reload(model: SessionModel, num_ctx: number, state: ModelState): Promise<number> {
    const t0 = this.deps.clock();
    await this.deps.retry(
      () =>
        this.control(
          (c) =>
            c.generate({
              model: model.name,
              prompt: '',
              stream: false,
              keep_alive: this.deps.options.keep_alive,
              options: { num_ctx, ...loadOptionsOf(this.deps.options.model_options ?? {}) },
            }),
          this.deps.options.timeouts.firstChunkMs,
        ),
      model.name,
    );
    state.loadedCtx = num_ctx;
    state.loadedContextLength = undefined;
    await this.checkPlacement(model, state);
    return this.deps.clock() - t0;
  }

  /** /api/ps: where the model sits, and the context length it runs with. */
  private async checkPlacement(model: SessionModel, state: ModelState): Promise<void> {
    try {
      const ps = await this.control((c) => c.ps());
      const entry = ps.models.find(
        (m) => m.name === model.name || m.name === `${model.name}:latest`,
      );
      if (!entry) return;
      const contextLength = (entry as { context_length?: number }).context_length;
      if (typeof contextLength === 'number') {
        model.loaded_context_length = contextLength;
        state.loadedContextLength = contextLength;
      }
      if (!(entry.size > 0)) return;
      // Beside the fit advisor's prediction (SessionModel.fit): what Ollama really holds.
      model.loaded_size = entry.size;
      model.loaded_size_vram = entry.size_vram ?? 0;
      model.vram_share = round2((entry.size_vram ?? 0) / entry.size);
      model.placement = placementOf(entry.size, entry.size_vram);
      if (isCpuSpill(model.placement, this.deps.hasGpu())) {
        state.cpuSpill = true;
        this.deps.log(
          'warn',
          `${model.name}: only ${Math.round(model.vram_share * 100)} % of the model is in VRAM; its figures are flagged cpu_spill.`,
          model.name,
        );
      }
    } catch (err) {
      if (!this.aborted)
        this.deps.log(
          'warn',
          `No placement for ${model.name}: ${toOllamaError(err, this.deps.host).message}`,
          model.name,
        );
    }
  }

  /** After the model's tests (or a cancel): never throws. */
  async unload(model: string): Promise<void> {
    try {
      await this.deps.cleanupClient.generate({ model, prompt: '', stream: false, keep_alive: 0 });
    } catch (err) {
      this.deps.log(
        'debug',
        `${model}: unload after its tests failed: ${toOllamaError(err, this.deps.host, model).message}`,
        model,
      );
    }
  }

  /** The installed models by name (and without ":latest"); an unreachable Ollama gives none. */
  async installedModels(): Promise<Map<string, ModelInfo>> {
    const known = new Map<string, ModelInfo>();
    try {
      const tags = await this.control((c) => c.list());
      for (const t of tags.models ?? []) {
        const info = modelInfoFromTag(t);
        known.set(info.name, info);
        if (info.name.endsWith(':latest')) known.set(info.name.slice(0, -':latest'.length), info);
      }
    } catch (err) {
      if (!this.aborted) this.deps.log('warn', toOllamaError(err, this.deps.host).message);
    }
    return known;
  }

  async ollamaVersion(): Promise<string | undefined> {
    try {
      return (await this.control((c) => c.version())).version;
    } catch (err) {
      if (!this.aborted) this.deps.log('warn', toOllamaError(err, this.deps.host).message);
      return undefined;
    }
  }
}
