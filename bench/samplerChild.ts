// One sampler of npm run bench:sampler in a process of its own: `project` (the product's sampler:
// worker thread, /proc reads, nvidia-smi where there is one), `si` (a plain si.currentLoad() +
// si.mem() loop) or `idle` (none: the floor under both). Started as
// `node --import tsx bench/samplerChild.ts <kind> <hz>`; prints "ready" once sampling, then answers
// each "usage" line on stdin with one JSON line: the CPU seconds this process and its children
// (nvidia-smi) have used so far, and the samples taken.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import si from 'systeminformation';
import { parsePidStat, readProcFile } from '../src/core/hardware/procfs';
import type { SamplerWorkerHandle } from '../src/core/hardware/samplerWorker';
import { createHardwareMonitor } from '../src/core/hardware/systemHardwareMonitor';

const BUILT_WORKER = join(__dirname, '..', 'dist', 'hardwareSampler.worker.js');

export interface ChildUsage {
  cpuSeconds: number;
  samples: number;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ); 100 on nearly every Linux. */
const userHz = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds a child has used so far (0 where /proc cannot tell). */
function childCpuSeconds(pid: number): number {
  const s = parsePidStat(readProcFile(`/proc/${pid}/stat`) ?? '');
  return s ? (s.utime + s.stime) / userHz : 0;
}

/** Starts the sampler of `kind`; resolves to the pids of its child processes, as they are now. */
async function start(kind: string, hz: number, onSample: () => void): Promise<() => number[]> {
  if (kind === 'project') {
    const monitor = createHardwareMonitor({
      ollamaHost: process.env.OLLAMA_HOST ? process.env.OLLAMA_HOST : undefined,
      // The bundled worker the extension and the CLI run, not the TypeScript source through tsx.
      workerFile: BUILT_WORKER,
      log: (level, message) => process.stderr.write(`  [sampler ${level}] ${message}\n`),
    });
    const handle = (await monitor.start(
      { intervalMs: 1000 / hz },
      onSample,
    )) as SamplerWorkerHandle;
    return () => handle.childPids();
  }
  if (kind === 'si') {
    let busy = false;
    setInterval(() => {
      if (busy) return;
      busy = true;
      void Promise.all([si.currentLoad(), si.mem()]).then(() => {
        busy = false;
        onSample();
      });
    }, 1000 / hz);
    return () => [];
  }
  // idle: something must hold the event loop open while nothing samples.
  setInterval(() => undefined, 60_000);
  return () => [];
}

async function main(): Promise<void> {
  const [kind = 'idle', hz = '4'] = process.argv.slice(2);
  let samples = 0;
  const children = await start(kind, Number(hz), () => samples++);
  // nvidia-smi children that ended are remembered with their last figure, so usage never falls.
  const seen = new Map<number, number>();
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'usage') return;
    for (const pid of children()) seen.set(pid, childCpuSeconds(pid));
    const own = process.cpuUsage();
    let childSeconds = 0;
    for (const v of seen.values()) childSeconds += v;
    const usage: ChildUsage = { cpuSeconds: (own.user + own.system) / 1e6 + childSeconds, samples };
    process.stdout.write(`${JSON.stringify(usage)}\n`);
  });
  process.stdin.on('end', () => process.exit(0));
  process.stdout.write('ready\n');
}

void main();
