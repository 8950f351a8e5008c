// The workload options as a session stores them (its options.workload), and the kinds that use
// them. Pure.
import type { SuiteKind } from '../../shared/dto';
import type { WorkloadSettings } from '../../shared/workloadTypes';
import type { WorkloadOptions, WorkloadOptionsInput } from './workloadOptions';

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

/** The options asked for, in the stored form (a plan keeps them so): only those given. */
export function askedWorkloadSettings(input: WorkloadOptionsInput): Partial<WorkloadSettings> {
  return {
    ...(input.depths !== undefined ? { depths: [...input.depths] } : {}),
    ...(input.rate !== undefined ? { rate: input.rate } : {}),
    ...(input.arrival !== undefined ? { arrival: input.arrival } : {}),
    ...(input.requests !== undefined ? { requests: input.requests } : {}),
    ...(input.durationMs !== undefined ? { duration_ms: input.durationMs } : {}),
    ...(input.sweep !== undefined ? { sweep: input.sweep } : {}),
    ...(input.rates !== undefined ? { rates: input.rates } : {}),
    ...(input.slo !== undefined ? { slo: input.slo } : {}),
  };
}

/** Stored options back as a run's input (resolveWorkloadOptions fills in the rest). */
export function workloadInputOf(s: Partial<WorkloadSettings>): WorkloadOptionsInput {
  return {
    ...(s.depths !== undefined ? { depths: [...s.depths] } : {}),
    ...(s.rate !== undefined ? { rate: s.rate } : {}),
    ...(s.arrival !== undefined ? { arrival: s.arrival } : {}),
    ...(s.requests !== undefined ? { requests: s.requests } : {}),
    ...(s.duration_ms !== undefined ? { durationMs: s.duration_ms } : {}),
    ...(s.sweep !== undefined ? { sweep: s.sweep } : {}),
    ...(s.rates !== undefined ? { rates: s.rates } : {}),
    ...(s.slo !== undefined ? { slo: s.slo } : {}),
  };
}

/**
 * The options a suite of this kind runs with: depths for a depth sweep, the rest for a rate test,
 * none otherwise (a plan's config keeps only these, so a depth config's key ignores --rate).
 */
export function settingsForKind(
  kind: SuiteKind | undefined,
  s: Partial<WorkloadSettings> | undefined,
): Partial<WorkloadSettings> | undefined {
  if (!s) return undefined;
  let out: Partial<WorkloadSettings> = {};
  if (kind === 'depth') out = s.depths !== undefined ? { depths: s.depths } : {};
  else if (kind === 'rate') {
    const { depths: _depths, ...rate } = s;
    out = rate;
  }
  return Object.keys(out).length ? out : undefined;
}
