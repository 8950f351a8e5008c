// The retention part of the store contract (src/core/retention/): downsampling, deletion of old
// sessions, the archive written before deleting and read back by import, a dry run. Run by
// storeContract against every backend, in two places: pruning before the plans part, the archive
// after it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { storeUnderTest } from '../fixtures/storeUnderTest';
import { readArchive } from '../../src/core/transfer/archiveFormat';
import { readImportFiles, writeImport } from '../../src/core/transfer/importFiles';
import { DAY, hardware, iso, session, T0 } from '../fixtures/storeDocuments';
import { samplesOnlyResult } from '../fixtures/testResults';

export function pruneContract(getStore: () => OpenedStore, ids: Record<string, string>): void {
  describe('retention: pruning', () => {
    const store = storeUnderTest(getStore);

    it('prunes by the retention policy: downsamples old samples, deletes old sessions', async () => {
      const now = new Date(T0 + 100 * DAY);
      const samples = Array.from({ length: 240 }, (_, i) => ({
        t: T0 + i * 500,
        cpu_total: i % 2 ? 10 : 30,
      }));
      const rid = await store.sessions.insertTestResult(
        samplesOnlyResult(ids.first!, 'llama3.2:3b', samples, iso(T0)),
      );
      const report = await store.retention.prune({ downsampleAfterDays: 90, sessionDays: 0, now });
      assert.equal(report.sessionsDeleted, 0);
      assert.ok(report.resultsDownsampled >= 1);
      const [r] = (await store.sessions.getTestResults(ids.first!)).filter((x) => x._id === rid);
      assert.deepEqual(r!.samples, [
        { t: T0, cpu_total: 20 },
        { t: T0 + 60_000, cpu_total: 20 },
      ]);
      // Again: nothing left to do, and the means stay.
      assert.equal(
        (await store.retention.prune({ downsampleAfterDays: 90, sessionDays: 0, now }))
          .resultsDownsampled,
        0,
      );

      const gone = await store.retention.prune({ downsampleAfterDays: 0, sessionDays: 98, now });
      assert.deepEqual([gone.sessionsDeleted, gone.resultsDeleted], [2, 3]); // first (1 result) and q1 (2 results)
      assert.equal(await store.sessions.getSession(ids.first!), undefined);
      assert.deepEqual(await store.sessions.getTestResults(ids.q1!), []);
      assert.equal((await store.sessions.querySessions({ filter: {} })).total, 2);
    });
  });
}

export function archiveContract(getStore: () => OpenedStore): void {
  describe('retention: archive', () => {
    const store = storeUnderTest(getStore);

    // ---- retention: archive, dry run, downsampled result series (src/core/retention/) ----
    it('retention: downsamples result series, archives before deleting, a dry run changes nothing, import brings every archived document back equal', async () => {
      const now = new Date(T0 - 300 * DAY);
      const at = T0 - 400 * DAY;
      const hw = await store.sessions.saveHardwareConfig(hardware('fp-archive'));
      const sid = await store.sessions.insertSession(session('archived:1b', { at, hw }));
      const points = Array.from({ length: 120 }, (_, i) => ({
        timestamp: iso(at + i * 1000),
        value: i < 60 ? 10 : 30,
      }));
      const rid = await store.sessions.insertTestResult({
        session_id: sid,
        model_name: 'archived:1b',
        test_type: 'A',
        status: 'completed',
        metrics: {
          ram_usage: [],
          vram_usage: [],
          cpu_usage: points,
          gpu_usage: [],
          stats: {},
          repetitions: [],
          flags: ['throttled'],
        },
        output: 'x',
        logs: [],
        samples: points.map((p) => ({ t: Date.parse(p.timestamp), cpu_total: p.value })),
        created_at: iso(at + 120_000),
      });

      const down = await store.retention.prune({
        downsampleAfterDays: 1,
        downsampleInterval: '1m',
        sessionDays: 0,
        now,
      });
      assert.equal(down.resultsDownsampled, 1, 'only the old result');
      const [r] = await store.sessions.getTestResults(sid);
      assert.deepEqual(r!.metrics.cpu_usage, [
        { timestamp: iso(at), value: 10 },
        { timestamp: iso(at + 60_000), value: 30 },
      ]);
      assert.deepEqual(r!.samples, [
        { t: at, cpu_total: 10 },
        { t: at + 60_000, cpu_total: 30 },
      ]);
      const run = await store.retention.lastRun();
      assert.equal(run?.at, now.toISOString());
      assert.deepEqual(run?.report, down);

      const before = {
        session: await store.sessions.getSession(sid),
        results: await store.sessions.getTestResults(sid),
        total: (await store.sessions.querySessions({ filter: {} })).total,
      };
      const dir = mkdtempSync(join(tmpdir(), 'ollama-bench-archive-'));
      try {
        const policy = { downsampleAfterDays: 0, sessionDays: 1, archiveDir: dir, now };
        const dry = await store.retention.prune({ ...policy, dryRun: true });
        assert.deepEqual(
          [
            dry.sessionsArchived,
            dry.sessionsDeleted,
            dry.resultsDeleted,
            dry.archiveFile,
            dry.dryRun,
          ],
          [1, 1, 1, null, true],
        );
        assert.deepEqual(readdirSync(dir), [], 'a dry run writes no archive');
        assert.equal((await store.sessions.querySessions({ filter: {} })).total, before.total);
        assert.deepEqual(await store.sessions.getSession(sid), before.session);
        assert.deepEqual(await store.sessions.getTestResults(sid), before.results);
        assert.deepEqual(await store.retention.lastRun(), run, 'a dry run is not recorded');

        const real = await store.retention.prune(policy);
        assert.equal(real.sessionsArchived, 1);
        assert.equal(real.sessionsDeleted, 1);
        assert.ok(real.archiveFile && existsSync(real.archiveFile), String(real.archiveFile));
        assert.equal(await store.sessions.getSession(sid), undefined);
        assert.equal((await store.sessions.querySessions({ filter: {} })).total, before.total - 1);
        const entries = await readArchive(real.archiveFile);
        const count = (c: string) => entries.filter((e) => e.collection === c).length;
        assert.equal(count('test_sessions'), 1);
        assert.equal(count('test_results'), 1);
        assert.equal(count('hardware_configs'), 1);
        assert.ok(count('hardware_samples') >= 1);

        // `import` reads the archive back: the machine is still in the store, everything else
        // comes back, equal.
        const imported = await writeImport(store, await readImportFiles([real.archiveFile]));
        assert.deepEqual(imported, { added: entries.length - 1, skipped: 1 });
        assert.deepEqual(await store.sessions.getSession(sid), before.session);
        assert.deepEqual(await store.sessions.getTestResults(sid), before.results);
        const again = await writeImport(store, await readImportFiles([real.archiveFile]));
        assert.equal(again.added, 0, 'importing twice adds nothing');
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await store.sessions.deleteSessions([sid]);
      }
      void rid;
    });
  });
}
