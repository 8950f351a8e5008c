// The workload options as a session stores them (its options.workload), and the kinds that use
// them. Pure.
import type { SuiteKind } from '../../shared/dto';
import type { WorkloadSettings } from '../../shared/workloadTypes';
import type { WorkloadOptions } from './workloadOptions';

export const WORKLOAD_KINDS: readonly SuiteKind[] = ['depth', 'prefix', 'rate'];

export function workloadSettings(o: WorkloadOptions): WorkloadSettings {
  return {
    depths: [...o.depths],
    rate: o.rate,
    arrival: o.arrival,
    ...(o.requests !== undefined ? { requests: o.requests } : {}),
    ...(o.durationMs !== undefined ? { duration_ms: o.durationMs } : {}),
    sweep: o.sweep,
    rates: o.rates,
    slo: o.slo,
  };
}
