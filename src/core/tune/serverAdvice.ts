// Settings of the Ollama server itself, which take a restart: flash attention, a quantized KV
// cache, parallel slots. Without a server of its own to restart (--serve), a tune lists them with
// the fit advisor's estimate of what each does to the KV cache and the context the GPU holds.
import { formatBytes } from '../../shared/byteSize';
import type { KvCacheType } from '../fit/ggufBits';
import { KV_CACHE_BYTES } from '../fit/ggufBits';
import type { ModelBytes } from './searchSpace';

export interface ServerSetting {
  /** The environment the server is started with. */
  env: Record<string, string>;
  /** The KV cache at the tune's context with this setting, bytes (all slots). */
  kv_bytes?: number;
  /** The largest context whose weights and KV cache fit in VRAM with it; null: not in VRAM at all. */
  max_num_ctx_in_vram?: number | null;
  effect: string;
}

/** What a restart can change, in the order worth trying. */
export const SERVER_SETTINGS: readonly Record<string, string>[] = [
  { OLLAMA_FLASH_ATTENTION: '1' },
  { OLLAMA_FLASH_ATTENTION: '1', OLLAMA_KV_CACHE_TYPE: 'q8_0' },
  { OLLAMA_FLASH_ATTENTION: '1', OLLAMA_KV_CACHE_TYPE: 'q4_0' },
  { OLLAMA_NUM_PARALLEL: '1' },
  { OLLAMA_NUM_PARALLEL: '4' },
];

export const envText = (env: Record<string, string>): string =>
  Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ') || '(no setting)';

export function serverAdvice(
  bytes: ModelBytes | undefined,
  vramBytes: number | undefined,
  numCtx: number,
): ServerSetting[] {
  return SERVER_SETTINGS.map((env) => {
    const type = (env.OLLAMA_KV_CACHE_TYPE ?? 'f16') as KvCacheType;
    const slots = Number(env.OLLAMA_NUM_PARALLEL ?? 1);
    if (!bytes) return { env, effect: words(env, type, slots) };
    const perToken = (bytes.kvPerToken / KV_CACHE_BYTES.f16) * KV_CACHE_BYTES[type] * slots;
    const kv = Math.round(perToken * numCtx);
    const max =
      vramBytes && vramBytes > bytes.weights
        ? Math.floor((vramBytes - bytes.weights) / perToken)
        : null;
    return {
      env,
      kv_bytes: kv,
      max_num_ctx_in_vram: max,
      effect: `${words(env, type, slots)} KV cache at num_ctx ${numCtx}: ${formatBytes(kv)}${max !== null ? `; largest num_ctx in VRAM: ${max}` : ''}.`,
    };
  });
}

function words(env: Record<string, string>, type: KvCacheType, slots: number): string {
  if (env.OLLAMA_NUM_PARALLEL)
    return slots === 1
      ? 'One request at a time: the whole KV cache for one context.'
      : `${slots} requests at once, each with its own context: ${slots} × the KV cache.`;
  if (type !== 'f16')
    return `A ${type} KV cache (needs flash attention): about ${type === 'q8_0' ? 'half' : 'a quarter'} of f16's memory, a little precision lost.`;
  return 'Flash attention: less memory for attention, faster long prompts; the KV cache is unchanged.';
}
