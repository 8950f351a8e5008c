// The fit advisor against hand-computed figures for three real model geometries (the published
// Llama 3.2 3B, Llama 3.1 8B and Llama 3.1 70B architectures, as Ollama's /api/show gives them).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adviseFit, suggestedNumCtx } from '../../src/core/fit/fitAdvisor';
import { bitsPerWeight } from '../../src/core/fit/ggufBits';
import { GeometryError, geometryFromShow } from '../../src/core/fit/modelGeometry';

/** /api/show's model_info of a Llama-architecture GGUF. */
function show(params: number, layers: number, heads: number, embedding: number, quant = 'Q4_K_M') {
  return {
    details: { quantization_level: quant },
    model_info: {
      'general.architecture': 'llama',
      'general.parameter_count': params,
      'llama.block_count': layers,
      'llama.attention.head_count': heads,
      'llama.attention.head_count_kv': 8,
      'llama.embedding_length': embedding,
      'llama.attention.key_length': 128,
      'llama.context_length': 131072,
    },
  };
}

const LLAMA_3B = geometryFromShow('llama3.2:3b', show(3_212_749_888, 28, 24, 3072));
const LLAMA_8B = geometryFromShow('llama3.1:8b', show(8_030_261_248, 32, 32, 4096));
const LLAMA_70B = geometryFromShow('llama3.1:70b', show(70_553_706_496, 80, 64, 8192));
const GB = 1e9;

describe('fit advisor', () => {
  it('reads the geometry from /api/show', () => {
    assert.deepEqual(LLAMA_8B, {
      params: 8_030_261_248,
      layers: 32,
      kvHeads: 8,
      headDim: 128,
      quantization: 'Q4_K_M',
      contextLength: 131072,
    });
    // Without key_length the head size is embedding_length / head_count (3072 / 24 = 128).
    const s = show(3_212_749_888, 28, 24, 3072);
    delete (s.model_info as Record<string, unknown>)['llama.attention.key_length'];
    assert.equal(geometryFromShow('x', s).headDim, 128);
  });

  it('Llama 3.2 3B Q4_K_M at num_ctx 4096 fits a 4 GB GPU', () => {
    const r = adviseFit(
      { model: 'llama3.2:3b', geometry: LLAMA_3B, numCtx: 4096 },
      { vramBytes: 4 * GB, ramBytes: 16 * GB },
    );
    // Weights: 3 212 749 888 × 4.85 / 8 × 1.2 = 2 337 275 543.52 → 2 337 275 544 bytes.
    assert.equal(r.bits_per_weight, 4.85);
    assert.equal(r.weights_bytes, 2_337_275_544);
    // KV: 2 × 28 layers × 8 kv heads × 128 × 4096 × 2 bytes (f16) = 469 762 048 bytes.
    assert.equal(r.kv_bytes, 469_762_048);
    assert.equal(r.total_bytes, 2_807_037_592);
    assert.equal(r.verdict, 'fits');
    assert.equal(r.gpu_share, 1);
    // Largest context: (4e9 − 2 337 275 544) / (2 × 28 × 8 × 128 × 2 = 114 688 per token) = 14 497.8.
    assert.equal(r.max_num_ctx_in_vram, 14_497);
    assert.equal(suggestedNumCtx(r), 8192);
  });

  it('Llama 3.2 3B on a machine without a GPU runs on the CPU', () => {
    const r = adviseFit(
      { model: 'llama3.2:3b', geometry: LLAMA_3B, numCtx: 4096 },
      { ramBytes: 16 * GB },
    );
    assert.equal(r.verdict, 'cpu');
    assert.equal(r.vram_bytes, null);
    assert.equal(r.gpu_share, 0);
    assert.equal(r.max_num_ctx_in_vram, null);
  });

  it('Llama 3.1 8B Q4_K_M at num_ctx 8192 fits 8 GB; a q8_0 KV cache nearly doubles the context', () => {
    const r = adviseFit(
      { model: 'llama3.1:8b', geometry: LLAMA_8B, numCtx: 8192 },
      { vramBytes: 8 * GB },
    );
    // 8 030 261 248 × 4.85 / 8 × 1.2 = 5 842 015 057.92 → 5 842 015 058.
    assert.equal(r.weights_bytes, 5_842_015_058);
    // 2 × 32 × 8 × 128 × 8192 × 2 = 1 073 741 824 (1 GiB).
    assert.equal(r.kv_bytes, 1_073_741_824);
    assert.equal(r.total_bytes, 6_915_756_882);
    assert.equal(r.verdict, 'fits');
    // (8e9 − 5 842 015 058) / 131 072 per token = 16 464.1.
    assert.equal(r.max_num_ctx_in_vram, 16_464);
    const q8 = adviseFit(
      { model: 'llama3.1:8b', geometry: LLAMA_8B, numCtx: 8192, kvCacheType: 'q8_0' },
      { vramBytes: 8 * GB },
    );
    // q8_0: 34 bytes per 32 elements → 2 × 32 × 8 × 128 × 8192 × 34/32 = 570 425 344.
    assert.equal(q8.kv_bytes, 570_425_344);
    // (8e9 − 5 842 015 058) / 69 632 per token = 30 991.3.
    assert.equal(q8.max_num_ctx_in_vram, 30_991);
  });

  it('Llama 3.1 70B Q4_K_M at num_ctx 8192 on a 24 GB GPU: partial, too big with little RAM', () => {
    const r = adviseFit(
      { model: 'llama3.1:70b', geometry: LLAMA_70B, numCtx: 8192 },
      { vramBytes: 24 * GB, ramBytes: 64 * GB },
    );
    // 70 553 706 496 × 4.85 / 8 × 1.2 = 51 327 821 475.84 → 51 327 821 476.
    assert.equal(r.weights_bytes, 51_327_821_476);
    // 2 × 80 × 8 × 128 × 8192 × 2 = 2 684 354 560.
    assert.equal(r.kv_bytes, 2_684_354_560);
    assert.equal(r.total_bytes, 54_012_176_036);
    assert.equal(r.verdict, 'partial');
    // 24e9 / 54 012 176 036 = 0.4443 on the GPU, about 56 % on the CPU.
    assert.ok(Math.abs(r.gpu_share - 0.444344) < 1e-6);
    // The weights alone exceed the GPU: no context fits entirely.
    assert.equal(r.max_num_ctx_in_vram, null);
    assert.equal(suggestedNumCtx(r), undefined);
    const small = adviseFit(
      { model: 'llama3.1:70b', geometry: LLAMA_70B, numCtx: 8192 },
      { vramBytes: 24 * GB, ramBytes: 16 * GB },
    );
    assert.equal(small.verdict, 'too_big');
  });

  it('knows the effective bits of the GGUF types and derives unknown ones from the file size', () => {
    assert.equal(bitsPerWeight('Q4_0'), 4.5);
    assert.equal(bitsPerWeight('q8_0'), 8.5);
    assert.equal(bitsPerWeight('Q6_K'), 6.5625);
    assert.equal(bitsPerWeight('Q5_K_M'), 5.69);
    assert.equal(bitsPerWeight('F16'), 16);
    const odd = geometryFromShow('odd', show(1_000_000_000, 16, 16, 2048, 'Q9_FANCY'));
    const r = adviseFit({ model: 'odd', geometry: odd, numCtx: 2048, fileSize: 750_000_000 }, {});
    assert.equal(r.bits_per_weight, 6);
    assert.throws(
      () => adviseFit({ model: 'odd', geometry: odd, numCtx: 2048 }, {}),
      /unknown quantization level "Q9_FANCY"/,
    );
  });

  it('says what /api/show lacks', () => {
    assert.throws(
      () => geometryFromShow('m', { model_info: { 'general.architecture': 'llama' } }),
      (e: unknown) =>
        e instanceof GeometryError &&
        /general\.parameter_count, llama\.block_count/.test(e.message),
    );
  });
});
