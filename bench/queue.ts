// How fast the plan queue hands out work: 1, 4 and 8 worker processes claim configs from one plan
// until it is empty (each claim followed by its completion, as a worker does), on the embedded store
// (its cross-process lock) and on MongoDB over the wire (jongodb), side by side in one run. Prints
// claim latency p50/p95 and configs claimed per second; the last line is the headline figure: p95
// claim latency with 8 workers on the embedded store (goal ≤ 10 ms).
//
//   npm run bench:queue [-- --configs 400]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { ObjectId } from 'bson';
import { openEmbeddedStore, openMongoStore } from '../src/core/repositories/openStore';
import type { OpenedStore } from '../src/core/repositories/openedStore';
import { jongodbAvailable, startJongodb } from '../test/fixtures/jongodb';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};

interface Target {
  kind: 'embedded' | 'mongodb';
  spec: string;
  database?: string;
}

async function open(t: Target, journalDir: string): Promise<OpenedStore> {
  return t.kind === 'embedded'
    ? openEmbeddedStore(t.spec)
    : openMongoStore(t.spec, { database: t.database!, journalDir });
}

interface ChildReport {
  latencies: number[];
  first: number;
  last: number;
}

/** A worker process: claims (timed) and completes until the queue is empty. */
async function child(): Promise<void> {
  const target = JSON.parse(arg('target', '{}')) as Target;
  const store = await open(target, arg('journal', tmpdir()));
  const plans = store.plans;
  const worker = { hostname: hostname(), pid: process.pid, worker_id: `bench-${process.pid}` };
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) =>
    createInterface({ input: process.stdin }).once('line', () => resolve()),
  );
  const latencies: number[] = [];
  const first = performance.timeOrigin + performance.now();
  for (;;) {
    const t0 = performance.now();
    const config = await plans.claim({ worker });
    latencies.push(performance.now() - t0);
    if (!config) break;
    await plans.complete(config._id, worker.worker_id, {
      sessionId: new ObjectId().toHexString(),
      resultIds: [],
    });
  }
  latencies.pop(); // the empty answer that ended the loop is not a claim
  const report: ChildReport = {
    latencies,
    first,
    last: performance.timeOrigin + performance.now(),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  await store.close();
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Row {
  backend: string;
  workers: number;
  claims: number;
  p50: number;
  p95: number;
  perSecond: number;
}

async function measure(
  target: Target,
  label: string,
  workers: number,
  configs: number,
  journal: string,
): Promise<Row> {
  // A fresh plan of `configs` points: one model × N context lengths.
  const setup = await open(target, journal);
  await setup.plans.createPlan(
    {
      name: `bench-${workers}`,
      models: ['bench:1b'],
      suites: ['A'],
      num_ctx: Array.from({ length: configs }, (_, i) => 1024 + i),
      repetitions: 1,
    },
    [],
  );
  await setup.close();
  const children: ChildProcess[] = [];
  const reports: Promise<ChildReport>[] = [];
  const ready: Promise<void>[] = [];
  for (let i = 0; i < workers; i++) {
    const c = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        __filename,
        '--child',
        '--target',
        JSON.stringify(target),
        '--journal',
        journal,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    children.push(c);
    const lines = createInterface({ input: c.stdout! });
    let onReady!: () => void;
    ready.push(new Promise((r) => (onReady = r)));
    reports.push(
      new Promise((resolve, reject) => {
        lines.on('line', (l) =>
          l === 'ready' ? onReady() : resolve(JSON.parse(l) as ChildReport),
        );
        c.once('exit', (code) => code && reject(new Error(`worker exited ${code}`)));
      }),
    );
  }
  await Promise.all(ready);
  for (const c of children) c.stdin!.end('go\n');
  const done = await Promise.all(reports);
  const all = done.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const span = Math.max(...done.map((r) => r.last)) - Math.min(...done.map((r) => r.first));
  return {
    backend: label,
    workers,
    claims: all.length,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    perSecond: (all.length / span) * 1000,
  };
}

async function main(): Promise<void> {
  const configs = Number(arg('configs', '400'));
  const dir = mkdtempSync(join(tmpdir(), 'ob-bench-queue-'));
  const journal = join(dir, 'journal');
  const server = jongodbAvailable() ? await startJongodb() : undefined;
  const rows: Row[] = [];
  try {
    for (const workers of [1, 4, 8]) {
      rows.push(
        await measure(
          { kind: 'embedded', spec: join(dir, `store-${workers}`) },
          'embedded',
          workers,
          configs,
          journal,
        ),
      );
      if (server)
        rows.push(
          await measure(
            { kind: 'mongodb', spec: server.uri, database: `bench_${workers}` },
            'jongodb',
            workers,
            configs,
            journal,
          ),
        );
    }
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  if (!server) console.log('jongodb is not installed here (linux-x64 only): embedded store only');
  console.log(
    `${configs} configs per run, each claim followed by its completion; ${process.platform}, ${cpus().length} cores`,
  );
  console.log('backend    workers  claims  p50 ms  p95 ms  configs/s');
  for (const r of rows)
    console.log(
      `${r.backend.padEnd(10)} ${String(r.workers).padStart(7)} ${String(r.claims).padStart(7)} ${r.p50.toFixed(2).padStart(7)} ${r.p95.toFixed(2).padStart(7)} ${r.perSecond.toFixed(0).padStart(10)}`,
    );
  const headline = rows.find((r) => r.backend === 'embedded' && r.workers === 8)!;
  console.log(
    `p95 claim with 8 workers on the embedded store: ${headline.p95.toFixed(2)} ms (goal ≤ 10 ms${headline.p95 <= 10 ? ', met' : ', NOT met'})`,
  );
}

if (process.argv.includes('--child')) {
  child().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
