// What happens to a model around its tests, outside any measurement: the unload that makes the
// next load cold, the load with the session's num_ctx (Ollama reloads on a num_ctx change), where
// the loaded model sits (/api/ps: VRAM or partly CPU), the warm-up request, and the final unload so
// the next model is measured with the memory free.
import type { Ollama } from 'ollama';
import type { ModelInfo, SessionModel, SuiteDefinition } from '../../shared/dto';
import type { LogLevel } from '../../shared/events';
import { modelInfoFromTag } from '../ollama/discovery';
import { toOllamaError } from '../ollama/ollamaErrors';
import { abortable, generateRequest, observeGeneration, type SessionSettings } from './generation';
import { nsToMs } from './metrics';
import { round2 } from './stats';

export interface ModelState {
  loadTimeMs?: number;
  loadedCtx?: number;
  cpuSpill: boolean;
}

export interface LifecycleDeps {
  client: Ollama;
  /** Not tied to the session's signal: unloads still run after a cancel. */
  cleanupClient: Ollama;
  host: string;
  settings: SessionSettings;
  signal?: AbortSignal;
  clock: () => number;
  nonce: () => string;
  /** Retries a busy (503) answer; see retry.ts. */
  retry: <T>(fn: () => Promise<T>, model: string) => Promise<T>;
  log: (level: LogLevel, message: string, model?: string) => void;
}

export class ModelLifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  private get aborted(): boolean {
    return this.deps.signal?.aborted ?? false;
  }

  /** Asks Ollama to drop the model now (keep_alive 0), so the next load is cold. */
  async unloadForColdStart(model: string): Promise<void> {
    await this.deps.retry(
      () =>
        abortable(
          this.deps.client.generate({ model, prompt: '', stream: false, keep_alive: 0 }),
          this.deps.signal,
        ),
      model,
    );
  }

  /** Loads the model with num_ctx; returns load_duration in ms. */
  async load(model: SessionModel, numCtx: number, state: ModelState): Promise<number> {
    const res = await this.deps.retry(
      () =>
        abortable(
          this.deps.client.generate({
            model: model.name,
            prompt: '',
            stream: false,
            keep_alive: this.deps.settings.keepAlive,
            options: { num_ctx: numCtx },
          }),
          this.deps.signal,
        ),
      model.name,
    );
    state.loadedCtx = numCtx;
    await this.checkPlacement(model, state);
    return nsToMs(res.load_duration);
  }

  /** /api/ps: a model with size_vram < size runs partly on the CPU. */
  private async checkPlacement(model: SessionModel, state: ModelState): Promise<void> {
    try {
      const ps = await abortable(this.deps.client.ps(), this.deps.signal);
      const entry = ps.models.find(
        (m) => m.name === model.name || m.name === `${model.name}:latest`,
      );
      if (!entry) return;
      const contextLength = (entry as { context_length?: number }).context_length;
      if (typeof contextLength === 'number') model.loaded_context_length = contextLength;
      if (entry.size > 0) model.vram_share = round2((entry.size_vram ?? 0) / entry.size);
      if ((entry.size_vram ?? 0) < entry.size) {
        state.cpuSpill = true;
        this.deps.log(
          'warn',
          `${model.name}: only ${Math.round(((entry.size_vram ?? 0) / entry.size) * 100)} % of the model is in VRAM; its figures are flagged cpu_spill.`,
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

  /** One short request with the first suite's first prompt, not counted. */
  async warmUp(model: string, suite: SuiteDefinition): Promise<void> {
    const options = {
      ...suite.options,
      num_ctx: this.deps.settings.numCtx,
      num_predict: Math.min(suite.options.num_predict, 32),
    };
    const req = generateRequest(
      model,
      suite.prompts[0]!,
      this.deps.nonce(),
      options,
      this.deps.settings,
    );
    await this.deps.retry(
      () => observeGeneration(this.deps.client, req, this.deps.clock, this.deps.signal),
      model,
    );
    this.deps.log('debug', `${model}: warm-up done (not counted).`, model);
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
      const tags = await abortable(this.deps.client.list(), this.deps.signal);
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
      return (await abortable(this.deps.client.version(), this.deps.signal)).version;
    } catch (err) {
      if (!this.aborted) this.deps.log('warn', toOllamaError(err, this.deps.host).message);
      return undefined;
    }
  }
}
