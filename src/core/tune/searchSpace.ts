// The options a tune searches, pruned by the fit advisor before a single trial runs:
// - num_thread: 1 to the Ollama machine's cores (a ladder of doublings, refined around its best);
// - num_gpu: only for a model the GPU does not hold whole, and only a window around the layers
//   the advisor says fit (weights and KV cache per layer against VRAM): fewer layers on the GPU
//   are slower, more spill past the cliff or fail to load;
// - num_batch: only for a goal with prompt processing;
// - num_ctx: fixed while searching; the largest context that keeps the winner's layers where they
//   are comes after (largestContextFor).
// The full grid (every thread count × every layer count × every batch size) is what a tune
// without the advisor and the search would have to run; its size measures what the search saves.
import { kvBytesPerToken, WEIGHTS_OVERHEAD, effectiveBits } from '../fit/fitAdvisor';
import type { KvCacheType } from '../fit/ggufBits';
import type { ModelGeometry } from '../fit/modelGeometry';

/** The batch sizes tried (Ollama's default is 512). */
export const BATCH_SIZES = [64, 128, 256, 512, 1024, 2048] as const;

export interface SpaceInput {
  model: string;
  /** From /api/show; without it the layers cannot be counted and num_gpu is not searched. */
  geometry?: ModelGeometry;
  fileSize?: number;
  kvCacheType?: KvCacheType;
  numCtx: number;
  /** GPU memory in bytes; undefined or 0: no GPU, everything runs on the CPU. */
  vramBytes?: number;
  /** The most threads: the Ollama machine's cores. */
  maxThreads: number;
  usesBatch: boolean;
}

export interface SearchSpace {
  /** The thread ladder: 1, 2, 4, … and the cores. */
  threads: number[];
  maxThreads: number;
  /** Layer counts to try, ascending; absent: the GPU holds the model whole, or there is none. */
  gpuLayers?: number[];
  /** The advisor's estimate of the layers the GPU holds at the search's context. */
  estimatedGpuLayers?: number;
  batches?: number[];
  /** Trials of the full grid. */
  gridSize: number;
  /** One line per option on what was pruned and why. */
  notes: string[];
}

export interface ModelBytes {
  weights: number;
  kvPerToken: number;
  layers: number;
}

export function modelBytes(input: {
  model: string;
  geometry: ModelGeometry;
  fileSize?: number;
  kvCacheType?: KvCacheType;
}): ModelBytes {
  const bits = effectiveBits(input);
  return {
    weights: ((input.geometry.params * bits) / 8) * WEIGHTS_OVERHEAD,
    kvPerToken: kvBytesPerToken(input.geometry, input.kvCacheType),
    layers: input.geometry.layers,
  };
}

/** Layers of the model the GPU holds at a context (each layer: its weights and its KV cache). */
export function layersInVram(bytes: ModelBytes, vramBytes: number, numCtx: number): number {
  const total = bytes.weights + bytes.kvPerToken * numCtx;
  return Math.max(0, Math.min(bytes.layers, Math.floor((bytes.layers * vramBytes) / total)));
}

export function threadLadder(maxThreads: number): number[] {
  const out: number[] = [];
  for (let t = 1; t < maxThreads; t *= 2) out.push(t);
  out.push(maxThreads);
  return out;
}

export function searchSpace(input: SpaceInput): SearchSpace {
  const maxThreads = Math.max(1, Math.floor(input.maxThreads));
  const threads = threadLadder(maxThreads);
  const notes = [
    `num_thread: 1–${maxThreads}, a ladder of ${threads.join(', ')} refined around its best`,
  ];
  let gridSize = maxThreads;
  const space: SearchSpace = { threads, maxThreads, gridSize, notes };
  const vram = input.vramBytes && input.vramBytes > 0 ? input.vramBytes : undefined;
  const geometry = input.geometry;
  if (vram === undefined) notes.push('num_gpu: no GPU, every layer runs on the CPU');
  else if (!geometry) notes.push("num_gpu: not searched (Ollama's /api/show gave no layer count)");
  else {
    const layers = geometry.layers;
    const estimate = layersInVram(modelBytes({ ...input, geometry }), vram, input.numCtx);
    space.estimatedGpuLayers = estimate;
    if (estimate >= layers)
      notes.push(`num_gpu: the GPU holds all ${layers} layers at num_ctx ${input.numCtx}`);
    else {
      gridSize *= layers + 1;
      const w = Math.max(2, Math.ceil(layers / 10));
      const lo = Math.max(0, estimate - w);
      const hi = Math.min(layers, estimate + w);
      space.gpuLayers = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
      notes.push(
        `num_gpu: the fit advisor estimates ${estimate} of ${layers} layers in VRAM; trying ${lo}–${hi} (fewer are slower, more spill or fail to load)`,
      );
    }
  }
  if (input.usesBatch) {
    space.batches = [...BATCH_SIZES];
    gridSize *= BATCH_SIZES.length;
    notes.push(`num_batch: ${BATCH_SIZES.join(', ')}`);
  } else notes.push('num_batch: not searched (the goal has no long prompt)');
  space.gridSize = gridSize;
  return space;
}

/**
 * The largest context (a multiple of 1024) at which the GPU still holds `gpuLayers` layers, no
 * larger than the model's training context; undefined without a GPU or when it is not above
 * `atLeast`. All layers on the GPU: the fit advisor's largest num_ctx in VRAM.
 */
export function largestContextFor(
  bytes: ModelBytes,
  vramBytes: number | undefined,
  gpuLayers: number,
  atLeast: number,
  trainingContext?: number,
): number | undefined {
  if (!vramBytes || gpuLayers <= 0) return undefined;
  const layers = Math.min(gpuLayers, bytes.layers);
  const room = (vramBytes * bytes.layers) / layers - bytes.weights;
  let ctx = Math.floor(room / bytes.kvPerToken / 1024) * 1024;
  if (trainingContext) ctx = Math.min(ctx, trainingContext);
  return ctx > atLeast ? ctx : undefined;
}
