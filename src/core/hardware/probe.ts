// What a platform's reader gives the sampler each tick, and how often the costlier readings run.
import type { HardwareSample } from '../../shared/dto';

/** Figures of one tick, without the timestamp and GPU fields the sampler adds. */
export type ProbeReading = Omit<HardwareSample, 't' | 'gpus' | 'vram_models'>;

export interface Probe {
  /** Synchronous and cheap: slow sources are refreshed in the background and their latest value returned. */
  read(now: number): ProbeReading;
  close(): void;
}

/**
 * Rates of the readings that cost more than a /proc read, slower than the sampling tick so the
 * sampler stays well under 1 % of a core (npm run bench:sampler measures it).
 */
export interface SamplerTuning {
  /** How often the list of Ollama processes is rebuilt (scanning /proc costs ~1 ms per 100 processes). */
  pidRefreshMs: number;
  /** CPU clock. */
  frequencyMs: number;
  /** At most every 5 s: hwmon reads can take milliseconds on some boards. */
  temperatureMs: number;
  /** Disk and network rates. */
  ioMs: number;
  /** Ollama's /api/ps (VRAM held by each loaded model). */
  ollamaPsMs: number;
  /** macOS and Windows: systeminformation calls that spawn a process run at most this often. */
  spawningCallMs: number;
  /** nvidia-smi restarts: first delay, doubled per failure up to the max. */
  nvidiaInitialBackoffMs: number;
  nvidiaMaxBackoffMs: number;
}

export const DEFAULT_TUNING: SamplerTuning = {
  pidRefreshMs: 15_000,
  frequencyMs: 1_000,
  temperatureMs: 5_000,
  ioMs: 2_000,
  ollamaPsMs: 3_000,
  spawningCallMs: 1_000,
  nvidiaInitialBackoffMs: 1_000,
  nvidiaMaxBackoffMs: 60_000,
};

/** Runs `task` when at least everyMs passed since it last ran (first call runs it). */
export class Every {
  private last = -Infinity;
  constructor(private readonly everyMs: number) {}
  due(now: number): boolean {
    if (now - this.last < this.everyMs) return false;
    this.last = now;
    return true;
  }
}

/** Bytes per second between two cumulative counters; undefined on the first reading or a reset. */
export class RateMeter {
  private prev: { value: number; at: number } | undefined;
  rate(value: number, at: number): number | undefined {
    const prev = this.prev;
    this.prev = { value, at };
    if (!prev || at <= prev.at || value < prev.value) return undefined;
    return ((value - prev.value) * 1000) / (at - prev.at);
  }
}
