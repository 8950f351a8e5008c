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
  const { durationMs, ...same } = input;
  return { ...same, ...(durationMs !== undefined ? { duration_ms: durationMs } : {}) };
}

/** Stored options back as a run's input (resolveWorkloadOptions fills in the rest). */
export function workloadInputOf(s: Partial<WorkloadSettings>): WorkloadOptionsInput {
  const { duration_ms, ...same } = s;
  return { ...same, ...(duration_ms !== undefined ? { durationMs: duration_ms } : {}) };
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
