// Messages between the sampler worker and the thread that started it.
import type { HardwareSample } from '../../shared/dto';
import type { HardwareLogLevel } from './hardwareLog';
import type { SamplerSettings } from './sampler';

export interface SamplerWorkerData {
  settings: SamplerSettings;
}

export type FromSamplerWorker =
  | { type: 'ready' }
  | { type: 'sample'; sample: HardwareSample }
  | { type: 'log'; level: HardwareLogLevel; message: string }
  /** A child process (nvidia-smi) started or ended: the parent kills those left if the worker dies. */
  | { type: 'child'; event: 'spawn' | 'exit'; pid: number }
  | { type: 'stopped' };

export type ToSamplerWorker = { type: 'stop' };
