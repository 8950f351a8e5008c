// Many `ollama-bench worker` processes of the built dist/cli.js sharing one plan's queue, on the
// embedded store (its cross-process lock) and on MongoDB over the wire (jongodb), against the
// Ollama stand-in: every config completed exactly once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allSessions,
  PLAN_MODELS,
  planBench,
  planStandIn,
  tinyPlan,
} from '../fixtures/planWorkers';

const { backends, startWorker, createPlan } = planBench();

for (const backend of backends) {
  describe(`workers sharing a queue: ${backend.name}`, () => {
    const standIn = planStandIn(backend);

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
        const configs = await store.plans.configsOf(plan_id);
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
          const [r] = await store.sessions.getTestResults(c.session_id!);
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
