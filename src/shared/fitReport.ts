// The fit advisor's answer, as `ollama-bench fit --json` prints it and the Models tree shows it.

export type FitVerdict = 'fits' | 'partial' | 'cpu' | 'too_big';

export interface FitReport {
  model: string;
  params: number;
  bits_per_weight: number;
  /** params × bits/8 × 1.2 (the 20 % covers buffers and the compute graph). */
  weights_bytes: number;
  /** 2 × layers × kv_heads × head_dim × num_ctx × bytes per element. */
  kv_bytes: number;
  total_bytes: number;
  /** The machine's GPU memory; null without a GPU. */
  vram_bytes: number | null;
  verdict: FitVerdict;
  /** The share that would run on the GPU, 0–1. */
  gpu_share: number;
  /** The largest num_ctx whose whole model fits in VRAM; null without a GPU or room. */
  max_num_ctx_in_vram: number | null;
}
