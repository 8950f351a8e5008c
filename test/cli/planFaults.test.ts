// What a plan survives, with worker processes of the built dist/cli.js on the embedded store and on
// MongoDB over the wire (jongodb): a worker killed mid-config, a config for an unknown model, an
// Ollama stopped mid-plan and restarted, and a SIGTERM.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BenchmarkConfig } from '../../src/shared/plans';
import { startOllamaStandIn } from '../fixtures/ollamaStandIn';
import {
  PLAN_MODELS,
  planBench,
  planStandIn,
  runningConfig,
  tinyPlan,
  waitForStore,
} from '../fixtures/planWorkers';

const { backends, startWorker, plan, createPlan } = planBench();

for (const backend of backends) {
  describe(`plan faults: ${backend.name}`, () => {
    const standIn = planStandIn(backend);

    it('a worker killed with SIGKILL mid-config: after the stale timeout another completes it, retry_count 1', async () => {
      const { spec, open } = await backend.fresh();
      const { plan_id } = await createPlan(spec, tinyPlan('kill', 'm1:1b'));
      // Slow generations for the first worker, so it is surely mid-config when it dies.
      standIn().addFault({
        fault: { kind: 'delay', ms: 60_000 },
        path: '/api/generate',
        skip: 1,
        times: 1,
      });
      const doomed = startWorker(spec, standIn().url, ['--heartbeat', '200ms']);
      const store = await open();
      try {
        const running = await runningConfig(store, plan_id);
        doomed.child.kill('SIGKILL');
        await doomed.done;
        standIn().clearFaults();
        const rescuer = startWorker(spec, standIn().url, [
          '--stale-after',
          '1s',
          '--idle-exit',
          '5s',
        ]);
        const r = await rescuer.done;
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /1 stale configuration\(s\) back to pending/);
        const [c] = (await store.plans.configsOf(plan_id)) as [BenchmarkConfig];
        assert.deepEqual([c.status, c.retry_count], ['completed', 1]);
        assert.notEqual(c.session_id, running.session_id);
        assert.deepEqual(c.lost_session_ids, [running.session_id]);
        assert.equal((await store.sessions.getSession(running.session_id!))!.status, 'interrupted');
        assert.equal((await store.sessions.getSession(c.session_id!))!.status, 'completed');
      } finally {
        await store.close();
      }
    });

    it('a config for an unknown model fails with its reason; the rest complete', async () => {
      const { spec, open } = await backend.fresh();
      const { plan_id } = await createPlan(spec, tinyPlan('unknown', 'm1:1b,nope:7b,m2:1b'));
      const r = await startWorker(spec, standIn().url).done;
      assert.equal(r.code, 0, r.stderr);
      const statuses = r.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { status: string }).status);
      assert.deepEqual(statuses.sort(), ['completed', 'completed', 'failed']);
      const store = await open();
      try {
        const configs = await store.plans.configsOf(plan_id);
        const failed = configs.filter((c) => c.status === 'failed');
        assert.deepEqual(
          failed.map((c) => c.model),
          ['nope:7b'],
        );
        assert.match(failed[0]!.error_message!, /model 'nope:7b' not found/);
        assert.equal(configs.filter((c) => c.status === 'completed').length, 2);
        const [status] = JSON.parse(
          (await plan(spec, ['status', 'unknown', '--json'])).stdout,
        ).plans;
        assert.deepEqual(status.counts, {
          pending: 0,
          running: 0,
          completed: 2,
          failed: 1,
          cancelled: 0,
        });
        assert.equal((await plan(spec, ['retry', 'unknown', '--failed'])).code, 0);
        assert.equal(await store.plans.countByStatus(plan_id, 'pending'), 1);
      } finally {
        await store.close();
      }
    });

    it('Ollama stopped mid-plan: claims go back, nothing fails, the plan finishes once it is back', async () => {
      const { spec, open } = await backend.fresh();
      const { plan_id } = await createPlan(
        spec,
        tinyPlan('outage', 'm1:1b,m2:1b,m3:1b', '2048,4096'),
      );
      // An Ollama of its own, so stopping it leaves the other tests' alone.
      const slowOllama = (port?: number) =>
        startOllamaStandIn({
          models: PLAN_MODELS,
          tokensPerSecond: 50,
          loadMs: 1,
          jitter: 0,
          port,
        });
      let ollama = await slowOllama();
      const port = ollama.port;
      const worker = startWorker(spec, ollama.url);
      const store = await open();
      try {
        await waitForStore('two configs completed', async () =>
          (await store.plans.countByStatus(plan_id, 'completed')) >= 2 ? true : undefined,
        );
        await ollama.close();
        await waitForStore('the worker to notice', async () =>
          /does not answer/.test(worker.stderr()) ? true : undefined,
        );
        const during = await store.plans.configsOf(plan_id);
        assert.equal(during.filter((c) => c.status === 'failed').length, 0);
        assert.equal(
          during.filter((c) => c.status === 'running').length,
          0,
          'no claim held while Ollama is away',
        );
        ollama = await slowOllama(port);
        const r = await worker.done;
        assert.equal(r.code, 0, r.stderr);
        const configs = await store.plans.configsOf(plan_id);
        assert.deepEqual(new Set(configs.map((c) => c.status)), new Set(['completed']));
        assert.ok(
          configs.every((c) => c.retry_count === 0),
          'no retry spent on an Ollama restart',
        );
      } finally {
        await store.close();
        await ollama.close();
      }
    });

    it('SIGTERM: the running config goes back to pending, its session is cancelled, exit 143', async () => {
      const { spec, open } = await backend.fresh();
      const { plan_id } = await createPlan(spec, tinyPlan('stop', 'm1:1b', '2048', 3));
      standIn().addFault({
        fault: { kind: 'delay', ms: 60_000 },
        path: '/api/generate',
        skip: 1,
        times: 1,
      });
      const worker = startWorker(spec, standIn().url);
      const store = await open();
      try {
        const running = await runningConfig(store, plan_id);
        worker.child.kill('SIGTERM');
        const r = await worker.done;
        standIn().clearFaults();
        assert.equal(r.code, 143, r.stderr);
        const [c] = await store.plans.configsOf(plan_id);
        assert.deepEqual([c!.status, c!.retry_count, c!.claimed_by], ['pending', 0, undefined]);
        const s = await store.sessions.getSession(running.session_id!);
        assert.equal(s!.status, 'cancelled');
        assert.equal(s!.config_id, c!._id);
      } finally {
        await store.close();
      }
    });
  });
}
