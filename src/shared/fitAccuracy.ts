// How close the fit advisor came: its prediction before the load beside what /api/ps reported
// after it, in one line for the session detail (so the advisor's accuracy is visible).
import { formatBytes } from './byteSize';
import type { SessionModel } from './dto';

export interface FitAccuracy {
  predicted_bytes: number;
  reported_bytes: number;
  /** (predicted − reported) / reported: + overestimates, − underestimates. */
  error: number;
  predicted_gpu_share: number;
  reported_gpu_share: number;
}

export function fitAccuracy(m: SessionModel): FitAccuracy | undefined {
  if (!m.fit || !m.loaded_size) return undefined;
  return {
    predicted_bytes: m.fit.total_bytes,
    reported_bytes: m.loaded_size,
    error: (m.fit.total_bytes - m.loaded_size) / m.loaded_size,
    predicted_gpu_share: m.fit.gpu_share,
    reported_gpu_share: (m.loaded_size_vram ?? 0) / m.loaded_size,
  };
}

/** "Fit advisor: predicted ≈ 2.8 GB, 100 % on the GPU; Ollama loaded 2.6 GB, 100 % in VRAM (estimate +8 %)" */
export function fitAccuracyText(m: SessionModel): string | undefined {
  const a = fitAccuracy(m);
  if (!m.fit) return undefined;
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const predicted = `predicted ≈ ${formatBytes(m.fit.total_bytes)} at num_ctx ${m.fit.num_ctx}, ${pct(m.fit.gpu_share)} on the GPU`;
  if (!a) return `Fit advisor: ${predicted}; Ollama reported no size to compare`;
  const sign = a.error >= 0 ? '+' : '−';
  return `Fit advisor: ${predicted}; Ollama loaded ${formatBytes(a.reported_bytes)}, ${pct(a.reported_gpu_share)} in VRAM (estimate ${sign}${Math.abs(Math.round(a.error * 100))} %)`;
}
