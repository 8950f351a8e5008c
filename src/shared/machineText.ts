// How a machine and its figures read, the same in the terminal, the dashboard and the leaderboard.
import { formatBytes } from './byteSize';
import type { MachineFigure, MachineSummary } from './machines';

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

/** Decimals for a figure: none from 100 up, one from 1, three below. */
const digits = (v: number) => (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 1 ? 1 : 3);

/** "100 [90–110]": the interval with the median's decimals; "-" when not measured. */
export function figureText(f: MachineFigure | undefined): string {
  if (!f) return '-';
  const d = digits(f.median);
  return `${f.median.toFixed(d)} [${f.ci95[0].toFixed(d)}–${f.ci95[1].toFixed(d)}]`;
}
