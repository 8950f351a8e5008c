// `plan create` with the workload suites' flags (the ones `run` takes): each config keeps the
// options of its suite's kind, and the worker that claims it runs with them. The built
// dist/cli.js on the embedded store against the stand-in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliArgs } from '../fixtures/cliArgs';
import { allSessions, planBench, planStandIn } from '../fixtures/planWorkers';

const { backends, startWorker, plan, createPlan } = planBench();
const [backend] = backends;

describe('plan create with workload options', () => {
  if (!backend) return;
  const standIn = planStandIn(backend);

  it('a depth and a rate config carry their options; the worker runs with them', async () => {
    const { spec, open } = await backend.fresh();
    const { plan_id } = await createPlan(
      spec,
      cliArgs`--name w --models m1:1b --suites depth,rate,A --num-predict 4 --repetitions 1
        --depths 0,256 --rate 20 --arrival constant --requests 5 --slo ${'ttft_ms<=800,tpot_ms<=50'}`,
    );
    const store = await open();
    try {
      const configs = await store.plans.configsOf(plan_id);
      const bySuite = new Map(configs.map((c) => [c.suite, c.options.workload]));
      assert.deepEqual(bySuite.get('depth'), { depths: [0, 256] });
      const slo = { name: 'custom', percentile: 90, bounds: { ttft_ms: 800, tpot_ms: 50 } };
      assert.deepEqual(bySuite.get('rate'), {
        rate: 20,
        arrival: 'constant',
        requests: 5,
        slo,
      });
      assert.equal(bySuite.get('A'), undefined, 'a suite of another kind keeps none');
      const stored = await store.plans.getPlan('w');
      assert.deepEqual(stored?.dimensions.workload, {
        depths: [0, 256],
        rate: 20,
        arrival: 'constant',
        requests: 5,
        slo,
      });

      const worker = startWorker(spec, standIn().url, ['--plan', 'w']);
      const done = await worker.done;
      assert.equal(done.code, 0, done.stderr);
      const sessions = (await allSessions(store)).filter((s) => s.plan_id === plan_id);
      const test = (suite: string) =>
        sessions.flatMap((s) => s.models.flatMap((m) => m.tests)).find((t) => t.type === suite);
      assert.deepEqual(
        test('depth')?.metrics.depth_levels?.map((l) => l.depth),
        [0, 256],
      );
      const rate = test('rate')?.metrics;
      assert.deepEqual(
        rate?.rate_levels?.map((l) => [l.mode, l.rate_rps, l.requests]),
        [['constant', 20, 5]],
      );
      assert.deepEqual(rate?.slo, slo);
    } finally {
      await store.close();
    }
  });

  it('malformed workload flags: one line, exit 2, nothing queued', async () => {
    const { spec, open } = await backend.fresh();
    for (const [flags, words] of [
      [cliArgs`--rate 0`, /--rate must be requests per second/],
      [cliArgs`--rates 3`, /give --sweep too/],
      [cliArgs`--sweep --rate 2`, /not both/],
    ] as const) {
      const r = await plan(spec, [
        ...cliArgs`create --name bad --models m1:1b --suites rate`,
        ...flags,
      ]);
      assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, words);
    }
    const store = await open();
    try {
      assert.deepEqual(await store.plans.listPlans(), []);
    } finally {
      await store.close();
    }
  });
});
