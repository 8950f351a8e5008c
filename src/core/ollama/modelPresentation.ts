// How a model reads in the tree, the CLI table and quick picks — one wording everywhere.
import { formatBytes } from '../../shared/byteSize';
import type { ModelInfo } from '../../shared/dto';

/** "3.2B · Q4_K_M · 2.0 GB" */
export function describeModel(m: ModelInfo): string {
  return [m.parameter_size, m.quantization_level, formatBytes(m.size)].filter(Boolean).join(' · ');
}

/** "loaded · 100 % GPU" / "loaded · 40 % GPU, partly on CPU" / "not loaded" */
export function describeLoad(m: ModelInfo): string {
  if (!m.loaded) return 'not loaded';
  if (m.vram_share === undefined) return 'loaded';
  const pct = Math.round(m.vram_share * 100);
  if (pct >= 100) return 'loaded · 100 % GPU';
  if (pct <= 0) return 'loaded · on CPU only';
  return `loaded · ${pct} % GPU, partly on CPU`;
}
