// What a session records, at its start, of the conditions that change a figure beyond the model
// and the machine: the Ollama server's settings (where its environment is readable), the GPU
// driver and power limit, and the CPU governor. Compare, trends and the regression notification
// name each one that differs between two sessions (src/core/trends/contextChanges.ts).
import { CONDITION_ENV_KEYS } from '../../shared/conditions';
import type { RunConditions } from '../../shared/dto';
import { readCpuGovernor } from '../hardware/cpuGovernor';
import { readGpuPowerLimits } from '../hardware/gpuPowerLimit';
import { linuxOllamaEnvironments } from '../hardware/ollamaRuntime';

export interface ConditionSources {
  /** The running servers' environments (Linux /proc/<pid>/environ, same user). */
  serverEnvs: () => Record<string, string>[];
  /** This process's environment: the server may have been started from the same shell. */
  clientEnv: NodeJS.ProcessEnv;
  gpuPowerLimits: () => Promise<number[] | undefined>;
  cpuGovernor: () => string | undefined;
}

export const SYSTEM_CONDITION_SOURCES: ConditionSources = {
  serverEnvs: linuxOllamaEnvironments,
  clientEnv: process.env,
  gpuPowerLimits: () => readGpuPowerLimits(),
  cpuGovernor: () => readCpuGovernor(),
};

/** The OLLAMA_* settings of the first readable environment, and where they came from. */
export function ollamaEnvOf(
  sources: Pick<ConditionSources, 'serverEnvs' | 'clientEnv'>,
): Pick<RunConditions, 'ollama_env' | 'ollama_env_source'> {
  const pick = (env: Record<string, string | undefined>) => {
    const out: Record<string, string> = {};
    for (const key of CONDITION_ENV_KEYS) {
      const v = env[key]?.trim();
      if (v) out[key] = v;
    }
    return out;
  };
  const [server] = sources.serverEnvs();
  if (server) return { ollama_env: pick(server), ollama_env_source: 'server' };
  const client = pick(sources.clientEnv);
  return Object.keys(client).length ? { ollama_env: client, ollama_env_source: 'client' } : {};
}

/** The conditions besides Ollama's version and the GPU driver (which the runner has already). */
export async function readRunConditions(
  sources: ConditionSources = SYSTEM_CONDITION_SOURCES,
): Promise<RunConditions> {
  const limits = await sources.gpuPowerLimits().catch(() => undefined);
  const governor = sources.cpuGovernor();
  return {
    ...ollamaEnvOf(sources),
    ...(limits ? { gpu_power_limit_w: limits } : {}),
    ...(governor ? { cpu_governor: governor } : {}),
  };
}
