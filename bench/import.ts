// npm run bench:import — imports archives of 1,000 and then 10,000 sessions of one day (each with
// its suite A test result, so every session lands in the same daily statistics) into a fresh
// embedded store, through the same path as `ollama-bench import`. Prints sessions per second at
// each size; the last line is the ratio of the per-session time at 10,000 to that at 1,000
// (goal ≤ 1.5: storing is linear; and 10,000 in ≤ 30 s).
import { ObjectId, type Document } from 'bson';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openEmbeddedStore } from '../src/core/repositories/openStore';
import { storedSessionDocument } from '../src/core/sessions/sessionRepository';
import { writeArchive, type ArchiveEntry } from '../src/core/transfer/archiveFormat';
import { importFiles } from '../src/core/transfer/importFiles';
import type { SessionDoc } from '../src/shared/dto';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const DAY = Date.UTC(2025, 0, 1);

function* entries(n: number): Generator<ArchiveEntry> {
  for (let i = 0; i < n; i++) {
    const at = new Date(DAY + i * 5_000).toISOString();
    const sessionId = new ObjectId();
    const resultId = new ObjectId();
    const tps = 40 + (i % 17);
    const session: SessionDoc = {
      _id: sessionId.toHexString(),
      status: 'completed',
      start_time: at,
      end_time: at,
      models: [
        {
          name: 'llama3.2:3b',
          tests: [
            {
              type: 'A',
              status: 'completed',
              result_id: resultId.toHexString(),
              metrics: { tokens_per_second: tps, flags: [] },
              logs: [],
            },
          ],
        },
      ],
      tags: [],
      options: { host: 'h', suites: ['A'], repetitions: 3, num_ctx: 4096, seed: 42 },
      created_at: at,
      updated_at: at,
    } as unknown as SessionDoc;
    yield { collection: 'test_sessions', doc: storedSessionDocument(session) };
    const result: Document = {
      _id: resultId,
      session_id: sessionId,
      model_name: 'llama3.2:3b',
      test_type: 'A',
      status: 'completed',
      metrics: {
        repetitions: [0, 1, 2].map((r) => ({ tokens_per_second: tps + r, ttft_ms: 80 + r })),
        stats: {},
        flags: [],
      },
      output: '',
      logs: [],
      created_at: new Date(at),
    };
    yield { collection: 'test_results', doc: result };
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ob-bench-import-'));
  const perSession: number[] = [];
  try {
    for (const n of SIZES) {
      const archive = join(dir, `sessions-${n}.jsonl.gz`);
      await writeArchive(archive, entries(n));
      const store = await openEmbeddedStore(join(dir, `store-${n}`), { log: () => undefined });
      const t = performance.now();
      const written = await importFiles(store, [archive]);
      const s = (performance.now() - t) / 1000;
      await store.close();
      if (written.added !== 2 * n) throw new Error(`imported ${written.added} of ${2 * n}`);
      perSession.push(s / n);
      console.log(
        `${n} sessions: ${s.toFixed(1)} s, ${(n / s).toFixed(0)} sessions/s (${((s / n) * 1000).toFixed(2)} ms a session)`,
      );
    }
    console.log(`load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
    const ratio = perSession[1]! / perSession[0]!;
    console.log(
      `per-session time at 10,000 ÷ at 1,000: ${ratio.toFixed(2)} ${ratio <= 1.5 ? '(goal ≤ 1.5 met)' : '(goal ≤ 1.5 NOT met)'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
