// A machine's fingerprint in a few words (CPU, GPU, VRAM, RAM, OS, Ollama version), from its
// hardware document and the newest session's Ollama version: what the Machines view, the CLI and
// the leaderboard print beside its figures.
import type { HardwareConfig } from '../../shared/hardwareTypes';
import type { MachineSummary } from '../../shared/machines';
import { formatBytes } from '../../shared/byteSize';

export function machineSummary(
  hw: HardwareConfig | undefined,
  ollamaVersion: string | undefined,
): MachineSummary {
  const gpus = hw?.gpu ?? [];
  const vram = gpus.reduce((a, g) => a + (typeof g.memory === 'number' ? g.memory : 0), 0);
  const version = ollamaVersion ?? hw?.ollama?.version;
  return {
    cpu: hw?.cpu.model || 'unknown CPU',
    gpu: gpus.length ? gpus.map((g) => g.model).join(' + ') : 'no GPU',
    ...(vram > 0 ? { vram_bytes: vram } : {}),
    ...(typeof hw?.ram.total === 'number' ? { ram_bytes: hw.ram.total } : {}),
    os: hw ? [hw.os.name, hw.os.version].filter(Boolean).join(' ') : 'unknown OS',
    ...(version ? { ollama_version: version } : {}),
  };
}

/** "Ryzen 9 · RTX 4090 24.0 GB VRAM · 64.0 GB RAM · Linux 6.8 · Ollama 0.6.2" */
export function summaryText(s: MachineSummary): string {
  return [
    s.cpu,
    s.vram_bytes !== undefined ? `${s.gpu} ${formatBytes(s.vram_bytes)} VRAM` : s.gpu,
    ...(s.ram_bytes !== undefined ? [`${formatBytes(s.ram_bytes)} RAM`] : []),
    s.os,
    ...(s.ollama_version ? [`Ollama ${s.ollama_version}`] : []),
  ].join(' · ');
}
