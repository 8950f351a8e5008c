// The benchmark plans part of the store contract (src/core/plans/planRepository.ts): the queue
// behaves the same on every backend. Run by storeContract against every backend.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { storeUnderTest } from '../fixtures/storeUnderTest';
import { session } from '../fixtures/storeDocuments';
import { matrixPlanInput } from '../fixtures/planInput';

export function planRepositoryContract(getStore: () => OpenedStore): void {
  describe('plans', () => {
    const store = storeUnderTest(getStore);

    describe('benchmark plans', () => {
      const input = matrixPlanInput('matrix', ['llama3.2:3b', 'qwen3:0.6b']);
      const worker = (n: number) => ({ hostname: `host-${n}`, pid: n, worker_id: `w${n}` });
      let planId = '';
      const planSessions: string[] = [];

      it('creates the cross product once; creating it again adds nothing, a new value adds only its points', async () => {
        const plans = store.plans;
        // A: 2 models × 2 ctx = 4; C: 2 models × 2 ctx × 2 concurrency = 8.
        const first = await plans.createPlan(input, []);
        assert.deepEqual([first.added, first.existing, first.total], [12, 0, 12]);
        planId = first.plan_id;
        const again = await plans.createPlan(input, []);
        assert.deepEqual([again.plan_id, again.added, again.existing], [planId, 0, 12]);
        const wider = await plans.createPlan({ ...input, num_ctx: [2048, 8192, 16384] }, []);
        assert.deepEqual([wider.added, wider.existing, wider.total], [6, 12, 18]);
        assert.deepEqual((await plans.getPlan('matrix'))!.dimensions.num_ctx, [2048, 8192, 16384]);
        assert.deepEqual(await plans.previewPlan(input, []), { total: 12, existing: 12 });
        const keys = new Set((await plans.configsOf(planId)).map((c) => c.key));
        assert.equal(keys.size, 18);
      });

      it('refuses a bad plan with a clear message and stores nothing', async () => {
        const plans = store.plans;
        await assert.rejects(
          plans.createPlan({ ...input, name: 'bad', suites: ['Z'] }, []),
          /Unknown test suite "Z"/,
        );
        await assert.rejects(
          plans.createPlan({ ...input, name: 'bad', num_ctx: [0] }, []),
          /num_ctx/,
        );
        await assert.rejects(
          plans.createPlan({ ...input, name: 'bad', models: [] }, []),
          /at least one model/,
        );
        assert.equal(await plans.getPlan('bad'), undefined);
      });

      it('claims atomically: concurrent claims never share a config, lowest priority then oldest first', async () => {
        const plans = store.plans;
        const urgent = await plans.createPlan(
          {
            ...input,
            name: 'urgent',
            models: ['mistral:7b'],
            suites: ['A'],
            num_ctx: [4096],
            priority: 1,
          },
          [],
        );
        const claims = await Promise.all(
          [1, 2, 3, 4, 5, 6].map((n) => plans.claim({ worker: worker(n) })),
        );
        const ids = claims.map((c) => c!._id);
        assert.equal(new Set(ids).size, 6);
        assert.ok(
          claims.some((c) => c!.plan_id === urgent.plan_id),
          'priority 1 goes first',
        );
        const first = claims.find((c) => c!.plan_id === urgent.plan_id)!;
        assert.equal(first.status, 'running');
        assert.ok(first.started_at && first.heartbeat_at && first.claimed_by?.worker_id);
        // The rest of the claims follow the matrix's order.
        const order = (await plans.configsOf(planId)).map((c) => c._id);
        const mine = claims.filter((c) => c!.plan_id === planId).map((c) => c!._id);
        assert.deepEqual(mine.sort(), order.slice(0, 5).sort());
        // A machine-bound config goes only to the worker on that machine.
        const bound = await plans.createPlan(
          {
            ...input,
            name: 'bound',
            models: ['phi4:14b'],
            suites: ['A'],
            num_ctx: [4096],
            priority: 0,
            machine: 'f00dfeed12345678',
          },
          [],
        );
        assert.equal(await plans.claim({ worker: worker(20), planId: bound.plan_id }), undefined);
        const mineOnly = await plans.claim({
          worker: { ...worker(21), fingerprint: 'f00dfeed12345678' },
          planId: bound.plan_id,
        });
        assert.equal(mineOnly?.machine, 'f00dfeed12345678');
        await plans.deletePlan('bound');
        // Only one plan's configs when asked.
        const onlyMatrix = await plans.claim({ worker: worker(7), planId: urgent.plan_id });
        assert.equal(onlyMatrix, undefined);
      });

      it("heartbeats, completes, fails, puts back — each only while the claim is the worker's", async () => {
        const plans = store.plans;
        const c = (await plans.claim({ worker: worker(8), planId }))!;
        assert.equal(await plans.heartbeat(c._id, 'w8'), true);
        assert.equal(await plans.heartbeat(c._id, 'someone-else'), false);
        assert.equal(await plans.putBack(c._id, 'w8'), true);
        const back = (await plans.getConfig(c._id))!;
        assert.deepEqual(
          [back.status, back.retry_count, back.claimed_by],
          ['pending', 0, undefined],
        );
        const again = (await plans.claim({ worker: worker(9), planId }))!;
        assert.equal(again._id, c._id, 'a put-back config is first in line again');
        const sid = await store.sessions.insertSession({
          ...session('llama3.2:3b', { status: 'running' }),
          plan_id: planId,
          config_id: again._id,
        });
        planSessions.push(sid);
        await plans.linkSession(again._id, 'w9', sid);
        // The history filters by plan: only the sessions a worker ran for it.
        const ofPlan = await store.sessions.querySessions({ filter: { planId } });
        assert.deepEqual(
          ofPlan.items.map((x) => [x._id, x.config_id, x.plan_id]),
          [[sid, again._id, planId]],
        );
        assert.equal(
          await plans.complete(again._id, 'w8', { sessionId: sid, resultIds: [] }),
          false,
        );
        assert.equal(
          await plans.complete(again._id, 'w9', { sessionId: sid, resultIds: [] }),
          true,
        );
        const done = (await plans.getConfig(again._id))!;
        assert.deepEqual([done.status, done.session_id], ['completed', sid]);
        const f = (await plans.claim({ worker: worker(10), planId }))!;
        assert.equal(
          await plans.fail(f._id, 'w10', `model 'x' not found ${'!'.repeat(2000)}`),
          true,
        );
        const failed = (await plans.getConfig(f._id))!;
        assert.equal(failed.status, 'failed');
        assert.equal(failed.error_message!.length, 1000);
      });

      it('resets stale claims: retry_count + 1, then failed past max_retries with who lost it', async () => {
        const plans = store.plans;
        const made = await plans.createPlan(
          {
            ...input,
            name: 'stale',
            models: ['gemma3:1b'],
            suites: ['A'],
            num_ctx: [2048],
            max_retries: 1,
          },
          [],
        );
        const c = (await plans.claim({ worker: worker(11), planId: made.plan_id }))!;
        const sid = await store.sessions.insertSession(session('gemma3:1b', { status: 'running' }));
        planSessions.push(sid);
        await plans.linkSession(c._id, 'w11', sid);
        assert.deepEqual(
          await plans.resetStale(60_000),
          { reset: 0, failed: 0 },
          'fresh heartbeat',
        );
        await new Promise((r) => setTimeout(r, 20));
        const first = await plans.resetStale(5);
        assert.ok(first.reset >= 1);
        const back = (await plans.getConfig(c._id))!;
        assert.deepEqual(
          [back.status, back.retry_count, back.lost_session_ids],
          ['pending', 1, [sid]],
        );
        assert.equal((await store.sessions.getSession(sid))!.status, 'interrupted');
        assert.equal(
          await plans.heartbeat(c._id, 'w11'),
          false,
          'the lost worker no longer owns it',
        );
        const c2 = (await plans.claim({ worker: worker(12), planId: made.plan_id }))!;
        assert.equal(c2._id, c._id);
        await new Promise((r) => setTimeout(r, 20));
        await plans.resetStale(5);
        const dead = (await plans.getConfig(c._id))!;
        assert.deepEqual([dead.status, dead.retry_count], ['failed', 2]);
        assert.equal(dead.error_message, 'worker lost 2 times; last on host-12');
      });

      it('counts, retries failed, cancels pending, deletes the plan but keeps results', async () => {
        const plans = store.plans;
        // Every other running claim of the earlier tests goes back first.
        await plans.resetStale(0);
        const [before] = await plans.status('matrix');
        assert.equal(before!.total, 18);
        assert.equal(before!.counts.completed, 1);
        assert.ok(before!.counts.failed >= 1);
        assert.equal(before!.eta_s === null || before!.eta_s >= 0, true);
        const retried = await plans.retryFailed('matrix');
        assert.equal(retried, before!.counts.failed);
        const cancelled = await plans.cancelPlan('matrix');
        const [after] = await plans.status('matrix');
        assert.deepEqual(
          [after!.counts.failed, after!.counts.pending, after!.counts.cancelled],
          [0, 0, cancelled],
        );
        assert.equal(cancelled, 17);
        const sessionsBefore = (await store.sessions.querySessions({ filter: {} })).total;
        assert.equal(await plans.deletePlan('matrix'), 18);
        assert.equal(await plans.getPlan('matrix'), undefined);
        assert.equal((await store.sessions.querySessions({ filter: {} })).total, sessionsBefore);
        await assert.rejects(plans.status('matrix'), /No plan named "matrix"/);
        for (const name of ['urgent', 'stale']) await plans.deletePlan(name);
        assert.equal(await store.sessions.deleteSessions(planSessions), 2);
      });
    });
  });
}
