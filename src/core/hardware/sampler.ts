// The sampling loop: one HardwareSample per interval from the platform's reader, the nvidia-smi
// stream and Ollama's /api/ps. It runs inside the worker (hardwareSampler.worker.ts) so nothing it
// does can stall the extension host; it can also run in-process (tests, the bench's comparison).
import type { HardwareSample } from '../../shared/dto';
import type { HardwareLog } from './hardwareLog';
import { LinuxProbe } from './linuxProbe';
import { NvidiaSmiStream } from './nvidiaSmiStream';
import { OllamaPsPoller } from './ollamaPsPoller';
import { PortableProbe } from './portableProbe';
import { DEFAULT_TUNING, type Probe, type SamplerTuning } from './probe';
import { readProcFile } from './procfs';
import { clampSamplingInterval } from './samplingInterval';

export interface SamplerSettings {
  intervalMs: number;
  /** Ollama's base URL for /api/ps; without it vram_models stays absent. */
  ollamaHost?: string;
  /** The nvidia-smi executable (default: `nvidia-smi` on PATH); null reads no NVIDIA GPU. */
  nvidiaSmi?: string | null;
  /** 'auto' uses /proc where it exists; 'portable' forces the os + systeminformation reader. */
  reader?: 'auto' | 'portable';
  tuning?: Partial<SamplerTuning>;
}

export interface SamplerHooks {
  log: HardwareLog;
  onSample: (sample: HardwareSample) => void;
  /** Each nvidia-smi child started and ended, so the owner can kill it should this loop die. */
  onChild?: (event: 'spawn' | 'exit', pid: number) => void;
}

export class Sampler {
  private readonly probe: Probe;
  private readonly nvidia: NvidiaSmiStream | undefined;
  private readonly ps: OllamaPsPoller | undefined;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    settings: SamplerSettings,
    private readonly hooks: SamplerHooks,
  ) {
    const tuning = { ...DEFAULT_TUNING, ...settings.tuning };
    this.intervalMs = clampSamplingInterval(settings.intervalMs);
    const useProc =
      settings.reader !== 'portable' &&
      process.platform === 'linux' &&
      readProcFile('/proc/stat') !== undefined;
    this.probe = useProc ? new LinuxProbe(tuning) : new PortableProbe(tuning, hooks.log);
    if (settings.nvidiaSmi !== null && process.platform !== 'darwin') {
      this.nvidia = new NvidiaSmiStream({
        command: settings.nvidiaSmi,
        intervalMs: this.intervalMs,
        log: hooks.log,
        initialBackoffMs: tuning.nvidiaInitialBackoffMs,
        maxBackoffMs: tuning.nvidiaMaxBackoffMs,
        onChild: hooks.onChild,
      });
    }
    if (settings.ollamaHost) {
      this.ps = new OllamaPsPoller({
        host: settings.ollamaHost,
        everyMs: tuning.ollamaPsMs,
        log: hooks.log,
      });
    }
  }

  start(): void {
    this.nvidia?.start();
    this.ps?.start();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  /** One sample now (the loop calls this each interval). */
  tick(now = Date.now()): HardwareSample {
    const sample: HardwareSample = { t: now, ...this.probe.read(now) };
    // nvidia-smi prints every interval; a reading older than a few is from a stalled child.
    const gpus = this.nvidia?.latest(now, Math.max(3 * this.intervalMs, 2000));
    if (gpus) sample.gpus = gpus;
    const vram = this.ps?.latest(now);
    if (vram !== undefined) sample.vram_models = vram;
    this.hooks.onSample(sample);
    return sample;
  }

  /** Stops the loop, the poller and the nvidia-smi child. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.timer) clearInterval(this.timer);
      this.ps?.stop();
      this.probe.close();
      await this.nvidia?.stop();
    })();
    return this.stopping;
  }
}
