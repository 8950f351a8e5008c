// The machine's inventory (the `hardware_configs` document) from systeminformation, taken
// once per session, plus a fingerprint so the store keeps one document per machine. si.graphics()
// runs nvidia-smi synchronously: acceptable once here, never in the sampling loop.
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import type { Systeminformation } from 'systeminformation';
import type { HardwareConfig } from '../../shared/dto';
import { readProcFile } from './procfs';

/** What systeminformation says, gathered before the (pure) mapping to a HardwareConfig. */
export interface MachineFacts {
  cpu: Pick<
    Systeminformation.CpuData,
    'manufacturer' | 'brand' | 'cores' | 'physicalCores' | 'speed' | 'speedMax'
  >;
  os: Pick<Systeminformation.OsData, 'distro' | 'release' | 'kernel' | 'arch' | 'hostname'>;
  graphics: Pick<
    Systeminformation.GraphicsControllerData,
    'vendor' | 'model' | 'vram' | 'driverVersion' | 'memoryTotal' | 'name'
  >[];
  memLayout: Pick<Systeminformation.MemLayoutData, 'size' | 'type' | 'clockSpeed'>[];
  diskLayout: Pick<Systeminformation.DiskLayoutData, 'type' | 'size'>[];
  /** Fallback when diskLayout is empty (VMs, containers). */
  blockDevices?: Pick<Systeminformation.BlockDevicesData, 'type' | 'physical' | 'size'>[];
  bios: Pick<Systeminformation.BiosData, 'vendor' | 'version' | 'releaseDate'>;
  /** os.totalmem(): the kernel's figure, used when memLayout has no module sizes. */
  totalMemory: number;
  /** os.cpus()[0].model: the full name where si's brand is shortened. */
  cpuModelName?: string;
  microcode?: string;
}

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() && !/^(unknown|default string|-)$/i.test(v.trim())
    ? v.trim()
    : undefined;
const positive = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;

/** Drops undefined members so stored documents and `--json` carry no null-like keys. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Graphics controllers that are GPUs worth naming: virtual display adapters of VMs (no VRAM, a
 * hypervisor's vendor) say nothing about inference speed.
 */
function isRealGpu(g: MachineFacts['graphics'][number]): boolean {
  const name = `${g.vendor} ${g.model}`.toLowerCase();
  return (
    !!text(g.model) &&
    !/(vmware|virtualbox|qxl|cirrus|bochs|red hat|virtio|hyper-v|microsoft basic)/.test(name)
  );
}

/** The inventory document without its fingerprint and the Ollama part. */
export function toHardwareConfig(f: MachineFacts): Omit<HardwareConfig, 'fingerprint'> {
  const siModel = [text(f.cpu.manufacturer), text(f.cpu.brand)].filter(Boolean).join(' ');
  const moduleBytes = f.memLayout.reduce((a, m) => a + (positive(m.size) ?? 0), 0);
  const firstModule = f.memLayout.find((m) => text(m.type) || positive(m.clockSpeed));
  const disks = f.diskLayout.filter((d) => positive(d.size));
  const mainDisk = [...disks].sort((a, b) => b.size - a.size)[0];
  const blockDisk = (f.blockDevices ?? [])
    .filter((b) => b.type === 'disk' && positive(b.size))
    .sort((a, b) => b.size - a.size)[0];
  // si reports GHz; the sample's clock is MHz, so the inventory uses MHz too.
  const ghz = positive(f.cpu.speedMax) ?? positive(f.cpu.speed);
  return {
    cpu: compact({
      model: text(f.cpuModelName) ?? (siModel || 'unknown CPU'),
      cores: positive(f.cpu.physicalCores) ?? positive(f.cpu.cores) ?? 0,
      threads: positive(f.cpu.cores) ?? 0,
      frequency: ghz !== undefined ? Math.round(ghz * 1000) : undefined,
      microcode: text(f.microcode),
    }),
    gpu: f.graphics.filter(isRealGpu).map((g) => {
      // vram is MiB; nvidia-smi's memoryTotal (also MiB) is the exact figure where present.
      const mib = positive(g.memoryTotal) ?? positive(g.vram);
      return compact({
        model: text(g.name) ?? g.model.trim(),
        vendor: text(g.vendor),
        driver: text(g.driverVersion),
        memory: mib !== undefined ? mib * MIB : undefined,
      });
    }),
    ram: compact({
      total: moduleBytes || f.totalMemory,
      type: text(firstModule?.type),
      frequency: positive(firstModule?.clockSpeed),
    }),
    storage: compact({
      type: text(mainDisk?.type) ?? text(blockDisk?.physical),
      size: positive(mainDisk?.size) ?? positive(blockDisk?.size),
    }),
    os: compact({
      name: text(f.os.distro) ?? os.type(),
      version: text(f.os.release) ?? '',
      kernel: text(f.os.kernel) ?? os.release(),
      arch: text(f.os.arch),
      hostname: text(f.os.hostname),
    }),
    bios: compact({
      vendor: text(f.bios.vendor),
      version: text(f.bios.version),
      date: text(f.bios.releaseDate),
    }),
  };
}

/**
 * A hash of what identifies the machine and does not drift: CPU model and core counts, RAM rounded
 * to GiB, GPU models, host name, OS name and architecture. Kernel, driver and BIOS versions change
 * with updates and are not part of it (the stored document is updated instead).
 */
export function hardwareFingerprint(config: Omit<HardwareConfig, 'fingerprint'>): string {
  const identity = {
    cpu: [config.cpu.model, config.cpu.cores, config.cpu.threads],
    ram_gib: Math.round(config.ram.total / GIB),
    gpu: config.gpu.map((g) => g.model).sort(),
    host: config.os.hostname ?? '',
    os: [config.os.name, config.os.arch ?? ''],
  };
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
}

/** /proc/cpuinfo's microcode revision (Linux x86 only). */
function readMicrocode(): string | undefined {
  const cpuinfo = readProcFile('/proc/cpuinfo');
  return cpuinfo ? /^microcode\s*:\s*(\S+)/m.exec(cpuinfo)?.[1] : undefined;
}

/** Asks systeminformation once for everything the inventory needs. */
export async function gatherMachineFacts(): Promise<MachineFacts> {
  const si = (await import('systeminformation')).default;
  // Each call tolerates failure alone: a container without dmidecode still has a CPU.
  const safe = async <T>(p: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await p();
    } catch {
      return fallback;
    }
  };
  const [cpu, osInfo, graphics, memLayout, diskLayout, bios] = await Promise.all([
    safe<MachineFacts['cpu']>(() => si.cpu(), {
      manufacturer: '',
      brand: '',
      cores: os.cpus().length,
      physicalCores: 0,
      speed: 0,
      speedMax: 0,
    }),
    safe<MachineFacts['os']>(() => si.osInfo(), {
      distro: os.type(),
      release: os.release(),
      kernel: os.release(),
      arch: os.arch(),
      hostname: os.hostname(),
    }),
    safe(() => si.graphics(), { controllers: [], displays: [] }),
    safe(() => si.memLayout(), []),
    safe(() => si.diskLayout(), []),
    safe<MachineFacts['bios']>(() => si.bios(), { vendor: '', version: '', releaseDate: '' }),
  ]);
  const blockDevices = diskLayout.length ? undefined : await safe(() => si.blockDevices(), []);
  return {
    cpu,
    os: osInfo,
    graphics: graphics.controllers,
    memLayout,
    diskLayout,
    blockDevices,
    bios,
    totalMemory: os.totalmem(),
    cpuModelName: os.cpus()[0]?.model,
    microcode: readMicrocode(),
  };
}
