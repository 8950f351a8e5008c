// VRAM held by the models Ollama has loaded, from GET /api/ps every few seconds. It is the VRAM
// figure on machines nvidia-smi cannot read (Apple Silicon, AMD): the sum of each model's size_vram.
import type { HardwareLog } from './hardwareLog';

export interface OllamaPsPollerOptions {
  host: string;
  everyMs: number;
  log: HardwareLog;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Σ size_vram of /api/ps's body; undefined when the body is not /api/ps's shape. */
export function vramOfPs(body: unknown): number | undefined {
  const models = (body as { models?: unknown } | null)?.models;
  if (!Array.isArray(models)) return undefined;
  let sum = 0;
  for (const m of models) {
    const v = (m as { size_vram?: unknown } | null)?.size_vram;
    if (typeof v === 'number' && Number.isFinite(v)) sum += v;
  }
  return sum;
}

export class OllamaPsPoller {
  private value: { bytes: number; at: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: AbortController | undefined;
  private failing = false;
  private stopped = false;

  constructor(private readonly options: OllamaPsPollerOptions) {}

  start(): void {
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.options.everyMs);
    this.timer.unref();
  }

  /** The latest figure if it is recent enough to describe now. */
  latest(now: number): number | undefined {
    if (!this.value || now - this.value.at > this.options.everyMs * 2 + 1000) return undefined;
    return this.value.bytes;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.inFlight?.abort();
  }

  private async poll(): Promise<void> {
    if (this.inFlight || this.stopped) return;
    const controller = new AbortController();
    this.inFlight = controller;
    const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 1500);
    try {
      const res = await (this.options.fetch ?? fetch)(`${this.options.host}/api/ps`, {
        signal: controller.signal,
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const bytes = vramOfPs(await res.json());
      if (bytes === undefined) throw new Error('the answer is not /api/ps');
      this.value = { bytes, at: Date.now() };
      if (this.failing) this.options.log('info', `Ollama's /api/ps answers again`);
      this.failing = false;
    } catch (err) {
      this.value = undefined;
      if (!this.failing && !this.stopped) {
        const e = err as Error & { cause?: { code?: string } };
        const why = e.name === 'AbortError' ? 'no answer in time' : (e.cause?.code ?? e.message);
        this.options.log(
          'warn',
          `Ollama's /api/ps at ${this.options.host} could not be read (${why}): VRAM per model not available`,
        );
      }
      this.failing = true;
    } finally {
      clearTimeout(timeout);
      this.inFlight = undefined;
    }
  }
}
