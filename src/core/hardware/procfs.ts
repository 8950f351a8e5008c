// Parsers of the Linux /proc files the sampler reads each tick. Reading a /proc file costs a few
// microseconds where systeminformation spawns processes (si.processLoad spawns `ps`: about 10 % of a
// core at 4 Hz), which is the whole point. The parsers are pure so they are tested on recorded text.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

/** Jiffies (USER_HZ ticks) one CPU, or all of them together, spent in each state. */
export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
}

export interface ProcStat {
  /** The aggregate "cpu" line. */
  total: CpuTimes;
  /** "cpu0", "cpu1", … in order. */
  cores: CpuTimes[];
}

/** The file's text, or undefined when it cannot be read (not Linux, process gone, no access). */
export function readProcFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * A /proc file read again and again through one open descriptor: each read from offset 0 makes the
 * kernel generate the file afresh, and skips the open/fstat/close that readFileSync pays per call.
 */
export class ProcFileReader {
  private fd: number | undefined;
  private buf: Buffer;

  /** `initialBytes`: the buffer's first size (a sysfs number needs a few bytes; it grows as needed). */
  constructor(
    readonly path: string,
    initialBytes = 8192,
  ) {
    this.buf = Buffer.alloc(Math.max(16, initialBytes));
  }

  read(): string | undefined {
    try {
      this.fd ??= openSync(this.path, 'r');
      let n = readSync(this.fd, this.buf, 0, this.buf.length, 0);
      // A full buffer may mean a longer file (many CPUs in /proc/stat): grow and read again.
      while (n === this.buf.length) {
        this.buf = Buffer.alloc(this.buf.length * 2);
        n = readSync(this.fd, this.buf, 0, this.buf.length, 0);
      }
      return this.buf.toString('latin1', 0, n);
    } catch {
      this.close();
      return undefined;
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    this.fd = undefined;
  }
}

function cpuTimes(fields: string[]): CpuTimes {
  const n = (i: number) => Number(fields[i] ?? 0) || 0;
  // guest and guest_nice are already counted inside user and nice.
  return {
    user: n(0),
    nice: n(1),
    system: n(2),
    idle: n(3),
    iowait: n(4),
    irq: n(5),
    softirq: n(6),
    steal: n(7),
  };
}

export function parseProcStat(text: string): ProcStat | undefined {
  let total: CpuTimes | undefined;
  const cores: CpuTimes[] = [];
  // The cpu lines come first; the rest (a long "intr" line among them) is not needed, so lines are
  // cut one at a time and the scan stops after the last cpu line rather than splitting the file.
  for (let at = 0; at < text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    if (text.startsWith('cpu', at)) {
      const [name = '', ...fields] = text.slice(at, end).trim().split(/\s+/);
      if (name === 'cpu') total = cpuTimes(fields);
      else if (/^cpu\d+$/.test(name)) cores[Number(name.slice(3))] = cpuTimes(fields);
    } else if (total) break;
    at = end + 1;
  }
  // An offline CPU has no line: keep the array dense so indices stay comparable tick to tick.
  return total ? { total, cores: Array.from(cores, (c) => c ?? cpuTimes([])) } : undefined;
}

export function sumCpuTimes(t: CpuTimes): number {
  return t.user + t.nice + t.system + t.idle + t.iowait + t.irq + t.softirq + t.steal;
}

/** Bytes of the /proc/meminfo lines memoryFigures needs (only those: it runs every tick). */
export function parseMeminfo(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  const re = /^(MemTotal|MemFree|MemAvailable|Buffers|Cached|SwapTotal|SwapFree):[ \t]+(\d+) kB$/gm;
  for (const [, key = '', kb] of text.matchAll(re)) out[key] = Number(kb) * 1024;
  // Huge pages are counts, not kB.
  const hugePages = /^(HugePages_Total|HugePages_Free|HugePages_Rsvd):[ \t]+(\d+)$/gm;
  for (const [, key = '', count] of text.matchAll(hugePages)) out[key] = Number(count);
  return out;
}

export interface MemoryFigures {
  mem_total: number;
  mem_available: number;
  mem_used: number;
  swap_used?: number;
  swap_total?: number;
  swap_free?: number;
  hugepages_total?: number;
  hugepages_free?: number;
  hugepages_reserved?: number;
}

/** Used = total − available: what applications hold, page cache not counted (as `free` shows). */
export function memoryFigures(meminfo: Record<string, number>): MemoryFigures | undefined {
  const total = meminfo.MemTotal;
  // Kernels before 3.14 have no MemAvailable; free + buffers + cached is what they meant by it.
  const available =
    meminfo.MemAvailable ??
    (meminfo.MemFree !== undefined
      ? meminfo.MemFree + (meminfo.Buffers ?? 0) + (meminfo.Cached ?? 0)
      : undefined);
  if (total === undefined || available === undefined) return undefined;
  const figures: MemoryFigures = {
    mem_total: total,
    mem_available: available,
    mem_used: Math.max(0, total - available),
  };
  if (meminfo.SwapTotal !== undefined && meminfo.SwapFree !== undefined) {
    figures.swap_used = Math.max(0, meminfo.SwapTotal - meminfo.SwapFree);
    figures.swap_total = meminfo.SwapTotal;
    figures.swap_free = meminfo.SwapFree;
  }
  if (meminfo.HugePages_Total !== undefined) figures.hugepages_total = meminfo.HugePages_Total;
  if (meminfo.HugePages_Free !== undefined) figures.hugepages_free = meminfo.HugePages_Free;
  if (meminfo.HugePages_Rsvd !== undefined) figures.hugepages_reserved = meminfo.HugePages_Rsvd;
  return figures;
}

export interface PidStat {
  comm: string;
  state: string;
  /** Jiffies in user and kernel mode. */
  utime: number;
  stime: number;
  /** Resident pages. */
  rss: number;
}

/** /proc/<pid>/stat. The name sits in parentheses and may itself hold spaces or ")". */
export function parsePidStat(text: string): PidStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  // rest[0] is field 3 (state): utime is field 14, stime 15, rss 24.
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  const rss = Number(rest[21]);
  if (![utime, stime, rss].every(Number.isFinite)) return undefined;
  return { comm: text.slice(open + 1, close), state: rest[0] ?? '', utime, stime, rss };
}

export interface IoCounters {
  read: number;
  written: number;
}

/** Bytes read and written by the named devices (diskstats counts 512-byte sectors whatever the disk). */
export function parseDiskstats(text: string, isWholeDisk: (name: string) => boolean): IoCounters {
  let read = 0;
  let written = 0;
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    const name = f[2];
    if (f.length < 10 || name === undefined || !isWholeDisk(name)) continue;
    read += Number(f[5]) * 512 || 0;
    written += Number(f[9]) * 512 || 0;
  }
  return { read, written };
}

/** Devices whose I/O would be counted twice (partitions are filtered by the caller) or is not disk I/O. */
export function isCountedDisk(name: string): boolean {
  return !/^(loop|ram|zram|dm-|md|sr|fd|nbd)/.test(name);
}

/** /proc/net/dev's rows, loopback left out: each interface's name and its counters as numbers. */
export function netDevRows(text: string): { name: string; fields: number[] }[] {
  const rows: { name: string; fields: number[] }[] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (!name || name === 'lo' || name.includes('|')) continue;
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map((v) => Number(v) || 0);
    rows.push({ name, fields });
  }
  return rows;
}

/** Bytes received and sent by every interface except loopback. */
export function parseNetDev(text: string): IoCounters {
  let read = 0;
  let written = 0;
  for (const { fields: f } of netDevRows(text)) {
    if (f.length < 9) continue;
    read += f[0] ?? 0;
    written += f[8] ?? 0;
  }
  return { read, written };
}

/** The mean of /proc/cpuinfo's "cpu MHz" lines (x86 reports the current clock there). */
export function parseCpuinfoMhz(text: string): number | undefined {
  const values = [...text.matchAll(/^cpu MHz\s*:\s*([\d.]+)/gm)].map((m) => Number(m[1]));
  const ok = values.filter((v) => Number.isFinite(v) && v > 0);
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : undefined;
}
