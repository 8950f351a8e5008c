// The one nvidia-smi query the sampler runs, and the parser of the CSV lines it streams. Pure, so
// every odd line a driver can print ("[N/A]", "[Not Supported]", error banners) is unit-tested.
import type { GpuSample } from '../../shared/dto';

/** Columns every driver answers, in the order nvidia-smi prints them. */
export const NVIDIA_SMI_BASE_FIELDS = [
  'index',
  'utilization.gpu',
  'memory.used',
  'memory.total',
  'temperature.gpu',
  'power.draw',
] as const;

/**
 * The evidence columns after them: the driver's energy counter (mJ since it loaded; Volta and
 * later, "[N/A]" before), the active throttle reasons (a hex bit mask) and the SM and memory
 * clocks. A driver too old to know one of them refuses the whole query ("… is not a valid field
 * to query"); the stream then asks for the base columns alone.
 */
export const NVIDIA_SMI_EVIDENCE_FIELDS = [
  'total_energy_consumption',
  'clocks_throttle_reasons.active',
  'clocks.sm',
  'clocks.mem',
] as const;

export const NVIDIA_SMI_FIELDS = [...NVIDIA_SMI_BASE_FIELDS, ...NVIDIA_SMI_EVIDENCE_FIELDS];

/** What nvidia-smi prints when a query names a field its driver does not know. */
export const isUnknownFieldMessage = (text: string): boolean =>
  /is not a valid field to query/i.test(text);

/** nvidia-smi refuses loop intervals below this (and the sampler never asks for less). */
export const NVIDIA_SMI_MIN_INTERVAL_MS = 100;

const MIB = 1024 * 1024;

/** Arguments for one long-lived child that prints every GPU's figures each intervalMs. */
export function nvidiaSmiArgs(intervalMs: number, evidence = true): string[] {
  const ms = Math.max(NVIDIA_SMI_MIN_INTERVAL_MS, Math.round(intervalMs));
  const fields = evidence ? NVIDIA_SMI_FIELDS : NVIDIA_SMI_BASE_FIELDS;
  return [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits', `-lms`, String(ms)];
}

/** What a field holds: a number, "not readable" (absent), or something that is not a reading. */
type Field = number | 'absent' | 'garbage';

function parseField(raw: string): Field {
  const v = raw.trim();
  // nvidia-smi writes unreadable figures as [N/A], [Not Supported], [Unknown Error], [GPU is lost]…
  if (v === '' || /^\[.*\]$/.test(v) || /^n\/a$/i.test(v)) return 'absent';
  // clocks_throttle_reasons.active is a hex bit mask.
  if (/^0x[0-9a-f]+$/i.test(v)) return Number.parseInt(v.slice(2), 16);
  // `nounits` should strip units, but older drivers leave "W" or "MiB" on some columns.
  const m = /^(-?\d+(?:\.\d+)?)\s*(?:%|MiB|W|C|MHz|mJ)?$/.exec(v);
  return m ? Number(m[1]) : 'garbage';
}

/**
 * One GPU's figures from one CSV line, or undefined when the line is not such a row (a header, an
 * error message, a truncated write). Memory is converted from MiB to bytes; an unreadable figure is
 * left absent, never 0.
 */
export function parseNvidiaSmiLine(line: string): GpuSample | undefined {
  const cells = line.split(',');
  if (cells.length !== NVIDIA_SMI_FIELDS.length && cells.length !== NVIDIA_SMI_BASE_FIELDS.length)
    return undefined;
  const fields = cells.map(parseField);
  const [index, utilization, memUsed, memTotal, temperature, power] = fields;
  const [energy, throttle, clockSm, clockMem] = fields.slice(NVIDIA_SMI_BASE_FIELDS.length);
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return undefined;
  if (fields.slice(1).includes('garbage')) return undefined;
  const num = (f: Field | undefined): number | undefined => (typeof f === 'number' ? f : undefined);
  const sample: GpuSample = { index };
  const u = num(utilization);
  const used = num(memUsed);
  const total = num(memTotal);
  const t = num(temperature);
  const p = num(power);
  if (u !== undefined) sample.utilization = u;
  if (used !== undefined) sample.memory_used = used * MIB;
  if (total !== undefined) sample.memory_total = total * MIB;
  if (t !== undefined) sample.temperature = t;
  if (p !== undefined) sample.power_draw = p;
  const e = num(energy);
  const reasons = num(throttle);
  const sm = num(clockSm);
  const mem = num(clockMem);
  if (e !== undefined) sample.energy_mj = e;
  if (reasons !== undefined) sample.throttle_reasons = reasons;
  if (sm !== undefined) sample.clock_sm_mhz = sm;
  if (mem !== undefined) sample.clock_mem_mhz = mem;
  return sample;
}

/** Splits a byte stream into lines, keeping a partial last line until its end arrives. */
export class LineSplitter {
  private pending = '';

  /** The complete lines in this chunk (without their line ends). */
  push(chunk: string): string[] {
    const text = this.pending + chunk;
    const lines = text.split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    // A child that never ends its line must not grow this buffer without bound.
    if (this.pending.length > 64 * 1024) this.pending = '';
    return lines;
  }
}
