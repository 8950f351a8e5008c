// The real HardwareMonitor: the inventory from systeminformation (machine facts once per monitor,
// Ollama's version on every call) and sampling in a worker thread.
import type { HardwareConfig, HardwareSample } from '../../shared/dto';
import type { HardwareLog } from './hardwareLog';
import { silentLog } from './hardwareLog';
import type { HardwareMonitor, SamplingHandle } from './hardwareMonitor';
import {
  gatherMachineFacts,
  hardwareFingerprint,
  toHardwareConfig,
  type MachineFacts,
} from './inventory';
import { readOllamaRuntime } from './ollamaRuntime';
import type { SamplerTuning } from './probe';
import type { SamplerSettings } from './sampler';
import { startSamplerWorker } from './samplerWorker';

export interface HardwareMonitorOptions {
  /** Ollama's base URL: the inventory asks it for its version, the sampler polls /api/ps. */
  ollamaHost?: string;
  log?: HardwareLog;
  /** The nvidia-smi executable (default `nvidia-smi` on PATH); null reads no NVIDIA GPU. */
  nvidiaSmiPath?: string | null;
  /** The worker's entry file, when not beside this module (dist/) or its source (tsx). */
  workerFile?: string;
  /** Rates of the costlier readings (tests shorten them). */
  tuning?: Partial<SamplerTuning>;
  /** Where facts come from (tests pass recorded ones). */
  gatherFacts?: () => Promise<MachineFacts>;
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
}

export function createHardwareMonitor(options: HardwareMonitorOptions = {}): HardwareMonitor {
  const log = options.log ?? silentLog;
  let machine: Promise<Omit<HardwareConfig, 'fingerprint'>> | undefined;
  return {
    async inventory(): Promise<HardwareConfig> {
      machine ??= (options.gatherFacts ?? gatherMachineFacts)().then(toHardwareConfig);
      // A failed gathering is retried on the next call rather than remembered.
      const facts = await machine.catch((err: unknown) => {
        machine = undefined;
        throw err;
      });
      const ollama = await readOllamaRuntime(options.ollamaHost, {
        fetch: options.fetch,
        env: options.env,
      });
      const config: HardwareConfig = { ...facts, fingerprint: hardwareFingerprint(facts) };
      if (Object.keys(ollama).length) config.ollama = ollama;
      return config;
    },
    async start(
      start: { intervalMs: number },
      onSample: (sample: HardwareSample) => void,
    ): Promise<SamplingHandle> {
      const settings: SamplerSettings = {
        intervalMs: start.intervalMs,
        ollamaHost: options.ollamaHost,
        nvidiaSmi: options.nvidiaSmiPath,
        tuning: options.tuning,
      };
      return startSamplerWorker(settings, { log, onSample, workerFile: options.workerFile });
    },
  };
}
