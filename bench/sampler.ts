// npm run bench:sampler — what the hardware sampler costs, against the obvious alternative.
//
// Three processes run side by side, each started the same way (bench/samplerChild.ts under tsx):
// the project's sampler (worker thread, /proc reads, nvidia-smi stream where there is one), a plain
// `si.currentLoad() + si.mem()` sampler, and one that samples nothing (the floor of such a process,
// which both figures include). After a warm-up of BENCH_WARMUP_SECONDS (default 40: V8 keeps
// compiling the tick and shrinking a fresh thread's heap for the better part of a minute, measured
// here as a cost that still falls from one 20 s window to the next, and a sampler runs for a whole
// session, so its steady state is what is measured), BENCH_ROUNDS (default 3) windows of
// BENCH_SECONDS (default 20) each measure all three at once, so a burst of load elsewhere on the
// machine falls on both samplers alike; each window's ratio is project / si, and the median of the
// rounds is the headline (under 2 minutes in all). BENCH_HZ (default 4) is the rate. Cost = CPU
// time of the process (all threads, so the worker counts) plus that of its child processes
// (nvidia-smi), as % of one core. Goals: the project's sampler ≤ 0.5 % of a core at 4 Hz and ratio
// ≤ 0.2. The ratio is the last line printed.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import si from 'systeminformation';
import type { ChildUsage } from './samplerChild';

const BUILT_WORKER = join(__dirname, '..', 'dist', 'hardwareSampler.worker.js');

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 40);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const hz = Number(process.env.BENCH_HZ ?? 4);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (v: number) => `${v.toFixed(2)} %`;

interface Child {
  kind: string;
  process: ChildProcessByStdio<Writable, Readable, null>;
  lines: Interface;
}

/** The next line the child prints. */
function nextLine(child: Child): Promise<string> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`the ${child.kind} sampler's process ended (exit code ${code})`));
    child.process.once('exit', onExit);
    child.lines.once('line', (line) => {
      child.process.off('exit', onExit);
      resolve(line);
    });
  });
}

async function startChild(kind: string): Promise<Child> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'samplerChild.ts'), kind, String(hz)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const child = { kind, process: proc, lines: createInterface({ input: proc.stdout }) };
  const first = await nextLine(child);
  if (first !== 'ready') throw new Error(`the ${kind} sampler said "${first}" instead of ready`);
  return child;
}

async function askUsage(child: Child): Promise<ChildUsage> {
  const reply = nextLine(child);
  child.process.stdin.write('usage\n');
  return JSON.parse(await reply) as ChildUsage;
}

/** Usage of every child, asked of all at once. */
async function usages(children: Child[]): Promise<{ at: bigint; usage: ChildUsage[] }> {
  const usage = await Promise.all(children.map(askUsage));
  return { at: process.hrtime.bigint(), usage };
}

async function main(): Promise<void> {
  if (!existsSync(BUILT_WORKER)) throw new Error(`${BUILT_WORKER} is missing: run npm run build`);
  process.stdout.write(
    `Sampler cost at ${hz} Hz, % of one core: ${rounds} windows of ${seconds} s after ${warmupSeconds} s warm-up, the three processes side by side (${process.platform}, ${cpus().length} CPUs, systeminformation ${si.version()}, node ${process.version})\n`,
  );
  const children = await Promise.all(['project', 'si', 'idle'].map(startChild));
  const ratios: number[] = [];
  const projects: number[] = [];
  const plains: number[] = [];
  try {
    await sleep(warmupSeconds * 1000);
    let before = await usages(children);
    for (let round = 1; round <= rounds; round++) {
      await sleep(seconds * 1000);
      const after = await usages(children);
      const elapsed = Number(after.at - before.at) / 1e9;
      const cost = (i: number) =>
        (100 * ((after.usage[i]?.cpuSeconds ?? NaN) - (before.usage[i]?.cpuSeconds ?? NaN))) /
        elapsed;
      const taken = (i: number) => (after.usage[i]?.samples ?? 0) - (before.usage[i]?.samples ?? 0);
      const [project, plain, idle] = [cost(0), cost(1), cost(2)];
      const ratio = project / plain;
      projects.push(project);
      plains.push(plain);
      ratios.push(ratio);
      process.stdout.write(
        `round ${round}: project sampler ${pct(project)} (${taken(0)} samples), si.currentLoad+si.mem ${pct(plain)} (${taken(1)} samples), no sampler ${pct(idle)}; ratio ${ratio.toFixed(2)}\n`,
      );
      before = after;
    }
  } finally {
    for (const c of children) c.process.stdin.end();
  }
  process.stdout.write(
    `ratio at ${hz} Hz: ${median(ratios).toFixed(2)} (median of ${ratios.length} rounds; project ${pct(median(projects))} of a core, si.currentLoad+si.mem ${pct(median(plains))}; goal ≤ 0.5 % and ratio ≤ 0.2)\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
});
