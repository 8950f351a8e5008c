// CPU package energy from Linux RAPL (/sys/class/powercap/intel-rapl:N/energy_uj; AMD exposes the
// same files). The counter is in microjoules and wraps at max_energy_range_uj; since Linux 5.10 it
// is readable by root only, so an unreadable counter is reported once with the command that grants
// read access, and the figure stays absent.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ProcFileReader, readProcFile } from './procfs';

export const POWERCAP_ROOT = '/sys/class/powercap';

/** One package zone (intel-rapl:0, intel-rapl:1, …; sub-zones such as intel-rapl:0:0 are inside it). */
export interface RaplZone {
  dir: string;
  /** The counter's range: it goes back to 0 after max − 1. */
  maxUj: number;
}

export interface RaplDiscovery {
  zones: RaplZone[];
  /** Why there is no figure, when RAPL exists but cannot be read; said once. */
  note?: string;
}

/** Package zones whose counter this process can read, or the note saying why none can. */
export function discoverRapl(
  root = POWERCAP_ROOT,
  read: (path: string) => string | undefined = readProcFile,
): RaplDiscovery {
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => /^intel-rapl:\d+$/.test(n));
  } catch {
    return { zones: [] };
  }
  const zones: RaplZone[] = [];
  const unreadable: string[] = [];
  for (const name of names.sort()) {
    const dir = join(root, name);
    const energy = read(join(dir, 'energy_uj'));
    const max = Number(read(join(dir, 'max_energy_range_uj')));
    if (energy === undefined || energy.trim() === '' || !Number.isFinite(Number(energy))) {
      unreadable.push(join(dir, 'energy_uj'));
      continue;
    }
    zones.push({ dir, maxUj: Number.isFinite(max) && max > 0 ? max : Infinity });
  }
  if (!zones.length && unreadable.length) {
    return {
      zones,
      note: `CPU package energy not available: needs read access to ${unreadable.join(', ')} (sudo chmod a+r ${join(root, 'intel-rapl:*', 'energy_uj')})`,
    };
  }
  return { zones };
}

/** Microjoules counted from `prev` to `cur` on a counter that wraps at maxUj. */
export function counterDeltaUj(prev: number, cur: number, maxUj: number): number {
  return cur >= prev ? cur - prev : cur + maxUj - prev;
}

/**
 * Energy of all package zones since the first read (J, wrap-around undone), and the power over
 * the last interval. A zone that stops answering leaves the figures absent from then on.
 */
export class RaplMeter {
  private prev: number[] | undefined;
  private totalUj = 0;
  private lastAt: number | undefined;
  /** One open counter per zone: it is read every tick, so open/close is not paid each time. */
  private readonly counters: ProcFileReader[];

  constructor(private readonly zones: readonly RaplZone[]) {
    this.counters = zones.map((z) => new ProcFileReader(join(z.dir, 'energy_uj'), 64));
  }

  read(now: number): { joules: number; watts?: number } | undefined {
    if (!this.zones.length) return undefined;
    const cur: number[] = [];
    for (const counter of this.counters) {
      const v = Number(counter.read());
      if (!Number.isFinite(v)) return undefined;
      cur.push(v);
    }
    const prev = this.prev;
    const lastAt = this.lastAt;
    this.prev = cur;
    this.lastAt = now;
    if (!prev) return { joules: 0 };
    let deltaUj = 0;
    this.zones.forEach((zone, i) => {
      const before = prev[i];
      const after = cur[i];
      if (before !== undefined && after !== undefined)
        deltaUj += counterDeltaUj(before, after, zone.maxUj);
    });
    this.totalUj += deltaUj;
    const joules = this.totalUj / 1e6;
    const seconds = lastAt !== undefined ? (now - lastAt) / 1000 : 0;
    return seconds > 0 ? { joules, watts: deltaUj / 1e6 / seconds } : { joules };
  }

  close(): void {
    for (const counter of this.counters) counter.close();
  }
}

/** What the session says once about RAPL on this machine (empty where it reads, or is not Linux). */
export function raplNotes(
  root = POWERCAP_ROOT,
  read?: (path: string) => string | undefined,
): string[] {
  if (process.platform !== 'linux') return [];
  const { note } = discoverRapl(root, read);
  return note ? [note] : [];
}
