// The /proc parsers on recorded text, the same readers on this machine's real /proc, and the
// arithmetic between two readings.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cpuUsageBetween } from '../../src/core/hardware/cpuUsage';
import { LinuxProbe, isOllamaComm, kernelPageSize } from '../../src/core/hardware/linuxProbe';
import { vramOfPs } from '../../src/core/hardware/ollamaPsPoller';
import { parseEnviron, readOllamaSettings } from '../../src/core/hardware/ollamaRuntime';
import { DEFAULT_TUNING, RateMeter } from '../../src/core/hardware/probe';
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
} from '../../src/core/hardware/procfs';
import { clampSamplingInterval } from '../../src/core/hardware/samplingInterval';

const linux = process.platform === 'linux';

const STAT = `cpu  31631 181 8648 563251 781 0 404 106 0 0
cpu0 14317 84 3799 283931 141 0 158 52 0 0
cpu1 17313 96 4849 279319 640 0 246 53 0 0
intr 932615 0 0 0
ctxt 2361784
btime 1795340000
`;

const STAT_LATER = `cpu  31731 181 8698 563351 831 0 404 106 0 0
cpu0 14417 84 3799 283931 141 0 158 52 0 0
cpu1 17314 96 4899 279419 690 0 246 53 0 0
`;

const MEMINFO = `MemTotal:       24683656 kB
MemFree:        24234620 kB
MemAvailable:   24299368 kB
Buffers:            3924 kB
Cached:           144092 kB
SwapTotal:       2097148 kB
SwapFree:        1048574 kB
HugePages_Total:       0
`;

describe('/proc parsers on recorded text', () => {
  it('/proc/stat: the aggregate line and each core, iowait included', () => {
    const s = parseProcStat(STAT)!;
    assert.equal(s.cores.length, 2);
    assert.deepEqual(s.total, {
      user: 31631,
      nice: 181,
      system: 8648,
      idle: 563251,
      iowait: 781,
      irq: 0,
      softirq: 404,
      steal: 106,
    });
    assert.equal(s.cores[1]!.iowait, 640);
    assert.equal(parseProcStat('intr 1 2 3\n'), undefined);
  });

  it('CPU usage between two readings: busy share, user/system/iowait split', () => {
    const a = parseProcStat(STAT)!;
    const b = parseProcStat(STAT_LATER)!;
    const u = cpuUsageBetween(a.total, b.total)!;
    // Δ: user 100, system 50, idle 100, iowait 50 → 300 ticks, 150 busy.
    assert.equal(u.total, 50);
    assert.ok(Math.abs(u.user - 100 / 3) < 1e-9);
    assert.ok(Math.abs(u.system - 50 / 3) < 1e-9);
    assert.ok(Math.abs(u.iowait - 50 / 3) < 1e-9);
    assert.equal(cpuUsageBetween(a.cores[0]!, b.cores[0]!)!.total, 100);
    assert.equal(cpuUsageBetween(a.total, a.total), undefined, 'no tick elapsed');
    assert.equal(cpuUsageBetween(b.total, a.total), undefined, 'counters went backwards');
  });

  it('/proc/meminfo: bytes; used = total − available; swap used', () => {
    const m = parseMeminfo(MEMINFO);
    assert.equal(m.MemTotal, 24683656 * 1024);
    assert.equal(m.HugePages_Total, 0, 'huge pages are counts, not kB');
    assert.deepEqual(memoryFigures(m), {
      mem_total: 24683656 * 1024,
      mem_available: 24299368 * 1024,
      mem_used: (24683656 - 24299368) * 1024,
      swap_used: (2097148 - 1048574) * 1024,
      swap_total: 2097148 * 1024,
      swap_free: 1048574 * 1024,
      hugepages_total: 0,
    });
    const old = parseMeminfo(
      'MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 150 kB\n',
    );
    assert.equal(memoryFigures(old)!.mem_available, 300 * 1024, 'kernels without MemAvailable');
    assert.equal(memoryFigures({}), undefined);
  });

  it('/proc/<pid>/stat: a name with spaces and parentheses does not shift the fields', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[0] = 'R';
    fields[11] = '1234'; // utime (field 14)
    fields[12] = '56'; // stime (field 15)
    fields[21] = '789'; // rss (field 24)
    const s = parsePidStat(`4242 (ollama (runner) x) ${fields.join(' ')}\n`)!;
    assert.deepEqual(s, {
      comm: 'ollama (runner) x',
      state: 'R',
      utime: 1234,
      stime: 56,
      rss: 789,
    });
    assert.equal(parsePidStat('garbage'), undefined);
  });

  it('/proc/diskstats: whole disks only, sectors of 512 bytes', () => {
    const text = `   7       0 loop0 10 0 80 0 0 0 0 0 0 0 0
 259       0 nvme0n1 100 0 2000 0 50 0 4000 0 0 0 0
 259       1 nvme0n1p1 90 0 1800 0 40 0 3000 0 0 0 0
 253       0 zram0 5 0 40 0 5 0 40 0 0 0 0
   8       0 sda 10 0 8 0 1 0 16 0 0 0 0`;
    const disks = new Set(['nvme0n1', 'sda', 'loop0', 'zram0'].filter(isCountedDisk));
    assert.deepEqual(
      parseDiskstats(text, (n) => disks.has(n)),
      {
        read: (2000 + 8) * 512,
        written: (4000 + 16) * 512,
      },
    );
    assert.equal(isCountedDisk('dm-0'), false);
    assert.equal(isCountedDisk('nvme0n1'), true);
  });

  it('/proc/net/dev: every interface but loopback', () => {
    const text = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 26479812    7533    0    0    0     0          0         0 26479812    7533    0    0    0     0       0          0
  eth0: 628661682   22155    0    0    0     0          0         0  2548593   17218    0    0    0     0       0          0
 wlan0:1000 1 0 0 0 0 0 0 500 1 0 0 0 0 0 0`;
    assert.deepEqual(parseNetDev(text), { read: 628661682 + 1000, written: 2548593 + 500 });
  });

  it('/proc/cpuinfo: mean "cpu MHz"', () => {
    assert.equal(parseCpuinfoMhz('cpu MHz\t\t: 2000.000\nx\ncpu MHz\t\t: 3000.000\n'), 2500);
    assert.equal(parseCpuinfoMhz('model name : Apple M2\n'), undefined);
  });

  it('rates between counters; none on the first reading or after a reset', () => {
    const r = new RateMeter();
    assert.equal(r.rate(1000, 0), undefined);
    assert.equal(r.rate(3000, 500), 4000);
    assert.equal(r.rate(10, 1000), undefined);
  });

  it('Ollama processes by name; /api/ps VRAM; server settings from its environment', () => {
    assert.equal(isOllamaComm('ollama\n'), true);
    assert.equal(isOllamaComm('ollama_llama_se'), true);
    assert.equal(isOllamaComm('node'), false);
    assert.equal(vramOfPs({ models: [{ size_vram: 100 }, { size_vram: 23 }, {}] }), 123);
    assert.equal(vramOfPs({ models: [] }), 0);
    assert.equal(vramOfPs({ error: 'x' }), undefined);
    assert.deepEqual(parseEnviron('A=1\0OLLAMA_NUM_PARALLEL=4\0B=x=y\0'), {
      A: '1',
      OLLAMA_NUM_PARALLEL: '4',
      B: 'x=y',
    });
    assert.deepEqual(
      readOllamaSettings({ OLLAMA_NUM_PARALLEL: '2', OLLAMA_MAX_LOADED_MODELS: '3' }, () => [
        { OLLAMA_NUM_PARALLEL: '8' },
      ]),
      { num_parallel: '8', max_loaded_models: '3' },
      "the server's own environment wins over ours",
    );
    assert.deepEqual(
      readOllamaSettings({}, () => []),
      {},
    );
  });

  it('the interval setting is clamped to 100–5000 ms, default 500', () => {
    assert.equal(clampSamplingInterval(500), 500);
    assert.equal(clampSamplingInterval(10), 100);
    assert.equal(clampSamplingInterval(60_000), 5000);
    assert.equal(clampSamplingInterval('250'), 250);
    assert.equal(clampSamplingInterval('fast'), 500);
    assert.equal(clampSamplingInterval(undefined), 500);
    assert.equal(clampSamplingInterval(Number.NaN), 500);
  });
});

describe('/proc readers on this machine', { skip: !linux && 'Linux only' }, () => {
  it('read the real files', () => {
    const stat = parseProcStat(readProcFile('/proc/stat')!)!;
    assert.equal(stat.cores.length, cpus().length);
    const mem = memoryFigures(parseMeminfo(readProcFile('/proc/meminfo')!))!;
    assert.equal(mem.mem_total, totalmem());
    assert.ok(mem.mem_used > 0 && mem.mem_used < mem.mem_total);
    const self = parsePidStat(readProcFile(`/proc/${process.pid}/stat`)!)!;
    assert.equal(self.comm, readProcFile(`/proc/${process.pid}/comm`)!.trim());
    assert.ok(self.rss * kernelPageSize() > 10 * 1024 * 1024, 'a node process holds over 10 MB');
    assert.equal(readProcFile('/proc/no-such-file'), undefined);
  });

  it('one open descriptor reads a /proc file afresh each time', async () => {
    const reader = new ProcFileReader('/proc/self/stat');
    try {
      const first = parsePidStat(reader.read()!)!;
      const end = Date.now() + 60;
      while (Date.now() < end) {
        // burn CPU so utime moves
      }
      const second = parsePidStat(reader.read()!)!;
      assert.ok(second.utime + second.stime > first.utime + first.stime);
    } finally {
      reader.close();
    }
    const missing = new ProcFileReader('/proc/no-such-file');
    assert.equal(missing.read(), undefined);
    // Files longer than the first buffer (/proc/stat of a 256-CPU machine) are read whole.
    const dir = mkdtempSync(join(tmpdir(), 'ollama-bench-proc-'));
    try {
      const text = 'cpu0 1 2 3 4 5 6 7 8\n'.repeat(2000);
      writeFileSync(join(dir, 'stat'), text);
      const long = new ProcFileReader(join(dir, 'stat'));
      assert.equal(long.read(), text);
      long.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the Linux probe fills CPU, per-core, memory, disk and network figures', async () => {
    const probe = new LinuxProbe({ ...DEFAULT_TUNING, ioMs: 100 });
    await new Promise((r) => setTimeout(r, 150));
    const r = probe.read(Date.now());
    probe.close();
    assert.equal(typeof r.cpu_total, 'number');
    assert.ok(r.cpu_total! >= 0 && r.cpu_total! <= 100);
    assert.equal(r.cpu_per_core!.length, cpus().length);
    assert.equal(typeof r.cpu_iowait, 'number');
    assert.equal(r.mem_total, totalmem());
    assert.ok(r.mem_used! > 0);
    assert.equal(typeof r.net_rx_bps, 'number');
    assert.equal(typeof r.disk_write_bps, 'number');
  });
});
