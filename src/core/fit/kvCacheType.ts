// The KV cache type the Ollama server runs with (OLLAMA_KV_CACHE_TYPE): read from the running
// `ollama` process's environment where Linux lets us, else this process's; f16 when unset.
import { findOllamaPids } from '../hardware/linuxProbe';
import { parseEnviron } from '../hardware/ollamaRuntime';
import { readProcFile } from '../hardware/procfs';
import { isKvCacheType, type KvCacheType } from './ggufBits';

export function serverKvCacheType(env: NodeJS.ProcessEnv = process.env): KvCacheType {
  const servers =
    process.platform === 'linux'
      ? findOllamaPids()
          .map((pid) => readProcFile(`/proc/${pid}/environ`))
          .filter((t): t is string => t !== undefined)
          .map(parseEnviron)
      : [];
  for (const source of [...servers, env]) {
    const v = source.OLLAMA_KV_CACHE_TYPE?.trim().toLowerCase();
    if (isKvCacheType(v)) return v;
  }
  return 'f16';
}
