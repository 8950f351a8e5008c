// How long a plan still needs: the median duration of its completed configs, times the configs
// left, spread over the workers running now (at least one). No completed config yet: unknown.
import type { BenchmarkConfig } from '../../shared/plans';

export function planEtaSeconds(
  configs: readonly Pick<BenchmarkConfig, 'status' | 'started_at' | 'completed_at'>[],
): number | null {
  const left = configs.filter((c) => c.status === 'pending' || c.status === 'running').length;
  if (!left) return 0;
  const durations = configs
    .filter((c) => c.status === 'completed' && c.started_at && c.completed_at)
    .map((c) => Date.parse(c.completed_at!) - Date.parse(c.started_at!))
    .filter((ms) => Number.isFinite(ms) && ms >= 0)
    .sort((a, b) => a - b);
  if (!durations.length) return null;
  const mid = durations.length >> 1;
  const median =
    durations.length % 2 ? durations[mid]! : (durations[mid - 1]! + durations[mid]!) / 2;
  const workers = Math.max(1, configs.filter((c) => c.status === 'running').length);
  return Math.round((left * median) / workers / 1000);
}
