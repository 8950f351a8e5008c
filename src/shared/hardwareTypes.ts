// The machine a session ran on and what the hardware sampler reads, in the units every shape in
// dto.ts follows (bytes, percent 0–100, °C, W; a figure the machine cannot read is absent).
import type { IsoDate } from './dto';

export interface HardwareConfig {
  _id?: string;
  cpu: { model: string; cores: number; threads: number; frequency?: number; microcode?: string };
  gpu: { model: string; driver?: string; memory?: number; vendor?: string }[];
  ram: { total: number; type?: string; frequency?: number };
  storage: { type?: string; size?: number };
  os: { name: string; version: string; kernel: string; arch?: string; hostname?: string };
  bios: { vendor?: string; version?: string; date?: string };
  ollama?: { version?: string; num_parallel?: string; max_loaded_models?: string };
  /** Stable hash of what identifies the machine; unique in the store. */
  fingerprint: string;
  created_at?: IsoDate;
  updated_at?: IsoDate;
}

export interface GpuSample {
  index: number;
  utilization?: number;
  memory_used?: number;
  memory_total?: number;
  temperature?: number;
  power_draw?: number;
  /** The driver's energy counter since it loaded (mJ; total_energy_consumption, Volta and later). */
  energy_mj?: number;
  /** clocks_throttle_reasons.active as a number (bit mask; see gpuThrottle.ts). */
  throttle_reasons?: number;
  /** Current SM and memory clocks (MHz). */
  clock_sm_mhz?: number;
  clock_mem_mhz?: number;
}

/** One tick of the hardware sampler. Absent = the machine cannot read it. */
export interface HardwareSample {
  /** Epoch milliseconds. */
  t: number;
  cpu_total?: number;
  cpu_user?: number;
  cpu_system?: number;
  cpu_iowait?: number;
  cpu_per_core?: number[];
  cpu_freq_mhz?: number;
  mem_used?: number;
  mem_available?: number;
  mem_total?: number;
  swap_used?: number;
  ollama_cpu?: number;
  ollama_rss?: number;
  temperature?: number;
  gpus?: GpuSample[];
  /** Σ size_vram over loaded models (from /api/ps). */
  vram_models?: number;
  disk_read_bps?: number;
  disk_write_bps?: number;
  net_rx_bps?: number;
  net_tx_bps?: number;
  // ---- the machine's evidence (src/core/hardware/rapl.ts, linuxProbe.ts) ----
  /** CPU package energy counted since the sampler started (J, wrap-around undone; Linux RAPL). */
  cpu_package_j?: number;
  /** CPU package power over the last interval (W). */
  cpu_package_w?: number;
  /** This process's (the benchmark's own) CPU % of the machine, for busy_machine. */
  self_cpu?: number;
  /** Each core's clock (MHz), in core order (Linux cpufreq). */
  cpu_freq_per_core_mhz?: number[];
  /** Per second, from /proc/stat's intr and ctxt counters. */
  interrupts_ps?: number;
  context_switches_ps?: number;
  /** Bytes. */
  swap_total?: number;
  swap_free?: number;
  /** Huge pages (counts, not bytes). */
  hugepages_total?: number;
  hugepages_free?: number;
  hugepages_reserved?: number;
  /** Per network interface (loopback left out), at the disk and network rate. */
  net_interfaces?: NetInterfaceSample[];
  /** Per whole disk, at the disk and network rate. */
  disks?: DiskDeviceSample[];
}

export interface NetInterfaceSample {
  name: string;
  rx_packets_ps?: number;
  tx_packets_ps?: number;
  /** Counted since the interface came up. */
  rx_errors: number;
  tx_errors: number;
  rx_drops: number;
  tx_drops: number;
}

export interface DiskDeviceSample {
  name: string;
  read_iops?: number;
  write_iops?: number;
  /** Mean time per completed request over the interval (ms); absent without requests. */
  read_latency_ms?: number;
  write_latency_ms?: number;
}

/** A mounted file system, read once per session. */
export interface PartitionInfo {
  mount: string;
  device: string;
  fstype: string;
  total: number;
  used: number;
  free: number;
}
