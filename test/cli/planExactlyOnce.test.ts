// Exactly-once plan completion: a worker killed (SIGKILL, injected at the exact point) after its
// completed session is stored and before its configuration is marked completed, again and again,
// with stale resets between; in the end every configuration has exactly one completed session and
// one set of results, on the embedded store and on MongoDB over the wire.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WORKER_FAULT_ENV } from '../../src/cli/workerFaults';
import { PLAN_MODELS, planBench, planStandIn } from '../fixtures/planWorkers';

const MODELS = PLAN_MODELS.slice(0, 2).map((m) => m.name);
const { backends, plan, startWorker } = planBench();

for (const backend of backends)
  describe(`a plan configuration completes exactly once: ${backend.name}`, () => {
    const standIn = planStandIn(backend);

    for (const fault of ['kill-after-session-stored', 'kill-before-config-completed'])
      it(`killed at ${fault}, reset, again and again`, async () => {
        const { spec, open } = await backend.fresh();
        const created = await plan(spec, [
          'create',
          '--name',
          'once',
          '--models',
          MODELS.join(','),
          '--repetitions',
          '1',
          '--num-predict',
          '2',
          '--max-retries',
          '10',
        ]);
        assert.equal(created.code, 0, created.stderr);
        const worker = (extraEnv: NodeJS.ProcessEnv = {}) =>
          startWorker(spec, standIn().url, [], extraEnv).done;
        // Each faulty worker stores one more config's completed session (or finds the one stored
        // before) and dies before the config is marked completed.
        for (let kill = 0; kill < MODELS.length; kill++) {
          const r = await worker({ [WORKER_FAULT_ENV]: fault });
          assert.notEqual(r.code, 0, `worker ${kill} should have been killed: ${r.stderr}`);
          const reset = await plan(spec, ['reset-stale', '--older-than', '0ms']);
          assert.equal(reset.code, 0, reset.stderr);
        }
        const last = await worker();
        assert.equal(last.code, 0, last.stderr);
        const store = await open();
        try {
          const [onlyPlan] = await store.plans.listPlans();
          const configs = await store.plans.configsOf(onlyPlan!._id);
          assert.deepEqual(
            configs.map((c) => c.status),
            MODELS.map(() => 'completed'),
          );
          const sessions = (await store.sessions.querySessions({ filter: {}, pageSize: 100 }))
            .items;
          for (const c of configs) {
            const completed = sessions.filter(
              (s) => s.config_id === c._id && s.status === 'completed',
            );
            assert.equal(completed.length, 1, `config ${c.model}: one completed session`);
            assert.equal(c.session_id, completed[0]!._id);
            const results = await store.sessions.getTestResults(completed[0]!._id!);
            assert.equal(results.length, 1);
            assert.deepEqual(c.result_ids, [results[0]!._id]);
          }
          assert.equal(sessions.filter((s) => s.status === 'completed').length, MODELS.length);
        } finally {
          await store.close();
        }
      });
  });
