// Effective bits per weight of the GGUF quantization types Ollama reports as quantization_level.
// Plain block types from their block layout (Q4_0: 32 weights in 16 bytes + an f16 scale = 4.5);
// the K-quant mixes (_S/_M/_L keep some tensors at a higher type) as llama.cpp's quantize tool
// reports them for Llama-class models. Used by the fit advisor's weights estimate.
export const GGUF_BITS_PER_WEIGHT: Readonly<Record<string, number>> = {
  F32: 32,
  F16: 16,
  BF16: 16,
  Q8_0: 8.5,
  Q8_K: 9.125,
  Q6_K: 6.5625,
  Q5_0: 5.5,
  Q5_1: 6,
  Q5_K_S: 5.54,
  Q5_K_M: 5.69,
  Q4_0: 4.5,
  Q4_1: 5,
  Q4_K_S: 4.58,
  Q4_K_M: 4.85,
  Q3_K_S: 3.5,
  Q3_K_M: 3.91,
  Q3_K_L: 4.27,
  Q2_K: 3.35,
  IQ4_NL: 4.5,
  IQ4_XS: 4.25,
  IQ3_S: 3.44,
  IQ3_M: 3.66,
  IQ3_XS: 3.3,
  IQ3_XXS: 3.06,
  IQ2_M: 2.7,
  IQ2_S: 2.5,
  IQ2_XS: 2.31,
  IQ2_XXS: 2.06,
  IQ1_M: 1.75,
  IQ1_S: 1.56,
  MXFP4: 4.25,
};

/** Bits per weight of a quantization level ("Q4_K_M", "q4_k_m"), or undefined when unknown. */
export function bitsPerWeight(level: string | undefined): number | undefined {
  if (!level) return undefined;
  return GGUF_BITS_PER_WEIGHT[level.trim().toUpperCase()];
}

/** Bytes per element of Ollama's KV cache types (OLLAMA_KV_CACHE_TYPE): q8_0/q4_0 are blocks of 32. */
export const KV_CACHE_BYTES: Readonly<Record<KvCacheType, number>> = {
  f16: 2,
  q8_0: 34 / 32,
  q4_0: 18 / 32,
};

export type KvCacheType = 'f16' | 'q8_0' | 'q4_0';

export function isKvCacheType(v: unknown): v is KvCacheType {
  return v === 'f16' || v === 'q8_0' || v === 'q4_0';
}
