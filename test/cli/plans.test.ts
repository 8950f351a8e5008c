// `ollama-bench plan` and `ollama-bench worker` as users run them: the plan commands, and many
// worker processes of the built dist/cli.js sharing one queue, on the embedded store (its
// cross-process lock) and on MongoDB over the wire (jongodb), against the Ollama stand-in. What a
// plan survives (a lost worker, an Ollama restart, a SIGTERM) is in planFaults.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allSessions,
  PLAN_MODELS,
  planBench,
  planStandIn,
  tinyPlan,
} from '../fixtures/planWorkers';

const { backends, startWorker, plan, createPlan } = planBench();

for (const backend of backends) {
  describe(`plans and workers: ${backend.name}`, () => {
    const standIn = planStandIn(backend);

    it('plan create twice adds nothing; bad input exits 2 and stores nothing', async () => {
      const { spec, open } = await backend.fresh();
      const args = ['--name', 'p', '--models', 'm1:1b,m2:1b', '--suites', 'A,C'];
      const first = await createPlan(spec, [
        ...args,
        '--num-ctx',
        '2048,8192',
        '--concurrency',
        '1,4',
      ]);
      const again = await plan(spec, [
        'create',
        '--json',
        ...args,
        '--num-ctx',
        '2048,8192',
        '--concurrency',
        '1,4',
      ]);
      assert.deepEqual(JSON.parse(again.stdout), {
        plan_id: first.plan_id,
        name: 'p',
        added: 0,
        existing: 12,
        total: 12,
      });
      const wider = await plan(spec, [
        'create',
        '--json',
        ...args,
        '--num-ctx',
        '2048,8192,16384',
        '--concurrency',
        '1,4',
      ]);
      assert.deepEqual(JSON.parse(wider.stdout), {
        plan_id: first.plan_id,
        name: 'p',
        added: 6,
        existing: 12,
        total: 18,
      });
      for (const bad of [
        ['--name', 'bad', '--models', 'm1:1b', '--suites', 'Z'],
        ['--name', 'bad', '--models', 'm1:1b', '--num-ctx', '0'],
        ['--name', 'bad', '--models', ' , '],
      ]) {
        const r = await plan(spec, ['create', ...bad]);
        assert.equal(r.code, 2, `${bad.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /Unknown test suite "Z"|num_ctx values must be|at least one model/);
      }
      const status = await plan(spec, ['status', '--json']);
      const parsed = JSON.parse(status.stdout) as {
        plans: { name: string; counts: object; total: number; eta_s: null }[];
      };
      assert.deepEqual(
        parsed.plans.map((p) => [p.name, p.total, p.counts, p.eta_s]),
        [['p', 18, { pending: 18, running: 0, completed: 0, failed: 0, cancelled: 0 }, null]],
      );
      const store = await open();
      try {
        assert.equal(await store.plans().getPlan('bad'), undefined);
      } finally {
        await store.close();
      }

      // The rest of the plan commands, as JSON.
      const json = async (args: string[]) => {
        const r = await plan(spec, [...args, '--json']);
        assert.equal(r.code, 0, r.stderr);
        return JSON.parse(r.stdout) as unknown;
      };
      assert.deepEqual(await json(['list']), {
        plans: [
          {
            name: 'p',
            plan_id: first.plan_id,
            total: 18,
            counts: { pending: 18, running: 0, completed: 0, failed: 0, cancelled: 0 },
          },
        ],
      });
      assert.deepEqual(await json(['reset-stale', '--older-than', '1s']), { reset: 0, failed: 0 });
      assert.deepEqual(await json(['cancel', 'p']), { name: 'p', cancelled: 18 });
      const unsure = await plan(spec, ['delete', 'p']);
      assert.equal(unsure.code, 2);
      assert.match(unsure.stderr, /Run again with --yes/);
      assert.deepEqual(await json(['delete', 'p', '--yes']), { name: 'p', deleted: 18 });
      const gone = await plan(spec, ['status', 'p']);
      assert.equal(gone.code, 2);
      assert.match(gone.stderr, /No plan named "p"/);
    });

    it('8 worker processes over 200 configs: each completed exactly once, 200 results, one session per config', async () => {
      const { spec, open } = await backend.fresh();
      // 4 models × 50 context lengths = 200 configs, each one tiny repetition.
      const ctx = Array.from({ length: 50 }, (_, i) => 1024 + i).join(',');
      const { plan_id } = await createPlan(
        spec,
        tinyPlan('big', PLAN_MODELS.map((m) => m.name).join(','), ctx),
      );
      const workers = Array.from({ length: 8 }, () =>
        startWorker(spec, standIn().url, ['--plan', 'big']),
      );
      const results = await Promise.all(workers.map((w) => w.done));
      for (const r of results) assert.equal(r.code, 0, r.stderr);
      const lines = results.flatMap((r) => r.stdout.trim().split('\n').filter(Boolean));
      const finished = lines.map(
        (l) => JSON.parse(l) as { config_id: string; status: string; session_id: string },
      );
      assert.equal(finished.length, 200, 'one line per config, over all workers');
      assert.equal(new Set(finished.map((f) => f.config_id)).size, 200, 'no config run twice');
      assert.ok(finished.every((f) => f.status === 'completed'));
      assert.ok(results.filter((r) => r.stdout.trim()).length > 1, 'the work was shared');

      const store = await open();
      try {
        const configs = await store.plans().configsOf(plan_id);
        assert.equal(configs.length, 200);
        assert.deepEqual(new Set(configs.map((c) => c.status)), new Set(['completed']));
        assert.ok(configs.every((c) => c.retry_count === 0 && c.result_ids.length === 1));
        const sessions = (await allSessions(store)).filter((s) => s.plan_id === plan_id);
        const perConfig = new Map<string, number>();
        for (const s of sessions)
          perConfig.set(s.config_id!, (perConfig.get(s.config_id!) ?? 0) + 1);
        assert.equal(sessions.length, 200);
        assert.equal(perConfig.size, 200);
        assert.ok(
          [...perConfig.values()].every((n) => n === 1),
          'no config with two sessions',
        );
        let results = 0;
        for (const c of configs) {
          const [r] = await store.getTestResults(c.session_id!);
          assert.deepEqual([r!.config_id, r!.plan_id, r!.status], [c._id, plan_id, 'completed']);
          results++;
        }
        assert.equal(results, 200);
      } finally {
        await store.close();
      }
    });
  });
}
