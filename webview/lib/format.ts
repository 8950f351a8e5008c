// Number formatting for tables and tooltips. Absent figures read "not available", never 0.
import { formatBytes } from '../../src/shared/byteSize';

export const NOT_AVAILABLE = 'not available';

export function fmt(v: number | null | undefined, digits = 1): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : NOT_AVAILABLE;
}

/** Decimal units, the same wording as the Models tree and the CLI. */
export function fmtBytes(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? formatBytes(v) : NOT_AVAILABLE;
}

export function fmtPercent(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(1)} %` : NOT_AVAILABLE;
}

export function fmtDelta(v: number | null | undefined): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '';
  const pct = v * 100;
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)} %`;
}

export function fmtDuration(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return NOT_AVAILABLE;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function fmtDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
