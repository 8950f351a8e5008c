// A machine's fingerprint in a few words (CPU, GPU, VRAM, RAM, OS, Ollama version), from its
// hardware document and the newest session's Ollama version: what the Machines view, the CLI and
// the leaderboard print beside its figures (as text: src/shared/machineText.ts).
import type { HardwareConfig } from '../../shared/hardwareTypes';
import type { MachineSummary } from '../../shared/machines';

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
