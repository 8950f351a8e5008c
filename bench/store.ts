// npm run bench:store — 10 000 sessions into each backend this machine can run (embedded; jongodb
// when installed; a real MongoDB when MONGODB_URI is set); prints the insert rate and the p50/p95
// of a filtered, sorted history page (goal: p95 ≤ 50 ms).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/core/repositories/openStore';
import type { OpenedStore } from '../src/core/repositories/openedStore';
import type { SessionDoc } from '../src/shared/dto';
import type { HistoryQuery } from '../src/shared/history';
import { jongodbAvailable, startJongodb } from '../test/fixtures/jongodb';

const N = Number(process.env.BENCH_SESSIONS ?? 10_000);
const MODELS = ['llama3.2:3b', 'qwen2.5:7b', 'mistral:7b', 'gemma2:9b', 'phi3:mini'];
const STATUSES = ['completed', 'completed', 'completed', 'error', 'cancelled'] as const;

function session(i: number): SessionDoc {
  const at = new Date(Date.UTC(2024, 0, 1) + i * 600_000).toISOString();
  const model = MODELS[i % MODELS.length]!;
  return {
    status: STATUSES[i % STATUSES.length]!,
    start_time: at,
    end_time: at,
    tags: i % 7 === 0 ? ['nightly'] : [],
    models: [
      {
        name: model,
        tests: ['A', 'B', 'C'].map((type) => ({
          type,
          status: 'completed' as const,
          metrics: { tokens_per_second: 20 + (i % 50), ttft_ms: 100 + (i % 30), flags: [] },
          logs: [],
        })),
      },
    ],
    options: {
      host: 'h',
      suites: ['A', 'B', 'C'],
      repetitions: 3,
      warmup: true,
      num_ctx: 2048,
      seed: 1,
      temperature: 0,
      keep_alive: '5m',
    },
    created_at: at,
    updated_at: at,
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function bench(name: string, store: OpenedStore, n = N): Promise<void> {
  const N = n;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await store.sessions.insertSession(session(i));
  const insertS = (performance.now() - t0) / 1000;
  const queries: HistoryQuery[] = [
    { filter: { models: ['qwen2.5:7b'], statuses: ['completed'] }, pageSize: 50 },
    { filter: { testTypes: ['B'], since: '2024-02-01T00:00:00Z' }, pageSize: 50, page: 3 },
    {
      filter: { tags: ['nightly'] },
      sort: { field: 'tokens_per_second', direction: 'desc' },
      pageSize: 50,
    },
    { filter: { text: 'mistral' }, pageSize: 50 },
  ];
  const times: number[] = [];
  for (let r = 0; r < 25; r++) {
    for (const q of queries) {
      const t = performance.now();
      await store.sessions.querySessions(q);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const p95 = pct(times, 95);
  console.log(
    `${name.padEnd(10)} ${N} sessions: insert ${(N / insertS).toFixed(0)}/s (${insertS.toFixed(1)} s); filtered page p50 ${pct(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms ${p95 <= 50 ? '(goal ≤ 50 ms met)' : '(goal ≤ 50 ms NOT met)'}`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ob-bench-'));
  try {
    const embedded = await openStore(join(dir, 'embedded'));
    await bench('embedded', embedded);
    await embedded.close();

    if (jongodbAvailable()) {
      const server = await startJongodb();
      try {
        const store = await openStore(server.uri, { defaultDir: dir, database: 'bench' });
        // jongodb's inserts slow down past ~5 000 documents (an in-memory test server, not MongoDB).
        await bench(
          'jongodb',
          store,
          Math.min(N, Number(process.env.BENCH_JONGODB_SESSIONS ?? 2_000)),
        );
        await store.close();
      } finally {
        await server.stop();
      }
    } else {
      console.log('jongodb    skipped: not installed (optional dependency, linux-x64 only)');
    }

    const uri = process.env.MONGODB_URI;
    if (uri) {
      const db = `ollama_bench_bench_${process.pid}`;
      const store = await openStore(uri, { defaultDir: dir, database: db });
      await bench('mongodb', store);
      await store.close();
      const { MongoClient } = await import('mongodb');
      const c = await MongoClient.connect(uri);
      await c.db(db).dropDatabase();
      await c.close();
    } else {
      console.log('mongodb    skipped: MONGODB_URI is not set');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
