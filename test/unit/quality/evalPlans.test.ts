// Plans with eval suites: `eval:core` is one configuration per model that scores it on the set; a
// configuration already measured for that model digest and set (by any plan, on any machine) is
// completed without asking the model again, so a sweep over many machines measures quality once
// per model.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { runWorker } from '../../../src/core/plans/worker';
import { failureKindOf } from '../../../src/core/failures/failureKind';
import { coreSet, startEvalStandIn } from '../../fixtures/evalStandIn';
import type { StandIn } from '../../fixtures/ollamaStandIn';
import { scratchFolders } from '../../fixtures/scratchFolders';
import { openTempStore, type TempStore } from '../../fixtures/tempStore';

describe('plans with eval suites', () => {
  const folder = scratchFolders('ob-eval-plan-');
  let standIn: StandIn;
  let temp: TempStore;
  before(async () => {
    standIn = await startEvalStandIn({ 'qwen3:0.6b': 0.5 });
    temp = await openTempStore();
  });
  after(async () => {
    await standIn.close();
    await temp.remove();
  });

  const plan = (name: string, suites: string[]) =>
    temp.store.plans.createPlan(
      { name, models: ['llama3.2:3b', 'qwen3:0.6b'], suites, num_ctx: [2048], repetitions: 1 },
      [],
    );
  const work = (machine: string) =>
    runWorker({
      plans: temp.store.plans,
      runStore: temp.store.runWrites,
      evaluations: temp.store.evaluations,
      listSuites: () => temp.store.suites.list(),
      host: standIn.url,
      worker: { hostname: machine, pid: 1, worker_id: `worker-${machine}` },
    });
  const asked = () =>
    standIn.requests.filter(
      (r) => r.path === '/api/generate' && coreSet().items.some((i) => i.prompt === r.body?.prompt),
    ).length;

  it('evaluates each model once; a second sweep skips what is measured', async () => {
    await plan('quality-a', ['eval:core']);
    const first = await work('machine-a');
    assert.equal(first.completed, 2);
    const evaluations = await temp.store.evaluations.list();
    assert.deepEqual(evaluations.map((e) => e.model).sort(), ['llama3.2:3b', 'qwen3:0.6b']);
    assert.equal(asked(), 2 * coreSet().items.length);

    const b = await plan('quality-b', ['eval:core']);
    const second = await work('machine-b');
    assert.equal(second.completed, 2);
    assert.equal((await temp.store.evaluations.list()).length, 2);
    assert.equal(asked(), 2 * coreSet().items.length);
    const configs = await temp.store.plans.configsOf(b.plan_id);
    assert.ok(configs.every((c) => c.status === 'completed' && c.evaluation_skipped === true));
    assert.ok(configs.every((c) => evaluations.some((e) => e._id === c.evaluation_id)));
  });

  it('a plan naming a bad set is refused before anything is stored', async () => {
    const file = `${folder('set')}.jsonl`;
    writeFileSync(file, '{"id":"a","prompt":"p","expected":1,"match":"number"}\nnot json\n');
    await assert.rejects(plan('quality-bad', ['A', `eval:${file}`]), (e: unknown) => {
      assert.match(String(e), /line 2: not valid JSON/);
      assert.equal(failureKindOf(e), 'input');
      return true;
    });
    assert.equal(await temp.store.plans.getPlan('quality-bad'), undefined);
  });
});
