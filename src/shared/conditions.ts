// The run conditions a session records (RunConditions in dto.ts) as compare, trends and the
// regression notification name them when two sessions differ.
import type { RunConditions } from './dto';

/** The OLLAMA_* server settings recorded: each changes speed, memory or concurrency. */
export const CONDITION_ENV_KEYS = [
  'OLLAMA_FLASH_ATTENTION',
  'OLLAMA_KV_CACHE_TYPE',
  'OLLAMA_NUM_PARALLEL',
  'OLLAMA_MAX_LOADED_MODELS',
  'OLLAMA_CONTEXT_LENGTH',
] as const;

/** Readable value of each condition (key → text), for what-changed lists; unknown ones absent. */
export function conditionValues(c: RunConditions | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!c) return out;
  // A readable environment without the variable runs with Ollama's default.
  if (c.ollama_env)
    for (const key of CONDITION_ENV_KEYS) out[key] = c.ollama_env[key] ?? 'unset (default)';
  if (c.gpu_power_limit_w?.length)
    out.gpu_power_limit = c.gpu_power_limit_w.map((w) => `${w} W`).join(' / ');
  if (c.cpu_governor) out.cpu_governor = c.cpu_governor;
  return out;
}

export const CONDITION_LABELS: Record<string, string> = {
  gpu_power_limit: 'GPU power limit',
  cpu_governor: 'CPU governor',
};
