// The store contract: one suite, run unchanged against every backend (embedded, MongoDB over the
// wire on jongodb, a real MongoDB when MONGODB_URI is set), one part per repository, in one
// store and in this order (later parts read what earlier ones wrote).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { dailyStatsContract } from './dailyStatsContract';
import { evaluationContract } from './quality/evaluationContract';
import { planRepositoryContract } from './planRepositoryContract';
import { rankingContract } from './rankingContract';
import { rawDocumentsContract } from './rawDocumentsContract';
import { archiveContract, pruneContract } from './retentionContract';
import { sessionRepositoryContract } from './sessionRepositoryContract';
import { suiteRepositoryContract } from './suiteRepositoryContract';

export interface ContractTarget {
  open(): Promise<OpenedStore>;
  cleanup?(): Promise<void>;
}

export function storeContract(name: string, target: ContractTarget): void {
  describe(`OpenedStore contract: ${name}`, () => {
    let store: OpenedStore;
    before(async () => {
      store = await target.open();
    });
    after(async () => {
      await store?.close();
      await target.cleanup?.();
    });
    const getStore = () => store;
    /** Sessions the sessions part stores and later parts read or delete. */
    const ids: Record<string, string> = {};

    sessionRepositoryContract(getStore, ids);
    suiteRepositoryContract(getStore);
    rawDocumentsContract(getStore);
    pruneContract(getStore, ids);
    planRepositoryContract(getStore);
    archiveContract(getStore);

    it('deletes sessions', async () => {
      assert.equal(
        await store.sessions.deleteSessions([ids.q2!, ids.m1!, '000000000000000000000000']),
        2,
      );
      assert.equal((await store.sessions.querySessions({ filter: {} })).total, 0);
    });

    // Rankings per use case (src/core/rank): use cases, like-for-like inputs, model_rankings.
    rankingContract(getStore);
    // Quality (src/core/quality): model_evaluations and the ranking criterion accuracy.
    evaluationContract(getStore);

    it('reports no damage after every kind of write above, and none held as unverified', async () => {
      assert.deepEqual(await store.backend.integrity(), { damage: [], unverified: 0 });
    });

    dailyStatsContract(getStore);
  });
}
