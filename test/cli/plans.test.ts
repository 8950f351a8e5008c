// `ollama-bench plan` as users run it, through the built dist/cli.js, on the embedded store and on
// MongoDB over the wire (jongodb): create, status, list, reset-stale, cancel and delete. Workers
// sharing the queue are in planQueue.test.ts, what a plan survives in planFaults.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt } from '../fixtures/cliProcess';
import { planBench } from '../fixtures/planWorkers';

const { backends, plan, createPlan } = planBench();

for (const backend of backends) {
  describe(`plan commands: ${backend.name}`, () => {
    before(() => ensureBuilt());
    after(async () => backend.stop?.());

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
        assert.equal(await store.plans.getPlan('bad'), undefined);
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
  });
}
