// The quality part of the store contract: model_evaluations (src/core/quality/
// evaluationRepository.ts) and the ranking criterion `accuracy` it feeds — the same evaluation on
// every machine, a flip between speed and accuracy as the weights move, refusal across versions
// of a set. Run by storeContract against every backend.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fastestAccurateOn,
  fastestWithAccuracy,
  SPEED_AND_ACCURACY,
} from '../../../src/core/quality/fastestAccurate';
import type { OpenedStore } from '../../../src/core/repositories/openedStore';
import type { ModelEvaluation } from '../../../src/shared/evaluation';
import { hardware } from '../../fixtures/storeDocuments';
import { rankSession } from '../rankingContract';

const T0 = Date.parse('2025-07-01T10:00:00.000Z');

export function evaluation(
  model: string,
  correct: number,
  at: number,
  set: { hash?: string; items?: number } = {},
): ModelEvaluation {
  const total = set.items ?? 100;
  return {
    key: `${model}|${set.hash ?? 'h1'}`,
    model,
    model_digest: `digest-${model}`,
    set: { name: 'core', hash: set.hash ?? 'h1', items: total },
    options: { temperature: 0, seed: 42, think: false, num_predict: 256, limit: null },
    accuracy: correct / total,
    ci95: [0, 1],
    correct,
    total,
    by_category: { arithmetic: { correct, total, accuracy: correct / total } },
    failures: [],
    tokens_per_second: 10,
    complete: true,
    evaluated_at: new Date(at).toISOString(),
  };
}

export function evaluationContract(getStore: () => OpenedStore): void {
  describe('model evaluations and the accuracy criterion', () => {
    const machine = 'fp-quality';
    const weights = (w: Record<string, number>) =>
      new Map(Object.entries(w)) as Map<'tokens_per_second' | 'accuracy', number>;

    it('stores evaluations: a complete one by key, the latest per model of a set', async () => {
      const e = getStore().evaluations;
      await e.insert(evaluation('quick:1b', 40, T0));
      await e.insert({ ...evaluation('careful:8b', 50, T0), complete: false });
      await e.insert(evaluation('careful:8b', 90, T0 + 1000));
      assert.equal((await e.findComplete('quick:1b|h1'))?.accuracy, 0.4);
      assert.equal(await e.findComplete('nobody|h1'), undefined);
      const latest = await e.latestPerModel('core');
      assert.deepEqual(latest.map((x) => [x.model, x.correct]).sort(), [
        ['careful:8b', 90],
        ['quick:1b', 40],
      ]);
      assert.equal(latest[0]?.evaluated_at, new Date(T0 + 1000).toISOString());
    });

    it('ranks by speed or by accuracy as the weights say; a model never evaluated is not ranked', async () => {
      const store = getStore();
      const hw = await store.sessions.saveHardwareConfig(hardware(machine));
      const at = (i: number) => T0 + i * 1000;
      const metrics = (tps: number) => ({ tokens_per_second: tps, ttft_ms: 100, vram_usage: 1e9 });
      await store.sessions.insertSession(rankSession('quick:1b', hw, at(1), metrics(100)));
      await store.sessions.insertSession(rankSession('careful:8b', hw, at(2), metrics(20)));
      await store.sessions.insertSession(rankSession('unknown:3b', hw, at(3), metrics(50)));
      const rank = (w: Record<string, number>) =>
        store.rankings.rank({ useCase: 'chat', machine, weights: weights(w) });

      const bySpeed = (await rank({ tokens_per_second: 1 })).report;
      assert.equal(bySpeed.ranking[0]?.model, 'quick:1b');
      assert.equal(bySpeed.ranking.length, 3);

      const byBoth = (await rank({ tokens_per_second: 1, accuracy: 3 })).report;
      assert.deepEqual(
        byBoth.ranking.map((m) => m.model),
        ['careful:8b', 'quick:1b'],
      );
      assert.equal(byBoth.ranking[0]?.inputs.accuracy, 90);
      // "The fastest model with accuracy ≥ X %" (Recommend a Model…).
      const both = (await rank(Object.fromEntries(SPEED_AND_ACCURACY))).report;
      assert.deepEqual(
        fastestWithAccuracy(both, 30).map((m) => m.model),
        ['quick:1b', 'careful:8b'],
      );
      assert.deepEqual(fastestWithAccuracy(both, 80), [
        { model: 'careful:8b', tokens_per_second: 20, accuracy: 90 },
      ]);
      assert.deepEqual(fastestWithAccuracy(both, 95), []);
      // The same answer read from the store, on this machine.
      const onStore = await fastestAccurateOn(store, machine, 80);
      assert.equal(onStore.machine?.fingerprint, machine);
      assert.match(onStore.machine?.label ?? '', /^this machine \(/);
      assert.deepEqual(onStore.found, fastestWithAccuracy(both, 80));
      assert.equal(onStore.evaluated, 2);
      assert.deepEqual(byBoth.not_ranked, [
        {
          model: 'unknown:3b',
          reason: 'no accuracy on set core: run `ollama-bench eval --models unknown:3b --set core`',
        },
      ]);
    });

    it('the shipped chat use case weighs accuracy; a new evaluation makes a stored ranking stale', async () => {
      const store = getStore();
      const first = await store.rankings.rank({ useCase: 'chat', machine });
      assert.ok(first.report.criteria.some((c) => c.figure === 'accuracy'));
      assert.equal((await store.rankings.rank({ useCase: 'chat', machine })).cached, true);
      await store.evaluations.insert(evaluation('unknown:3b', 70, T0 + 5000));
      const after = await store.rankings.rank({ useCase: 'chat', machine });
      assert.equal(after.cached, false);
      assert.ok(after.report.ranking.some((m) => m.model === 'unknown:3b'));
    });

    it('refuses to rank accuracy measured on different versions of a set', async () => {
      const store = getStore();
      await store.evaluations.insert(evaluation('quick:1b', 45, T0 + 9000, { hash: 'h2' }));
      await assert.rejects(
        store.rankings.rank({ useCase: 'chat', machine, weights: weights({ accuracy: 1 }) }),
        (e: unknown) =>
          e instanceof Error &&
          /different versions of set "core"/.test(e.message) &&
          (e as { kind?: string }).kind === 'input',
      );
    });
  });
}
