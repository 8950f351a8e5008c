// The reader for macOS and Windows (and any system without /proc): CPU from os.cpus() tick deltas
// each tick, everything else through systeminformation, whose calls there spawn processes (vm_stat,
// ps, PowerShell) and so run in the background at most once per spawningCallMs, their latest
// result carried on every tick.
import * as os from 'node:os';
import type si from 'systeminformation';
import { addCpuTimes, cpuTimesFromOs, cpuUsageBetween, perCoreUsage } from './cpuUsage';
import type { HardwareLog } from './hardwareLog';
import type { Probe, ProbeReading, SamplerTuning } from './probe';
import { Every, RateMeter } from './probe';
import type { CpuTimes } from './procfs';

type Si = typeof si;

export class PortableProbe implements Probe {
  private prevCores: CpuTimes[];
  private carried: ProbeReading = {};
  private readonly memDue: Every;
  private readonly processDue: Every;
  private readonly temperatureDue: Every;
  private readonly ioDue: Every;
  private readonly busy = new Set<string>();
  private readonly failed = new Set<string>();
  private readonly diskRate = { read: new RateMeter(), written: new RateMeter() };
  private readonly netRate = { read: new RateMeter(), written: new RateMeter() };
  private si: Si | undefined;
  private closed = false;

  constructor(
    tuning: SamplerTuning,
    private readonly log: HardwareLog,
  ) {
    this.memDue = new Every(tuning.spawningCallMs);
    this.processDue = new Every(Math.max(tuning.spawningCallMs, 2_000));
    this.temperatureDue = new Every(Math.max(tuning.spawningCallMs, tuning.temperatureMs));
    this.ioDue = new Every(Math.max(tuning.spawningCallMs, tuning.ioMs));
    this.prevCores = os.cpus().map((c) => cpuTimesFromOs(c.times));
  }

  read(now: number): ProbeReading {
    const r: ProbeReading = {};
    const cpus = os.cpus();
    const cores = cpus.map((c) => cpuTimesFromOs(c.times));
    if (cores.length === this.prevCores.length) {
      const total = cpuUsageBetween(addCpuTimes(this.prevCores), addCpuTimes(cores));
      if (total) {
        r.cpu_total = total.total;
        r.cpu_user = total.user;
        r.cpu_system = total.system;
        r.cpu_per_core = perCoreUsage(this.prevCores, cores);
      }
    }
    this.prevCores = cores;
    const speeds = cpus.map((c) => c.speed).filter((s) => s > 0);
    if (speeds.length) r.cpu_freq_mhz = speeds.reduce((a, b) => a + b, 0) / speeds.length;
    if (this.memDue.due(now)) this.background('mem', (s) => this.readMemory(s));
    if (this.processDue.due(now)) this.background('processLoad', (s) => this.readOllama(s));
    if (this.temperatureDue.due(now))
      this.background('cpuTemperature', (s) => this.readTemperature(s));
    if (this.ioDue.due(now)) this.background('io', (s) => this.readIo(s));
    return { ...this.carried, ...r };
  }

  close(): void {
    this.closed = true;
  }

  /** One call of a kind at a time; a failure is logged once and leaves its figures absent. */
  private background(name: string, task: (s: Si) => Promise<void>): void {
    if (this.busy.has(name) || this.closed) return;
    this.busy.add(name);
    void (async () => {
      try {
        // Loaded on first use: on Linux this module never runs.
        this.si ??= (await import('systeminformation')).default;
        await task(this.si);
      } catch (err) {
        if (!this.failed.has(name)) {
          this.failed.add(name);
          this.log('warn', `reading ${name} failed: ${(err as Error).message}`);
        }
      } finally {
        this.busy.delete(name);
      }
    })();
  }

  private async readMemory(s: Si): Promise<void> {
    const m = await s.mem();
    this.carried.mem_total = m.total;
    this.carried.mem_available = m.available;
    this.carried.mem_used = Math.max(0, m.total - m.available);
    this.carried.swap_used = m.swapused;
  }

  private async readOllama(s: Si): Promise<void> {
    const list = await s.processLoad('ollama');
    const running = list.filter((p) => p.pids.length > 0);
    if (!running.length) {
      delete this.carried.ollama_cpu;
      delete this.carried.ollama_rss;
      return;
    }
    // processLoad's cpu is a share of one core; the sample's scale is the whole machine.
    const cpu = running.reduce((a, p) => a + p.cpu, 0) / Math.max(1, os.cpus().length);
    this.carried.ollama_cpu = Math.min(100, cpu);
    // processLoad reports mem as a percentage of total memory.
    this.carried.ollama_rss = (running.reduce((a, p) => a + p.mem, 0) / 100) * os.totalmem();
  }

  private async readTemperature(s: Si): Promise<void> {
    const t = await s.cpuTemperature();
    const c = t.main ?? t.max;
    if (typeof c === 'number' && c > 0) this.carried.temperature = c;
    else delete this.carried.temperature;
  }

  private async readIo(s: Si): Promise<void> {
    const now = Date.now();
    // fsStats counts bytes (disksIO counts operations); it is null where unsupported (Windows).
    const fs = await s.fsStats().catch(() => null);
    if (fs && typeof fs.rx === 'number' && typeof fs.wx === 'number') {
      this.setRate('disk_read_bps', this.diskRate.read.rate(fs.rx, now));
      this.setRate('disk_write_bps', this.diskRate.written.rate(fs.wx, now));
    }
    const net = await s.networkStats('*');
    const rx = net.reduce((a, n) => a + (n.rx_bytes || 0), 0);
    const tx = net.reduce((a, n) => a + (n.tx_bytes || 0), 0);
    this.setRate('net_rx_bps', this.netRate.read.rate(rx, now));
    this.setRate('net_tx_bps', this.netRate.written.rate(tx, now));
  }

  private setRate(key: keyof ProbeReading, value: number | undefined): void {
    if (value === undefined) delete this.carried[key];
    else (this.carried as Record<string, unknown>)[key] = value;
  }
}
