// The inventory: recorded systeminformation facts mapped to a hardware_configs document, the
// fingerprint's stability, this machine's real inventory, and Ollama's version from the stand-in.
import assert from 'node:assert/strict';
import { cpus, totalmem } from 'node:os';
import { after, before, describe, it } from 'node:test';
import si from 'systeminformation';
import {
  hardwareFingerprint,
  toHardwareConfig,
  type MachineFacts,
} from '../../src/core/hardware/inventory';
import { createHardwareMonitor } from '../../src/core/hardware/systemHardwareMonitor';
import { startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';

const MIB = 1024 * 1024;

/** A workstation with an RTX 4090 as systeminformation describes it (trimmed). */
const workstation: MachineFacts = {
  cpu: {
    manufacturer: 'AMD',
    brand: 'Ryzen 9 7950X',
    cores: 32,
    physicalCores: 16,
    speed: 4.5,
    speedMax: 5.88,
  },
  cpuModelName: 'AMD Ryzen 9 7950X 16-Core Processor',
  microcode: '0xa601206',
  os: {
    distro: 'Ubuntu',
    release: '24.04.1 LTS',
    kernel: '6.8.0-45-generic',
    arch: 'x64',
    hostname: 'rig',
  },
  graphics: [
    {
      vendor: 'NVIDIA Corporation',
      model: 'AD102 [GeForce RTX 4090]',
      name: 'NVIDIA GeForce RTX 4090',
      vram: 24564,
      memoryTotal: 24564,
      driverVersion: '550.107.02',
    },
    { vendor: 'VMware', model: 'SVGA II Adapter', vram: 16, driverVersion: '' },
  ],
  memLayout: [
    { size: 32 * 1024 * MIB, type: 'DDR5', clockSpeed: 4800 },
    { size: 32 * 1024 * MIB, type: 'DDR5', clockSpeed: 4800 },
  ],
  diskLayout: [
    { type: 'NVMe', size: 2_000_398_934_016 },
    { type: 'HD', size: 4_000_787_030_016 },
  ],
  bios: {
    vendor: 'American Megatrends International, LLC.',
    version: '1813',
    releaseDate: '2024-03-14',
  },
  totalMemory: 66_610_000_000,
};

describe('toHardwareConfig', () => {
  it('maps the facts to the hardware_configs fields', () => {
    assert.deepEqual(toHardwareConfig(workstation), {
      cpu: {
        model: 'AMD Ryzen 9 7950X 16-Core Processor',
        cores: 16,
        threads: 32,
        frequency: 5880,
        microcode: '0xa601206',
      },
      gpu: [
        {
          model: 'NVIDIA GeForce RTX 4090',
          vendor: 'NVIDIA Corporation',
          driver: '550.107.02',
          memory: 24564 * MIB,
        },
      ],
      ram: { total: 64 * 1024 * MIB, type: 'DDR5', frequency: 4800 },
      storage: { type: 'HD', size: 4_000_787_030_016 },
      os: {
        name: 'Ubuntu',
        version: '24.04.1 LTS',
        kernel: '6.8.0-45-generic',
        arch: 'x64',
        hostname: 'rig',
      },
      bios: {
        vendor: 'American Megatrends International, LLC.',
        version: '1813',
        date: '2024-03-14',
      },
    });
  });

  it('a VM without GPU, modules or disks: gpu [], the kernel figures, block devices', () => {
    const vm = toHardwareConfig({
      ...workstation,
      cpuModelName: '',
      cpu: {
        manufacturer: 'AMD',
        brand: 'EPYC',
        cores: 2,
        physicalCores: 2,
        speed: 0,
        speedMax: 0,
      },
      graphics: [{ vendor: 'Red Hat, Inc.', model: 'QXL paravirtual graphic card', vram: 16 }],
      memLayout: [{ size: 0, type: '', clockSpeed: 0 }],
      diskLayout: [],
      blockDevices: [
        { type: 'disk', physical: 'HDD', size: 274_877_906_944 },
        { type: 'part', physical: '', size: 274_000_000_000 },
      ],
      bios: { vendor: '', version: '', releaseDate: '' },
      microcode: undefined,
    });
    assert.deepEqual(vm.gpu, []);
    assert.deepEqual(vm.cpu, { model: 'AMD EPYC', cores: 2, threads: 2 });
    assert.deepEqual(vm.ram, { total: 66_610_000_000 });
    assert.deepEqual(vm.storage, { type: 'HDD', size: 274_877_906_944 });
    assert.deepEqual(vm.bios, {});
  });
});

describe('hardwareFingerprint', () => {
  const base = toHardwareConfig(workstation);
  it('is stable across calls and ignores what updates change', () => {
    const updated = toHardwareConfig({
      ...workstation,
      os: { ...workstation.os, kernel: '6.8.0-50-generic', release: '24.04.2 LTS' },
      graphics: [{ ...workstation.graphics[0]!, driverVersion: '560.35.03' }],
      bios: { ...workstation.bios, version: '2001' },
      totalMemory: 66_000_000_000,
    });
    assert.equal(hardwareFingerprint(base), hardwareFingerprint(toHardwareConfig(workstation)));
    assert.equal(hardwareFingerprint(updated), hardwareFingerprint(base));
    assert.match(hardwareFingerprint(base), /^[0-9a-f]{32}$/);
  });

  it('changes with the GPU, the CPU, the RAM or the host', () => {
    const fp = hardwareFingerprint(base);
    const variants = [
      { ...base, gpu: [] },
      { ...base, cpu: { ...base.cpu, model: 'AMD Ryzen 9 9950X' } },
      { ...base, ram: { ...base.ram, total: base.ram.total * 2 } },
      { ...base, os: { ...base.os, hostname: 'other' } },
    ];
    for (const v of variants) assert.notEqual(hardwareFingerprint(v), fp);
  });
});

describe('inventory of this machine', () => {
  let standIn: StandIn;
  before(async () => {
    standIn = await startOllamaStandIn({ version: '0.12.6' });
  });
  after(() => standIn.close());

  it('has the CPU, RAM, OS and Ollama version; gpu [] where there is none', async () => {
    const monitor = createHardwareMonitor({
      ollamaHost: standIn.url,
      env: { OLLAMA_NUM_PARALLEL: '4' },
    });
    const config = await monitor.inventory();
    assert.ok(config.cpu.model.length > 0);
    assert.ok(config.cpu.threads >= 1 && config.cpu.threads <= cpus().length);
    assert.ok(config.cpu.cores >= 1);
    assert.ok(config.ram.total >= totalmem() * 0.9);
    assert.ok(config.os.kernel.length > 0);
    assert.ok(Array.isArray(config.gpu));
    if ((await si.graphics()).controllers.length === 0) assert.deepEqual(config.gpu, []);
    assert.equal(config.ollama?.version, '0.12.6');
    assert.equal(config.ollama?.num_parallel, '4');
    assert.match(config.fingerprint, /^[0-9a-f]{32}$/);
    // Once per monitor: the second call reuses the machine facts, so the fingerprint is identical.
    assert.equal((await monitor.inventory()).fingerprint, config.fingerprint);
    // A plain JSON document: what the store and `--json` get.
    assert.deepEqual(JSON.parse(JSON.stringify(config)), config);
  });

  it('an unreachable Ollama leaves the version absent and the inventory intact', async () => {
    const closed = await startOllamaStandIn();
    const url = closed.url;
    await closed.close();
    const config = await createHardwareMonitor({ ollamaHost: url, env: {} }).inventory();
    assert.equal(config.ollama?.version, undefined);
    assert.ok(config.cpu.model);
  });

  it('recorded facts go through the same path (the store sees one fingerprint per machine)', async () => {
    const monitor = createHardwareMonitor({ gatherFacts: async () => workstation, env: {} });
    const config = await monitor.inventory();
    assert.equal(config.gpu[0]!.model, 'NVIDIA GeForce RTX 4090');
    assert.equal(config.fingerprint, hardwareFingerprint(toHardwareConfig(workstation)));
    assert.equal(config.ollama?.version, undefined);
  });
});
