// How long a plan still needs: the median duration of its completed configs, times the configs
// left, spread over the workers running now (at least one). No completed config yet: unknown.
import type { BenchmarkConfig } from '../../shared/plans';
import { median } from '../bench/stats';

export function planEtaSeconds(
  configs: readonly Pick<BenchmarkConfig, 'status' | 'started_at' | 'completed_at'>[],
): number | null {
  const left = configs.filter((c) => c.status === 'pending' || c.status === 'running').length;
  if (!left) return 0;
  const durations = configs
    .flatMap(({ status, started_at, completed_at }) =>
      status === 'completed' && started_at && completed_at
        ? [Date.parse(completed_at) - Date.parse(started_at)]
        : [],
    )
    .filter((ms) => Number.isFinite(ms) && ms >= 0);
  if (!durations.length) return null;
  const middle = median(durations);
  const workers = Math.max(1, configs.filter((c) => c.status === 'running').length);
  return Math.round((left * middle) / workers / 1000);
}
