// The Linux reader: every figure from /proc and /sys, no process spawned, nothing asynchronous.
// One tick reads /proc/stat, /proc/meminfo and /proc/<pid>/stat of each Ollama process; the rest
// runs at the lower rates of SamplerTuning and is carried between its readings.
import { closeSync, existsSync, openSync, readSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpuUsageBetween, perCoreUsage } from './cpuUsage';
import type { Probe, ProbeReading, SamplerTuning } from './probe';
import { discoverRapl, RaplMeter } from './rapl';
import {
  diskRates,
  interfaceRates,
  parseDiskDevices,
  parseNetInterfaces,
  parseStatCounters,
  type DiskCounters,
  type InterfaceCounters,
} from './procfsDetail';
import { Every, RateMeter } from './probe';
import {
  isCountedDisk,
  memoryFigures,
  parseCpuinfoMhz,
  parseDiskstats,
  parseMeminfo,
  parseNetDev,
  parsePidStat,
  parseProcStat,
  ProcFileReader,
  readProcFile,
  sumCpuTimes,
  type ProcStat,
} from './procfs';

/** Process names of Ollama's server and runners (comm is cut at 15 characters: "ollama_llama_se"). */
export const isOllamaComm = (comm: string): boolean => /^ollama/.test(comm.trim());

/**
 * Pids whose /proc/<pid>/comm says Ollama. `others`, when given, holds pids already seen not to be
 * Ollama: their comm is not read again, and the pids found not to be Ollama this time are put in
 * it (those gone are dropped), so a scan reads the comm of new processes only.
 */
export function findOllamaPids(proc = '/proc', others?: Set<number>): number[] {
  let names: string[];
  try {
    names = readdirSync(proc);
  } catch {
    return [];
  }
  const pids: number[] = [];
  const notOllama = new Set<number>();
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (others?.has(pid)) {
      notOllama.add(pid);
      continue;
    }
    const comm = readProcFile(join(proc, name, 'comm'));
    if (comm === undefined) continue;
    if (isOllamaComm(comm)) pids.push(pid);
    else notOllama.add(pid);
  }
  if (others) {
    others.clear();
    for (const pid of notOllama) others.add(pid);
  }
  return pids;
}

/** The kernel's page size, for /proc/<pid>/stat's rss (4 KiB on x86, often 16 or 64 KiB on Arm). */
export function kernelPageSize(): number {
  try {
    const fd = openSync('/proc/self/smaps', 'r');
    try {
      const buf = Buffer.alloc(4096);
      const n = readSync(fd, buf, 0, buf.length, 0);
      const m = /KernelPageSize:\s+(\d+) kB/.exec(buf.toString('utf8', 0, n));
      if (m) return Number(m[1]) * 1024;
    } finally {
      closeSync(fd);
    }
  } catch {
    // fall through to the common value
  }
  return 4096;
}

/** A CPU temperature file: the package sensor of a known CPU driver, else a CPU thermal zone. */
export function findTemperatureFile(sys = '/sys/class'): string | undefined {
  const cpuDrivers = ['coretemp', 'k10temp', 'zenpower', 'cpu_thermal', 'soc_thermal', 'cpu'];
  try {
    const hwmons = readdirSync(join(sys, 'hwmon'));
    for (const driver of cpuDrivers) {
      for (const h of hwmons) {
        const name = readProcFile(join(sys, 'hwmon', h, 'name'))?.trim();
        const file = join(sys, 'hwmon', h, 'temp1_input');
        if (name === driver && existsSync(file)) return file;
      }
    }
  } catch {
    // no hwmon: try thermal zones
  }
  try {
    const zones = readdirSync(join(sys, 'thermal')).filter((z) => z.startsWith('thermal_zone'));
    const typed = zones.map((z) => ({
      z,
      type: readProcFile(join(sys, 'thermal', z, 'type'))?.trim() ?? '',
    }));
    const pick =
      typed.find((t) => t.type === 'x86_pkg_temp') ??
      typed.find((t) => /cpu|soc|pkg/i.test(t.type)) ??
      typed.find((t) => t.type === 'acpitz');
    if (pick) return join(sys, 'thermal', pick.z, 'temp');
  } catch {
    // no thermal zones either: temperature stays absent
  }
  return undefined;
}

/** Whole disks: those /sys/block lists (partitions are not there), less virtual devices. */
function wholeDisks(): Set<string> {
  try {
    return new Set(readdirSync('/sys/block').filter(isCountedDisk));
  } catch {
    return new Set();
  }
}

/** Each CPU's current clock in kHz, kept open; empty where cpufreq is not exposed (most VMs). */
function cpufreqReaders(cores: number): ProcFileReader[] {
  const files: ProcFileReader[] = [];
  for (let i = 0; i < cores; i++) {
    const f = `/sys/devices/system/cpu/cpu${i}/cpufreq/scaling_cur_freq`;
    if (existsSync(f)) files.push(new ProcFileReader(f, 64));
  }
  return files;
}

/** Figures read at a lower rate and repeated on each tick; undefined while the machine has none. */
type Carried = {
  [
    K in
      | 'self_cpu'
      | 'cpu_freq_mhz'
      | 'cpu_freq_per_core_mhz'
      | 'temperature'
      | 'disk_read_bps'
      | 'disk_write_bps'
      | 'net_rx_bps'
      | 'net_tx_bps'
  ]?: ProbeReading[K] | undefined;
};

interface OllamaProcess {
  pid: number;
  ticks?: number;
  /** /proc/<pid>/stat, kept open while the process lives (it is read every tick). */
  stat: ProcFileReader;
}

/** Every this many pid scans, every process's comm is read again (one that exec'd into Ollama). */
const FULL_SCAN_EVERY = 4;

export class LinuxProbe implements Probe {
  private readonly statFile = new ProcFileReader('/proc/stat');
  private readonly meminfoFile = new ProcFileReader('/proc/meminfo');
  private prevStat: ProcStat | undefined;
  private readonly pageSize = kernelPageSize();
  private ollama: OllamaProcess[] = [];
  private readonly pidRefresh: Every;
  private readonly frequencyDue: Every;
  private readonly selfDue: Every;
  /** CPU ticks of the whole machine when our own were last read. */
  private selfAtTicks: number | undefined;
  private readonly temperatureDue: Every;
  private readonly ioDue: Every;
  private readonly freqFiles: ProcFileReader[];
  private readonly temperatureFile = optionalReader(findTemperatureFile());
  private readonly diskstatsFile = new ProcFileReader('/proc/diskstats');
  private readonly netDevFile = new ProcFileReader('/proc/net/dev');
  /** Pids seen not to be Ollama at the last scan, and the scans since all were read. */
  private readonly notOllama = new Set<number>();
  private scansSinceFull = 0;
  private readonly disks = wholeDisks();
  private readonly diskRate = { read: new RateMeter(), written: new RateMeter() };
  private readonly netRate = { read: new RateMeter(), written: new RateMeter() };
  /** CPU package energy (RAPL), read each tick: a sysfs counter costs a few microseconds. */
  private readonly rapl = new RaplMeter(discoverRapl().zones);
  private readonly selfStat = new ProcFileReader('/proc/self/stat');
  private selfTicks: number | undefined;
  private readonly counterRate = { interrupts: new RateMeter(), ctxt: new RateMeter() };
  private prevDevices:
    | { at: number; disks: Map<string, DiskCounters>; nets: Map<string, InterfaceCounters> }
    | undefined;
  /** Readings taken at lower rates, repeated on each tick until the next one. */
  private readonly carried: Carried = {};
  /** Read at a lower rate and sent once, with the reading that took it. */
  private once: ProbeReading = {};

  constructor(tuning: SamplerTuning) {
    this.pidRefresh = new Every(tuning.pidRefreshMs);
    this.temperatureDue = new Every(tuning.temperatureMs);
    this.ioDue = new Every(tuning.ioMs);
    this.selfDue = new Every(1_000);
    this.prevStat = this.readStat();
    this.freqFiles = cpufreqReaders(this.prevStat?.cores.length ?? 0);
    // /proc/cpuinfo is long on big machines and slow to generate: read it less often than sysfs.
    this.frequencyDue = new Every(
      this.freqFiles.length ? tuning.frequencyMs : Math.max(5_000, tuning.frequencyMs),
    );
    this.read(Date.now());
  }

  read(now: number): ProbeReading {
    const r: ProbeReading = {};
    const statText = this.statFile.read();
    const stat = statText === undefined ? undefined : parseProcStat(statText);
    if (statText !== undefined) {
      const counters = parseStatCounters(statText);
      const intr =
        counters.interrupts === undefined
          ? undefined
          : this.counterRate.interrupts.rate(counters.interrupts, now);
      const ctxt =
        counters.ctxt === undefined ? undefined : this.counterRate.ctxt.rate(counters.ctxt, now);
      if (intr !== undefined) r.interrupts_ps = intr;
      if (ctxt !== undefined) r.context_switches_ps = ctxt;
    }
    const prev = this.prevStat;
    if (stat) {
      if (prev) this.addCpu(r, prev, stat);
      this.prevStat = stat;
    }
    const mem = memoryFigures(parseMeminfo(this.meminfoFile.read() ?? ''));
    if (mem) Object.assign(r, mem);
    if (this.pidRefresh.due(now)) this.refreshOllamaPids();
    if (stat && prev) {
      const elapsed = sumCpuTimes(stat.total) - sumCpuTimes(prev.total);
      this.addOllama(r, elapsed);
    }
    // Our own CPU only feeds busy_machine, a test-level mean: once a second is plenty.
    if (stat && this.selfDue.due(now)) this.addSelf(sumCpuTimes(stat.total));
    const energy = this.rapl.read(now);
    if (energy) {
      r.cpu_package_j = energy.joules;
      if (energy.watts !== undefined) r.cpu_package_w = energy.watts;
    }
    if (this.frequencyDue.due(now)) this.readFrequency();
    if (this.temperatureDue.due(now)) this.readTemperature();
    if (this.ioDue.due(now)) this.readIo(now);
    // One copy into the tick's own object: no spread of the carried figures, whose absent ones are
    // undefined rather than deleted (delete would turn the object into a slow dictionary).
    for (const key in this.carried) {
      const k = key as keyof Carried;
      if (this.carried[k] !== undefined) (r as Record<string, unknown>)[k] = this.carried[k];
    }
    if (this.once.disks) r.disks = this.once.disks;
    if (this.once.net_interfaces) r.net_interfaces = this.once.net_interfaces;
    this.once = {};
    return r;
  }

  close(): void {
    for (const p of this.ollama) p.stat.close();
    this.ollama = [];
    for (const reader of [
      this.statFile,
      this.meminfoFile,
      this.selfStat,
      this.diskstatsFile,
      this.netDevFile,
      this.temperatureFile,
      ...this.freqFiles,
    ])
      reader?.close();
    this.rapl.close();
  }

  private readStat(): ProcStat | undefined {
    const text = this.statFile.read();
    return text === undefined ? undefined : parseProcStat(text);
  }

  private addCpu(r: ProbeReading, prev: ProcStat, stat: ProcStat): void {
    const total = cpuUsageBetween(prev.total, stat.total);
    if (!total) return;
    r.cpu_total = total.total;
    r.cpu_user = total.user;
    r.cpu_system = total.system;
    r.cpu_iowait = total.iowait;
    if (prev.cores.length === stat.cores.length) {
      r.cpu_per_core = perCoreUsage(prev.cores, stat.cores);
    }
  }

  private refreshOllamaPids(): void {
    const known = new Map(this.ollama.map((p) => [p.pid, p]));
    if (this.scansSinceFull++ % FULL_SCAN_EVERY === 0) this.notOllama.clear();
    this.ollama = findOllamaPids('/proc', this.notOllama).map(
      (pid) => known.get(pid) ?? { pid, stat: new ProcFileReader(`/proc/${pid}/stat`, 1024) },
    );
    for (const p of known.values()) if (!this.ollama.includes(p)) p.stat.close();
  }

  /**
   * Ollama's share of the whole machine (0–100, the scale of cpu_total) and its resident memory.
   * Process ticks and /proc/stat ticks are both USER_HZ, so no clock rate is needed.
   */
  private addOllama(r: ProbeReading, elapsedTicks: number): void {
    if (!this.ollama.length) return;
    let busy = 0;
    let rss = 0;
    let seen = 0;
    const alive: OllamaProcess[] = [];
    for (const p of this.ollama) {
      const s = parsePidStat(p.stat.read() ?? '');
      if (!s || !isOllamaComm(s.comm)) {
        p.stat.close(); // exited (or the pid was reused)
        continue;
      }
      const ticks = s.utime + s.stime;
      if (p.ticks !== undefined && ticks >= p.ticks) busy += ticks - p.ticks;
      p.ticks = ticks;
      rss += s.rss * this.pageSize;
      seen++;
      alive.push(p);
    }
    this.ollama = alive;
    if (!seen) return;
    if (elapsedTicks > 0) r.ollama_cpu = Math.min(100, (100 * busy) / elapsedTicks);
    r.ollama_rss = rss;
  }

  /**
   * This process's share of the machine (the benchmark's own load, left out of busy_machine),
   * carried between its readings.
   */
  private addSelf(machineTicks: number): void {
    const s = parsePidStat(this.selfStat.read() ?? '');
    if (!s) return;
    const ticks = s.utime + s.stime;
    const prev = this.selfTicks;
    const prevMachine = this.selfAtTicks;
    this.selfTicks = ticks;
    this.selfAtTicks = machineTicks;
    const elapsed = prevMachine === undefined ? 0 : machineTicks - prevMachine;
    if (prev !== undefined && ticks >= prev && elapsed > 0) {
      this.carried.self_cpu = Math.min(100, (100 * (ticks - prev)) / elapsed);
    }
  }

  private readFrequency(): void {
    let mhz: number | undefined;
    let perCore: number[] | undefined;
    if (this.freqFiles.length) {
      const khz = this.freqFiles.map((f) => Number(f.read()));
      const ok = khz.filter((v) => Number.isFinite(v) && v > 0);
      if (ok.length) mhz = ok.reduce((a, b) => a + b, 0) / ok.length / 1000;
      if (ok.length === khz.length) perCore = khz.map((v) => v / 1000);
    } else {
      const text = readProcFile('/proc/cpuinfo') ?? '';
      mhz = parseCpuinfoMhz(text);
      const list = parseCpuinfoMhzList(text);
      if (list.length) perCore = list;
    }
    this.carried.cpu_freq_mhz = mhz;
    this.carried.cpu_freq_per_core_mhz = perCore;
  }

  /** Per-disk IOPS and latency, per-interface packets, errors and drops. */
  private readDevices(now: number, disk: string | undefined, net: string | undefined): void {
    const disks = disk === undefined ? new Map() : parseDiskDevices(disk, (n) => this.disks.has(n));
    const nets = net === undefined ? new Map() : parseNetInterfaces(net);
    const prev = this.prevDevices;
    this.prevDevices = { at: now, disks, nets };
    const ms = prev ? now - prev.at : 0;
    const d = prev ? diskRates(prev.disks, disks, ms) : [];
    const n = interfaceRates(prev?.nets ?? new Map(), nets, ms);
    // Per-device detail goes out with the reading that measured it only: carried into every tick
    // it would be copied to the main thread 4 times a second for nothing.
    if (d.length) this.once.disks = d;
    if (n.length) this.once.net_interfaces = n;
  }

  private readTemperature(): void {
    const milli = this.temperatureFile ? Number(this.temperatureFile.read()) : NaN;
    this.carried.temperature = Number.isFinite(milli) && milli > 0 ? milli / 1000 : undefined;
  }

  private readIo(now: number): void {
    const disk = this.diskstatsFile.read();
    const net = this.netDevFile.read();
    this.readDevices(now, disk, net);
    if (disk !== undefined) {
      const io = parseDiskstats(disk, (name) => this.disks.has(name));
      setRate(this.carried, 'disk_read_bps', this.diskRate.read.rate(io.read, now));
      setRate(this.carried, 'disk_write_bps', this.diskRate.written.rate(io.written, now));
    }
    if (net !== undefined) {
      const io = parseNetDev(net);
      setRate(this.carried, 'net_rx_bps', this.netRate.read.rate(io.read, now));
      setRate(this.carried, 'net_tx_bps', this.netRate.written.rate(io.written, now));
    }
  }
}

/** The cpu MHz of each processor in /proc/cpuinfo, in order. */
function parseCpuinfoMhzList(text: string): number[] {
  const values = [...text.matchAll(/^cpu MHz\s*:\s*([\d.]+)/gm)].map((m) => Number(m[1]));
  return values.every((v) => Number.isFinite(v) && v > 0) ? values : [];
}

function optionalReader(path: string | undefined): ProcFileReader | undefined {
  return path === undefined ? undefined : new ProcFileReader(path, 64);
}

function setRate(
  target: Carried,
  key: 'disk_read_bps' | 'disk_write_bps' | 'net_rx_bps' | 'net_tx_bps',
  value: number | undefined,
): void {
  target[key] = value;
}
