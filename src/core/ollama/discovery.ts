// Lists the local models with what a user chooses by: /api/tags for the list, /api/show for the
// details tags lack (context length, capabilities), /api/ps for what is loaded and where.
import { Ollama, type ModelResponse } from 'ollama';
import type { ModelInfo } from '../../shared/dto';
import { createDeadlineFetch } from './deadlineFetch';
import { OllamaError, toOllamaError } from './ollamaErrors';

export interface DiscoveryOptions {
  /** Deadline for each discovery request. Default 5 s: a tree must not hang. */
  timeoutMs?: number;
  /** A fetch to use instead of Node's (tests). */
  fetch?: typeof fetch;
  /** Called for a model whose /api/show failed (it is still listed, with less detail). */
  onWarning?: (message: string) => void;
}

/** A time as ISO 8601 UTC. Ollama sends strings with nanoseconds and an offset; kept as is if unparsable. */
const iso = (d: unknown): string | undefined => {
  if (d instanceof Date) return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  if (typeof d !== 'string' || !d) return undefined;
  const parsed = new Date(d);
  return Number.isNaN(parsed.getTime()) ? d : parsed.toISOString();
};

/** model_info keys are "<architecture>.context_length"; a Map or a plain object on the wire. */
function contextLengthOf(modelInfo: unknown): number | undefined {
  const entries: [string, unknown][] =
    modelInfo instanceof Map
      ? [...modelInfo.entries()]
      : Object.entries((modelInfo ?? {}) as object);
  const hit = entries.find(([k, v]) => k.endsWith('.context_length') && typeof v === 'number');
  return hit ? (hit[1] as number) : undefined;
}

/** One /api/tags entry as the model's info (not loaded; /api/show and /api/ps add the rest). */
export function modelInfoFromTag(t: ModelResponse): ModelInfo {
  return {
    name: t.name,
    digest: t.digest,
    size: t.size,
    modified_at: iso(t.modified_at),
    family: t.details?.family || undefined,
    families: t.details?.families ?? undefined,
    parameter_size: t.details?.parameter_size || undefined,
    quantization_level: t.details?.quantization_level || undefined,
    format: t.details?.format || undefined,
    loaded: false,
  };
}

export async function discoverModels(
  host: string,
  options: DiscoveryOptions = {},
): Promise<ModelInfo[]> {
  const client = new Ollama({
    host,
    fetch: createDeadlineFetch(options.timeoutMs ?? 5000, options.fetch),
  });
  let tags: Awaited<ReturnType<typeof client.list>>;
  let ps: Awaited<ReturnType<typeof client.ps>>;
  try {
    [tags, ps] = await Promise.all([client.list(), client.ps()]);
    if (!Array.isArray(tags?.models) || !Array.isArray(ps?.models)) {
      throw new OllamaError(
        'bad-response',
        `${host} did not answer like Ollama (no model list): is this Ollama's address?`,
        host,
      );
    }
  } catch (err) {
    throw toOllamaError(err, host);
  }

  const running = new Map(ps.models.map((m) => [m.name, m]));
  const models = await Promise.all(
    tags.models.map(async (t): Promise<ModelInfo> => {
      const info = modelInfoFromTag(t);
      try {
        const show = await client.show({ model: t.name });
        info.context_length = contextLengthOf(show.model_info);
        info.capabilities = Array.isArray(show.capabilities) ? show.capabilities : undefined;
        info.family ??= show.details?.family || undefined;
        info.parameter_size ??= show.details?.parameter_size || undefined;
        info.quantization_level ??= show.details?.quantization_level || undefined;
      } catch (err) {
        options.onWarning?.(
          `No details for ${t.name}: ${toOllamaError(err, host, t.name).message}`,
        );
      }
      const p = running.get(t.name);
      if (p) {
        info.loaded = true;
        info.size_vram = p.size_vram;
        info.vram_share = p.size > 0 ? p.size_vram / p.size : undefined;
        info.expires_at = iso(p.expires_at);
        const ctx = (p as { context_length?: unknown }).context_length;
        if (typeof ctx === 'number') info.loaded_context_length = ctx;
      }
      return stripUndefined(info);
    }),
  );
  return models.sort((a, b) => a.name.localeCompare(b.name));
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
