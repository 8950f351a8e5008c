// What the engine needs of the hardware layer. The real implementation (systeminformation for the
// inventory, a worker_threads sampler for the series) lives beside this file; tests pass fakes.
import type { HardwareConfig, HardwareSample } from '../../shared/dto';

export interface SamplingHandle {
  /** Stops sampling and releases the worker and any child process. Idempotent. */
  stop(): Promise<void>;
}

export interface HardwareMonitor {
  /** The machine's inventory with its fingerprint (taken once per session). */
  inventory(): Promise<HardwareConfig>;
  /** Starts the background sampler; each sample is passed to onSample as it arrives. */
  start(
    options: { intervalMs: number },
    onSample: (sample: HardwareSample) => void,
  ): Promise<SamplingHandle>;
}
