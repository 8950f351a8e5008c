// The detail figures that Linux gives cheaply, parsed from text the sampler reads
// anyway (/proc/stat, /proc/diskstats, /proc/net/dev) or once per session (/proc/mounts): interrupts
// and context switches, per-device IOPS and latency, per-interface packets, errors and drops, and
// the mounted file systems. Pure parsers and rate arithmetic, tested on recorded text.
import { statfsSync } from 'node:fs';
import type { DiskDeviceSample, NetInterfaceSample, PartitionInfo } from '../../shared/dto';
import { netDevRows, readProcFile } from './procfs';

/** The machine-wide counters after the cpu lines of /proc/stat. */
export function parseStatCounters(text: string): { interrupts?: number; ctxt?: number } {
  // "intr" is one long line (a count per IRQ after the total): only its first number is read, and
  // the lines are found with indexOf rather than a regex over the whole file (it runs each tick).
  const first = (name: string): number | undefined => {
    const at = text.startsWith(`${name} `) ? 0 : text.indexOf(`\n${name} `);
    if (at < 0) return undefined;
    const from = at === 0 ? name.length + 1 : at + name.length + 2;
    const m = /^\d+/.exec(text.slice(from, from + 24));
    return m ? Number(m[0]) : undefined;
  };
  const interrupts = first('intr');
  const ctxt = first('ctxt');
  return {
    ...(interrupts !== undefined ? { interrupts } : {}),
    ...(ctxt !== undefined ? { ctxt } : {}),
  };
}

export interface DiskCounters {
  reads: number;
  readMs: number;
  writes: number;
  writeMs: number;
}

/** Per whole disk: completed requests and the ms spent on them (diskstats fields 4, 7, 8, 11). */
export function parseDiskDevices(
  text: string,
  isWholeDisk: (name: string) => boolean,
): Map<string, DiskCounters> {
  const out = new Map<string, DiskCounters>();
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    const name = f[2];
    if (f.length < 11 || name === undefined || !isWholeDisk(name)) continue;
    out.set(name, {
      reads: Number(f[3]) || 0,
      readMs: Number(f[6]) || 0,
      writes: Number(f[7]) || 0,
      writeMs: Number(f[10]) || 0,
    });
  }
  return out;
}

/** IOPS and the mean latency per request between two readings ms apart. */
export function diskRates(
  prev: ReadonlyMap<string, DiskCounters>,
  cur: ReadonlyMap<string, DiskCounters>,
  ms: number,
): DiskDeviceSample[] {
  const out: DiskDeviceSample[] = [];
  if (ms <= 0) return out;
  for (const [name, c] of cur) {
    const p = prev.get(name);
    if (!p || c.reads < p.reads || c.writes < p.writes) continue;
    const reads = c.reads - p.reads;
    const writes = c.writes - p.writes;
    const d: DiskDeviceSample = {
      name,
      read_iops: (reads * 1000) / ms,
      write_iops: (writes * 1000) / ms,
    };
    if (reads > 0) d.read_latency_ms = (c.readMs - p.readMs) / reads;
    if (writes > 0) d.write_latency_ms = (c.writeMs - p.writeMs) / writes;
    out.push(d);
  }
  return out;
}

export interface InterfaceCounters {
  rxPackets: number;
  rxErrors: number;
  rxDrops: number;
  txPackets: number;
  txErrors: number;
  txDrops: number;
}

/** Per interface but loopback: packets, errors and drops each way (/proc/net/dev). */
export function parseNetInterfaces(text: string): Map<string, InterfaceCounters> {
  const out = new Map<string, InterfaceCounters>();
  for (const { name, fields: f } of netDevRows(text)) {
    if (f.length < 12) continue;
    out.set(name, {
      rxPackets: f[1] ?? 0,
      rxErrors: f[2] ?? 0,
      rxDrops: f[3] ?? 0,
      txPackets: f[9] ?? 0,
      txErrors: f[10] ?? 0,
      txDrops: f[11] ?? 0,
    });
  }
  return out;
}

/** Packets per second between two readings; errors and drops as counted since the interface came up. */
export function interfaceRates(
  prev: ReadonlyMap<string, InterfaceCounters>,
  cur: ReadonlyMap<string, InterfaceCounters>,
  ms: number,
): NetInterfaceSample[] {
  return [...cur].map(([name, c]) => {
    const p = prev.get(name);
    const s: NetInterfaceSample = {
      name,
      rx_errors: c.rxErrors,
      tx_errors: c.txErrors,
      rx_drops: c.rxDrops,
      tx_drops: c.txDrops,
    };
    if (p && ms > 0 && c.rxPackets >= p.rxPackets && c.txPackets >= p.txPackets) {
      s.rx_packets_ps = ((c.rxPackets - p.rxPackets) * 1000) / ms;
      s.tx_packets_ps = ((c.txPackets - p.txPackets) * 1000) / ms;
    }
    return s;
  });
}

/** File systems that hold data (not proc, sysfs, cgroup, tmpfs, overlay layers of containers…). */
const DATA_FS =
  /^(ext[234]|xfs|btrfs|zfs|f2fs|vfat|exfat|ntfs3?|fuseblk|apfs|hfsplus|bcachefs|jfs|reiserfs)$/;

/** /proc/mounts lines of data file systems, one per device (its first mount point). */
export function parseMounts(text: string): { device: string; mount: string; fstype: string }[] {
  const seen = new Set<string>();
  const out: { device: string; mount: string; fstype: string }[] = [];
  for (const line of text.split('\n')) {
    const [device, mount, fstype] = line.split(' ');
    if (!device || !mount || !fstype || !DATA_FS.test(fstype) || seen.has(device)) continue;
    seen.add(device);
    // Octal escapes: a space in a mount point is written \040.
    out.push({
      device,
      mount: mount.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))),
      fstype,
    });
  }
  return out;
}

/** The mounted data file systems with their sizes; empty where /proc/mounts cannot be read. */
export function readPartitions(mounts = '/proc/mounts'): PartitionInfo[] {
  const text = readProcFile(mounts);
  if (text === undefined) return [];
  return parseMounts(text).flatMap((m) => {
    try {
      const s = statfsSync(m.mount);
      const total = s.blocks * s.bsize;
      const free = s.bavail * s.bsize;
      return [{ ...m, total, free, used: Math.max(0, total - s.bfree * s.bsize) }];
    } catch {
      return [];
    }
  });
}
