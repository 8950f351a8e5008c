// Memory stays flat over a long run: 700 windows of 4 parallel streams in a child process with a
// 64 MB heap. Before ollama-js streams were read past `done` (and one client was reused for the
// whole session), every stream stayed reachable and this run died of "heap out of memory" at
// about 545 windows. bench:soak prints the figures; this asserts the behaviour.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startOllamaStandIn } from '../fixtures/ollamaStandIn';

const ROOT = join(__dirname, '..', '..');

describe('memory over a long concurrency run', () => {
  it('700 windows of 4 streams under a 64 MB heap: completes, heap flat after GC', async () => {
    const standIn = await startOllamaStandIn({ tokensPerSecond: 5000, jitter: 0, loadMs: 1 });
    try {
      const child = spawn(
        process.execPath,
        ['--max-old-space-size=64', '--expose-gc', '--import', 'tsx', 'bench/soakRun.ts'],
        {
          cwd: ROOT,
          env: { ...process.env, STANDIN_URL: standIn.url, WINDOWS: '700' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 0, stderr.slice(-2000));
      const lines = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, number>);
      assert.deepEqual(lines.at(-1), { done: true, status: 'completed' });
      const samples = lines.filter((l) => l.windows !== undefined);
      const from = samples.find((s) => s.windows! >= 100)!;
      const to = samples.at(-1)!;
      const perThousandStreams = ((to.heap! - from.heap!) / (to.streams! - from.streams!)) * 1000;
      // The leak kept ~50 MB per 1 000 streams; what grows now is the run's own data (each
      // window's figures and log line), well under 2 MB per 1 000 streams.
      assert.ok(
        perThousandStreams < 2e6,
        `heap grew ${(perThousandStreams / 1e6).toFixed(2)} MB per 1000 streams`,
      );
    } finally {
      await standIn.close();
    }
  });
});
