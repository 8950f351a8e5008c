// What the inventory records about Ollama itself: its version (GET /api/version) and the server
// settings that change what a benchmark measures (OLLAMA_NUM_PARALLEL, OLLAMA_MAX_LOADED_MODELS).
import type { HardwareConfig } from '../../shared/dto';
import { findOllamaPids } from './linuxProbe';
import { readProcFile } from './procfs';

export type OllamaRuntime = NonNullable<HardwareConfig['ollama']>;

/** Ollama's version, or undefined when it does not answer in time (the inventory still stands). */
export async function readOllamaVersion(
  host: string,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<string | undefined> {
  try {
    const res = await (options.fetch ?? fetch)(`${host}/api/version`, {
      signal: AbortSignal.timeout(options.timeoutMs ?? 2000),
    });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { version?: unknown };
    return typeof body.version === 'string' && body.version ? body.version : undefined;
  } catch {
    return undefined;
  }
}

/** KEY=value pairs of a NUL-separated /proc/<pid>/environ. */
export function parseEnviron(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of text.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

/**
 * The server's settings: read from the running `ollama` process's environment where Linux lets us
 * (same user), else from this process's environment (the server may have been started from it).
 */
export function readOllamaSettings(
  env: NodeJS.ProcessEnv = process.env,
  serverEnvs: () => Record<string, string>[] = linuxOllamaEnvironments,
): Pick<OllamaRuntime, 'num_parallel' | 'max_loaded_models'> {
  const sources = [...serverEnvs(), env];
  const pick = (key: string) =>
    sources.map((s) => s[key]?.trim()).find((v): v is string => !!v) ?? undefined;
  const out: Pick<OllamaRuntime, 'num_parallel' | 'max_loaded_models'> = {};
  const parallel = pick('OLLAMA_NUM_PARALLEL');
  const maxLoaded = pick('OLLAMA_MAX_LOADED_MODELS');
  if (parallel) out.num_parallel = parallel;
  if (maxLoaded) out.max_loaded_models = maxLoaded;
  return out;
}

/** The environments of the running `ollama` processes this user may read (Linux); else none. */
export function linuxOllamaEnvironments(): Record<string, string>[] {
  if (process.platform !== 'linux') return [];
  return findOllamaPids()
    .map((pid) => readProcFile(`/proc/${pid}/environ`))
    .filter((t): t is string => t !== undefined)
    .map(parseEnviron);
}

export async function readOllamaRuntime(
  host: string | undefined,
  options: { timeoutMs?: number; fetch?: typeof fetch; env?: NodeJS.ProcessEnv } = {},
): Promise<OllamaRuntime> {
  const version = host ? await readOllamaVersion(host, options) : undefined;
  return { ...(version ? { version } : {}), ...readOllamaSettings(options.env) };
}
