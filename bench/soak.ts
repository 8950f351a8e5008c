// npm run bench:soak — memory over a long concurrency run: a 4-stream suite at the stand-in's full
// speed, in a child process with a 64 MB heap (where the old client reuse died after ~545
// windows). Prints heap and RSS (after a full GC) at the start and the end, and their growth per
// 1 000 streams; the last line is the headline figure. Goal: < 1 MB per 1 000 streams, and
// < 50 MB over a 30-minute run at the default length (suite C, 128 tokens per stream).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startOllamaStandIn } from '../test/fixtures/ollamaStandIn';

interface Sample {
  windows: number;
  streams: number;
  heap: number;
  rss: number;
}

const WINDOWS = Number(process.env.BENCH_SOAK_WINDOWS ?? 1500);
const MB = 1e6;

async function main(): Promise<void> {
  const standIn = await startOllamaStandIn({ tokensPerSecond: 5000, jitter: 0, loadMs: 1 });
  const samples: Sample[] = [];
  const started = Date.now();
  try {
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--max-old-space-size=64',
          '--expose-gc',
          '--import',
          'tsx',
          join(__dirname, 'soakRun.ts'),
        ],
        {
          env: { ...process.env, STANDIN_URL: standIn.url, WINDOWS: String(WINDOWS) },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let buffered = '';
      child.stdout.on('data', (d: Buffer) => {
        buffered += d;
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          const parsed = JSON.parse(line) as Partial<Sample>;
          if (parsed.windows !== undefined) samples.push(parsed as Sample);
        }
      });
      child.on('exit', resolve);
    });
    if (code !== 0)
      throw new Error(
        `the soak run died (exit ${code}) after ${samples.at(-1)?.windows ?? 0} windows`,
      );
  } finally {
    await standIn.close();
  }
  // From the 100th window: the first ones hold the JIT's and the pools' one-off growth.
  const first = samples.find((s) => s.windows >= 100) ?? samples[0]!;
  const last = samples.at(-1)!;
  const per1000 = (a: number, b: number) => ((b - a) / MB / (last.streams - first.streams)) * 1000;
  const heapPer1000 = per1000(first.heap, last.heap);
  const rssPer1000 = per1000(first.rss, last.rss);
  // 30 minutes of suite C at the default length: a window of 4 streams × 128 tokens at a typical
  // 50 tok/s per stream takes about 2.6 s, so about 700 windows, 2 800 streams.
  const streams30min = Math.round(((30 * 60) / 2.6) * 4);
  console.log(
    `windows ${last.windows}, streams ${last.streams}, ${((Date.now() - started) / 1000).toFixed(0)} s, heap limit 64 MB`,
  );
  console.log(
    `heap at window ${first.windows}: ${(first.heap / MB).toFixed(1)} MB; at the end: ${(last.heap / MB).toFixed(1)} MB`,
  );
  console.log(
    `RSS at window ${first.windows}: ${(first.rss / MB).toFixed(1)} MB; at the end: ${(last.rss / MB).toFixed(1)} MB`,
  );
  console.log(`RSS growth per 1000 streams: ${rssPer1000.toFixed(2)} MB`);
  console.log(
    `heap growth over a 30-minute run (≈${streams30min} streams, extrapolated): ${((heapPer1000 * streams30min) / 1000).toFixed(1)} MB (goal < 50 MB)`,
  );
  console.log(`heap growth per 1000 streams: ${heapPer1000.toFixed(3)} MB (goal < 1 MB)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
