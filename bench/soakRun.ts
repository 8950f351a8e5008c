// One long concurrency run, in its own process so its memory is its own: a 4-stream suite for
// WINDOWS windows against the Ollama stand-in at STANDIN_URL, storing into an embedded store in a
// temp folder. Prints one JSON line per SAMPLE_EVERY windows with the heap and RSS after a full
// GC (run with --expose-gc), then {"done": true}. Used by bench/soak.ts and test/unit/soak.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSession } from '../src/core/bench/runner';
import { openEmbeddedStore } from '../src/core/repositories/openStore';
import type { SuiteDefinition } from '../src/shared/dto';

const url = process.env.STANDIN_URL!;
const windows = Number(process.env.WINDOWS ?? 600);
const every = Number(process.env.SAMPLE_EVERY ?? 100);

const suite: SuiteDefinition = {
  name: 'soak',
  description: '4 parallel streams, again and again',
  kind: 'concurrency',
  tags: [],
  prompts: ['Count to ten.'],
  options: { num_predict: 8 },
  concurrency: [4],
};

function measure(done: number): void {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({ windows: done, streams: done * 4, heap: m.heapUsed, rss: m.rss })}\n`,
  );
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'ob-soak-'));
  const store = await openEmbeddedStore(folder);
  try {
    let done = 0;
    const session = await runSession(
      { models: ['llama3.2:3b'], suites: [suite], repetitions: windows },
      {
        store: store.runWrites,
        host: url,
        onEvent: (e) => {
          if (e.type !== 'repetition-done') return;
          done++;
          if (done === 1 || done % every === 0) measure(done);
        },
      },
    );
    process.stdout.write(`${JSON.stringify({ done: true, status: session.status })}\n`);
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
