// `ollama-bench prune` as a user runs it on an embedded store in a temp folder: --dry-run says what
// would be archived and deleted and changes nothing (document counts before and after), a real run
// writes one gzip JSON Lines archive that holds every deleted document, --json has the documented
// shape, and bad arguments are named.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readArchive } from '../../src/core/transfer/archiveFormat';
import { openStore } from '../../src/core/repositories/openStore';
import type { SessionDoc } from '../../src/shared/dto';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { runOptions } from '../fixtures/runOptions';
import { cliArgs } from '../fixtures/cliArgs';

const DAY = 86_400_000;

function session(at: number, model: string): SessionDoc {
  const iso = new Date(at).toISOString();
  return {
    status: 'completed',
    start_time: iso,
    end_time: iso,
    models: [{ name: model, tests: [] }],
    tags: [],
    options: runOptions(),
    created_at: iso,
    updated_at: iso,
  };
}

describe('ollama-bench prune', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ob-prune-'));
  const store = join(dir, 'store');
  const archive = join(dir, 'archive');
  const oldIds: string[] = [];

  /** Sessions, results and samples in the store, as a user would count them. */
  async function counts(): Promise<{ sessions: number; results: number; samples: number }> {
    const s = await openStore(store);
    try {
      const page = await s.sessions.querySessions({ filter: {}, pageSize: 500 });
      let results = 0;
      let samples = 0;
      for (const x of page.items) {
        const rs = await s.sessions.getTestResults(x._id!);
        results += rs.length;
        samples += rs.reduce((n, r) => n + (r.samples?.length ?? 0), 0);
      }
      return { sessions: page.total, results, samples };
    } finally {
      await s.close();
    }
  }

  before(async () => {
    ensureBuilt();
    const s = await openStore(store);
    const now = Date.now();
    for (const [days, model] of [
      [400, 'old:1b'],
      [200, 'old:2b'],
      [10, 'new:1b'],
    ] as const) {
      const at = now - days * DAY;
      const id = await s.sessions.insertSession(session(at, model));
      if (days > 30) oldIds.push(id);
      await s.sessions.insertTestResult({
        session_id: id,
        model_name: model,
        test_type: 'A',
        status: 'completed',
        metrics: {
          ram_usage: [],
          vram_usage: [],
          cpu_usage: Array.from({ length: 90 }, (_, i) => ({
            timestamp: new Date(at + i * 1000).toISOString(),
            value: i,
          })),
          gpu_usage: [],
          stats: {},
          repetitions: [],
          flags: [],
        },
        output: '',
        logs: [],
        samples: Array.from({ length: 90 }, (_, i) => ({ t: at + i * 1000, cpu_total: i })),
        created_at: new Date(at + 90_000).toISOString(),
      });
    }
    await s.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--dry-run --json says what would happen and changes nothing', async () => {
    const before = await counts();
    assert.deepEqual(before, { sessions: 3, results: 3, samples: 270 });
    const r = await runCli(
      cliArgs`prune --store ${store} --session-days 30 --downsample-after 7 --archive ${archive} --dry-run --json`,
    );
    assert.equal(r.code, 0, r.stderr);
    // Both old sessions would go; the results older than 7 days are theirs (downsampling runs after
    // deletion, so in a dry run it counts them too).
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(out).sort(), [
      'archive_file',
      'archived',
      'deleted',
      'downsampled',
    ]);
    assert.equal(out.archived, 2);
    assert.equal(out.deleted, 2);
    assert.equal(out.archive_file, null);
    assert.equal(out.downsampled, 3);
    assert.deepEqual(await counts(), before, 'nothing changed');
    assert.throws(() => readdirSync(archive), /ENOENT/, 'no archive folder made');

    const text = await runCli(['prune', '--store', store, '--session-days', '30', '--dry-run']);
    assert.match(
      text.stdout,
      /2 session\(s\) and 2 result\(s\) would be deleted.*Nothing was changed\./,
    );
  });

  it('archives the old sessions to one file, deletes them, and import brings every document back equal', async () => {
    // What a user sees of the old sessions before the prune.
    const snapshot = async (folder: string) => {
      const s = await openStore(folder);
      try {
        return await Promise.all(
          oldIds.map(async (id) => ({
            session: await s.sessions.getSession(id),
            results: await s.sessions.getTestResults(id),
          })),
        );
      } finally {
        await s.close();
      }
    };
    const before = await snapshot(store);
    const r = await runCli(
      cliArgs`prune --store ${store} --session-days 30 --downsample-after 0 --archive ${archive} --json`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { archived: number; deleted: number; archive_file: string };
    assert.equal(out.archived, 2);
    assert.equal(out.deleted, 2);
    assert.deepEqual(readdirSync(archive), [out.archive_file.slice(archive.length + 1)]);
    assert.match(out.archive_file, /ollama-bench-archive-\d{8}T\d{6}Z\.jsonl\.gz$/);
    assert.deepEqual(await counts(), { sessions: 1, results: 1, samples: 90 });
    const entries = await readArchive(out.archive_file);
    const sessions = entries.filter((e) => e.collection === 'test_sessions');
    assert.deepEqual(sessions.map((e) => String(e.doc._id)).sort(), [...oldIds].sort());
    assert.equal(entries.filter((e) => e.collection === 'test_results').length, 2);

    // `ollama-bench import` reads the archive into another store: every document, equal.
    const elsewhere = join(dir, 'restored');
    const imported = await runCli(['import', out.archive_file, '--store', elsewhere, '--json']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual(JSON.parse(imported.stdout), { added: entries.length, skipped: 0 });
    assert.deepEqual(await snapshot(elsewhere), before);
  });

  it('downsamples the kept result (series and samples) older than 7 days, once', async () => {
    const args = ['prune', '--store', store, '--downsample-after', '7', '--json'];
    const first = await runCli([...args, '--downsample-interval', '1m']);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), {
      archived: 0,
      downsampled: 1,
      deleted: 0,
      archive_file: null,
    });
    const after = await counts();
    // 90 s of 1 s samples touch two or three started minutes.
    assert.ok(after.samples >= 2 && after.samples <= 3, String(after.samples));
    const again = await runCli(args);
    assert.equal(JSON.parse(again.stdout).downsampled, 0, 'nothing left to do');
    const s = await openStore(store);
    try {
      const run = await s.retention.lastRun();
      assert.equal(run?.report.resultsDownsampled, 0);
      assert.equal(run?.policy.downsampleAfterDays, 7);
      const [kept] = (await s.sessions.querySessions({ filter: {} })).items;
      const [result] = await s.sessions.getTestResults(kept!._id!);
      assert.ok(result!.metrics.cpu_usage.length <= 3, 'the series inside test_results too');
    } finally {
      await s.close();
    }
  });

  it('names what is wrong with its arguments', async () => {
    const bad = await runCli(['prune', '--store', store, '--downsample-interval', '2m']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /--downsample-interval must be one of 1m, 5m, 1h, not "2m"/);
    const days = await runCli(['prune', '--store', store, '--session-days', '-1']);
    assert.match(days.stderr, /--session-days must be a whole number of days ≥ 0/);
  });
});
