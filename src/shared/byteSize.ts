// Sizes in decimal units (1 GB = 10^9 bytes), as `ollama list` prints them, so a model reads the same
// in the Models tree, the CLI, quick picks and the dashboard.
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
const STEP = 1000;

/** "512 B", "2.0 GB"; one decimal from KB up. 999 960 bytes read "1.0 MB", never "1000.0 KB". */
export function formatBytes(bytes: number): string {
  const shown = (v: number, unit: number) => v.toFixed(unit ? 1 : 0);
  let v = bytes;
  let i = 0;
  while (Math.abs(Number(shown(v, i))) >= STEP && i < UNITS.length - 1) {
    v /= STEP;
    i++;
  }
  return `${shown(v, i)} ${UNITS[i]}`;
}
