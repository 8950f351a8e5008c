// Will a model at a context fit in this machine's GPU? Weights ≈ params × bits/8 × 1.2 (the 20 %
// for buffers and the compute graph), KV cache = 2 (K and V) × layers × kv_heads × head_dim ×
// num_ctx × bytes per element; their sum against VRAM (all on the GPU: fits; part: partial) or,
// without a GPU, RAM (cpu), and neither: too_big. Pure arithmetic, so a test can check it by hand.
import type { FitReport } from '../../shared/fitReport';
import { bitsPerWeight, KV_CACHE_BYTES, type KvCacheType } from './ggufBits';
import type { ModelGeometry } from './modelGeometry';

export const WEIGHTS_OVERHEAD = 1.2;

export interface FitMachine {
  /** Total GPU memory in bytes; undefined or 0 without a GPU. */
  vramBytes?: number;
  /** RAM in bytes (undefined: not known, so never too_big on its account). */
  ramBytes?: number;
}

export interface FitRequest {
  model: string;
  geometry: ModelGeometry;
  numCtx: number;
  kvCacheType?: KvCacheType;
  /** Bytes on disk: gives the bits per weight when the quantization level is not in the table. */
  fileSize?: number;
}

export function kvBytesPerToken(g: ModelGeometry, type: KvCacheType = 'f16'): number {
  return 2 * g.layers * g.kvHeads * g.headDim * KV_CACHE_BYTES[type];
}

export function effectiveBits(req: Pick<FitRequest, 'geometry' | 'fileSize' | 'model'>): number {
  const known = bitsPerWeight(req.geometry.quantization);
  if (known !== undefined) return known;
  if (req.fileSize && req.geometry.params) return (req.fileSize * 8) / req.geometry.params;
  throw new Error(
    `${req.model}: unknown quantization level ${JSON.stringify(req.geometry.quantization ?? null)} and no file size to derive the bits per weight from`,
  );
}

export function adviseFit(req: FitRequest, machine: FitMachine): FitReport {
  if (!Number.isInteger(req.numCtx) || req.numCtx < 1)
    throw new RangeError(`num_ctx must be a whole number ≥ 1, not ${req.numCtx}`);
  const bits = effectiveBits(req);
  const weights = Math.round(((req.geometry.params * bits) / 8) * WEIGHTS_OVERHEAD);
  const perToken = kvBytesPerToken(req.geometry, req.kvCacheType);
  const kv = Math.round(perToken * req.numCtx);
  const total = weights + kv;
  const vram = machine.vramBytes && machine.vramBytes > 0 ? machine.vramBytes : null;
  const ram = machine.ramBytes ?? Infinity;
  let verdict: FitReport['verdict'];
  let share: number;
  if (vram === null) {
    verdict = total <= ram ? 'cpu' : 'too_big';
    share = 0;
  } else if (total <= vram) {
    verdict = 'fits';
    share = 1;
  } else {
    verdict = total <= vram + ram ? 'partial' : 'too_big';
    share = vram / total;
  }
  let maxCtx: number | null = null;
  if (vram !== null && vram > weights) {
    maxCtx = Math.floor((vram - weights) / perToken);
    if (req.geometry.contextLength) maxCtx = Math.min(maxCtx, req.geometry.contextLength);
    if (maxCtx < 1) maxCtx = null;
  }
  return {
    model: req.model,
    params: req.geometry.params,
    bits_per_weight: bits,
    weights_bytes: weights,
    kv_bytes: kv,
    total_bytes: total,
    vram_bytes: vram,
    verdict,
    gpu_share: share,
    max_num_ctx_in_vram: maxCtx,
  };
}

/** A num_ctx to offer instead of one that spills: the largest power of two ≥ 512 that fits. */
export function suggestedNumCtx(report: FitReport): number | undefined {
  if (report.max_num_ctx_in_vram === null || report.max_num_ctx_in_vram < 512) return undefined;
  return 2 ** Math.floor(Math.log2(report.max_num_ctx_in_vram));
}
