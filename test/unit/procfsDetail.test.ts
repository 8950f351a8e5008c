// The sampler's Linux detail figures on recorded /proc text: interrupts and context switches, per-disk IOPS
// and latency, per-interface packets, errors and drops, huge pages, the mounted file systems, and
// the Linux probe carrying them on this machine.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LinuxProbe } from '../../src/core/hardware/linuxProbe';
import { DEFAULT_TUNING } from '../../src/core/hardware/probe';
import {
  diskRates,
  interfaceRates,
  parseDiskDevices,
  parseMounts,
  parseNetInterfaces,
  parseStatCounters,
  readPartitions,
} from '../../src/core/hardware/procfsDetail';
import { memoryFigures, parseMeminfo } from '../../src/core/hardware/procfs';
import { downsampleSamples } from '../../src/core/retention/downsample';

const linux = process.platform === 'linux';

const STAT = `cpu  31631 181 8648 563251 781 0 404 106 0 0
cpu0 14317 84 3799 283931 141 0 158 52 0 0
intr 932615 36 9 0 0 0 0 0 0 1 0
ctxt 2361784
btime 1795340000
processes 10931
`;

// Recorded /proc/diskstats (kernel 6.8): nvme0n1 and a partition, a loop device.
const DISKSTATS_A = ` 259       0 nvme0n1 120000 5000 9600000 60000 30000 2000 4800000 36000 0 50000 96000 0 0 0 0 1000 200
 259       1 nvme0n1p1 110000 5000 9500000 55000 29000 2000 4700000 35000 0 49000 90000 0 0 0 0 0 0
   7       0 loop0 500 0 4000 20 0 0 0 0 0 40 20 0 0 0 0 0 0`;
const DISKSTATS_B = ` 259       0 nvme0n1 120200 5000 9700000 60100 30050 2000 4900000 36060 0 50100 96160 0 0 0 0 1000 200
 259       1 nvme0n1p1 110200 5000 9600000 55100 29050 2000 4800000 35060 0 49100 90160 0 0 0 0 0 0
   7       0 loop0 500 0 4000 20 0 0 0 0 0 40 20 0 0 0 0 0 0`;

const NETDEV = (
  rx: number,
  tx: number,
) => `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 26479812    7533    0    0    0     0          0         0 26479812    7533    0    0    0     0       0          0
  eth0: 628661682   ${rx}    3    7    0     0          0         0  2548593   ${tx}    1    2    0     0       0          0`;

describe('Linux detail figures on recorded /proc text', () => {
  it('/proc/stat: interrupts and context switches (the intr total only)', () => {
    assert.deepEqual(parseStatCounters(STAT), { interrupts: 932615, ctxt: 2361784 });
    assert.deepEqual(parseStatCounters('cpu 1 2 3\n'), {});
  });

  it('/proc/diskstats: IOPS and mean latency per request of each whole disk (by hand)', () => {
    const whole = (n: string) => n === 'nvme0n1';
    const a = parseDiskDevices(DISKSTATS_A, whole);
    const b = parseDiskDevices(DISKSTATS_B, whole);
    assert.deepEqual([...a.keys()], ['nvme0n1']);
    // Over 2 s: 200 reads taking 100 ms, 50 writes taking 60 ms.
    assert.deepEqual(diskRates(a, b, 2000), [
      {
        name: 'nvme0n1',
        read_iops: 100,
        write_iops: 25,
        read_latency_ms: 0.5,
        write_latency_ms: 1.2,
      },
    ]);
    // An idle disk has IOPS 0 and no latency (not 0 ms).
    assert.deepEqual(diskRates(b, b, 2000), [{ name: 'nvme0n1', read_iops: 0, write_iops: 0 }]);
  });

  it('/proc/net/dev: packets per second, errors and drops per interface, loopback left out', () => {
    const a = parseNetInterfaces(NETDEV(22155, 17218));
    const b = parseNetInterfaces(NETDEV(22555, 17418));
    assert.deepEqual([...a.keys()], ['eth0']);
    assert.deepEqual(interfaceRates(a, b, 2000), [
      {
        name: 'eth0',
        rx_packets_ps: 200,
        tx_packets_ps: 100,
        rx_errors: 3,
        tx_errors: 1,
        rx_drops: 7,
        tx_drops: 2,
      },
    ]);
    assert.equal('rx_packets_ps' in interfaceRates(new Map(), b, 2000)[0]!, false, 'first reading');
  });

  it('/proc/meminfo: swap total and free, huge pages as counts', () => {
    const m = memoryFigures(
      parseMeminfo(`MemTotal: 1000 kB
MemAvailable: 600 kB
SwapTotal: 2048 kB
SwapFree: 1024 kB
HugePages_Total:      16
HugePages_Free:       12
HugePages_Rsvd:        2
Hugepagesize:       2048 kB
`),
    )!;
    assert.equal(m.swap_total, 2048 * 1024);
    assert.equal(m.swap_free, 1024 * 1024);
    assert.deepEqual([m.hugepages_total, m.hugepages_free, m.hugepages_reserved], [16, 12, 2]);
  });

  it('/proc/mounts: data file systems once per device, escaped spaces undone', () => {
    const text = `sysfs /sys sysfs rw,nosuid 0 0
proc /proc proc rw 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw 0 0
tmpfs /run tmpfs rw 0 0
/dev/sdb1 /mnt/my\\040models xfs rw 0 0
/dev/nvme0n1p2 /var/snap ext4 rw 0 0
overlay /var/lib/docker/overlay2/x/merged overlay rw 0 0`;
    assert.deepEqual(parseMounts(text), [
      { device: '/dev/nvme0n1p2', mount: '/', fstype: 'ext4' },
      { device: '/dev/nvme0n1p1', mount: '/boot/efi', fstype: 'vfat' },
      { device: '/dev/sdb1', mount: '/mnt/my models', fstype: 'xfs' },
    ]);
  });

  it('partitions: sizes from statfs of each mount point', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mounts-'));
    try {
      const mounts = join(dir, 'mounts');
      writeFileSync(mounts, `/dev/fake ${dir} ext4 rw 0 0\n/dev/gone /no/such/dir ext4 rw 0 0\n`);
      const [p, ...rest] = readPartitions(mounts);
      assert.deepEqual(rest, [], 'a mount point that cannot be read is left out');
      assert.equal(p!.mount, dir);
      assert.ok(p!.total > 0 && p!.free <= p!.total && p!.used <= p!.total);
      assert.deepEqual(readPartitions(join(dir, 'absent')), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('downsampling keeps per-core clocks as means and per-device figures as the last reading', () => {
    const out = downsampleSamples(
      [
        { t: 0, cpu_freq_per_core_mhz: [1000, 3000], disks: [{ name: 'a', read_iops: 1 }] },
        { t: 10, cpu_freq_per_core_mhz: [2000, 4000], disks: [{ name: 'a', read_iops: 5 }] },
      ],
      60_000,
    );
    assert.deepEqual(out, [
      { t: 0, cpu_freq_per_core_mhz: [1500, 3500], disks: [{ name: 'a', read_iops: 5 }] },
    ]);
  });
});

describe('the Linux probe on this machine', { skip: !linux }, () => {
  it('carries interrupts and context switches per second, swap and the per-device detail', async () => {
    const probe = new LinuxProbe({ ...DEFAULT_TUNING, ioMs: 0, frequencyMs: 0 });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const r = probe.read(Date.now());
      assert.ok(r.context_switches_ps! > 0, 'a running system switches context');
      assert.ok(r.interrupts_ps! >= 0);
      if (r.swap_used !== undefined) assert.equal(typeof r.swap_total, 'number');
      for (const n of r.net_interfaces ?? []) assert.notEqual(n.name, 'lo');
    } finally {
      probe.close();
    }
  });
});
