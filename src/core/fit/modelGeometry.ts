// What the fit advisor needs of a model, read from Ollama's /api/show: the parameter count, the
// quantization level and the attention geometry of its architecture (model_info keys are
// prefixed with general.architecture, e.g. llama.block_count).

export interface ModelGeometry {
  params: number;
  quantization?: string;
  layers: number;
  kvHeads: number;
  headDim: number;
  /** The context the model was trained for (caps the advisor's largest num_ctx). */
  contextLength?: number;
}

/** A model_info object (plain JSON, or the Map the client's types announce). */
type ModelInfoLike = Record<string, unknown> | Map<string, unknown>;

export interface ShowLike {
  model_info?: ModelInfoLike;
  details?: { quantization_level?: string };
}

export class GeometryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeometryError';
  }
}

export function geometryFromShow(model: string, show: ShowLike): ModelGeometry {
  const info = show.model_info;
  const get = (key: string): unknown => (info instanceof Map ? info.get(key) : info?.[key]);
  const num = (key: string): number | undefined => {
    const v = get(key);
    // Some GGUFs store per-layer lists (e.g. head_count_kv per layer): the largest layer counts.
    if (Array.isArray(v)) {
      const nums = v.filter((x): x is number => typeof x === 'number');
      return nums.length ? Math.max(...nums) : undefined;
    }
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
  };
  const arch = get('general.architecture');
  if (typeof arch !== 'string' || !arch)
    throw new GeometryError(`Ollama's /api/show for ${model} names no general.architecture`);
  const params = num('general.parameter_count');
  const layers = num(`${arch}.block_count`);
  const heads = num(`${arch}.attention.head_count`);
  const kvHeads = num(`${arch}.attention.head_count_kv`) ?? heads;
  const embedding = num(`${arch}.embedding_length`);
  const headDim =
    num(`${arch}.attention.key_length`) ?? (embedding && heads ? embedding / heads : undefined);
  if (!params || !layers || !kvHeads || !headDim) {
    const missing = [
      !params && 'general.parameter_count',
      !layers && `${arch}.block_count`,
      !kvHeads && `${arch}.attention.head_count_kv`,
      !headDim && `${arch}.attention.key_length (or embedding_length and head_count)`,
    ].filter(Boolean);
    throw new GeometryError(
      `Ollama's /api/show for ${model} lacks ${missing.join(', ')}: the fit cannot be estimated`,
    );
  }
  const out: ModelGeometry = { params, layers, kvHeads, headDim };
  const q = show.details?.quantization_level;
  if (q) out.quantization = q;
  const ctx = num(`${arch}.context_length`);
  if (ctx) out.contextLength = ctx;
  return out;
}
