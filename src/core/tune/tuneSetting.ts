// One point of a tune's search: the per-request options a trial sends. An option left out is
// Ollama's own choice; the default trial leaves out all but the context.
import type { ModelLoadOptions } from '../../shared/dto';

export interface TuneSetting extends ModelLoadOptions {
  num_ctx: number;
}

/** The options in a fixed order, the ones set only: the key of a setting and its label. */
const ORDER = ['num_gpu', 'num_thread', 'num_batch', 'num_ctx'] as const;

export function settingKey(s: TuneSetting): string {
  return ORDER.filter((k) => s[k] !== undefined)
    .map((k) => `${k}=${s[k]}`)
    .join(' ');
}

/** The options a trial's session is run with beside its num_ctx. */
export function loadOptionsOfSetting(s: TuneSetting): ModelLoadOptions {
  const { num_ctx: _, ...load } = s;
  return load;
}

/** The options as Ollama's `options` (the Modelfile's PARAMETER lines, /api/create's parameters). */
export function settingParameters(s: TuneSetting): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of ORDER) {
    const v = s[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}
