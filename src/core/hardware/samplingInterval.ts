// The sampling interval's bounds, shared by the setting (package.json), the CLI and the sampler.
export const SAMPLING_INTERVAL_DEFAULT_MS = 500;
export const SAMPLING_INTERVAL_MIN_MS = 100;
export const SAMPLING_INTERVAL_MAX_MS = 5000;

/** A usable interval from whatever was configured: out-of-range values are clamped, junk is the default. */
export function clampSamplingInterval(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return SAMPLING_INTERVAL_DEFAULT_MS;
  return Math.min(SAMPLING_INTERVAL_MAX_MS, Math.max(SAMPLING_INTERVAL_MIN_MS, Math.round(n)));
}
