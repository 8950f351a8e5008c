// The raw documents part of the store contract (src/core/transfer/rawDocuments.ts): read and
// written by _id for import, copy and archives. Run by storeContract against every backend.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { storeUnderTest } from '../fixtures/storeUnderTest';
import { DAY, iso, session, T0 } from '../fixtures/storeDocuments';
import { samplesOnlyResult } from '../fixtures/testResults';

export function rawDocumentsContract(getStore: () => OpenedStore): void {
  describe('raw documents', () => {
    const store = storeUnderTest(getStore);

    it('reads and writes raw documents by _id: twice adds nothing, nothing is overwritten', async () => {
      const sid = await store.sessions.insertSession(session('raw:1b', { at: T0 + 50 * DAY }));
      await store.sessions.insertTestResult(
        samplesOnlyResult(
          sid,
          'raw:1b',
          [
            { t: T0 + 50 * DAY, cpu_total: 5 },
            { t: T0 + 50 * DAY + 500, cpu_total: 7 },
          ],
          iso(T0 + 50 * DAY),
        ),
      );
      const sessions = await store.documents.read('test_sessions');
      const mine = sessions.find((d) => String(d._id) === sid)!;
      assert.ok(mine.start_time instanceof Date, 'dates stay BSON dates');
      const buckets = await store.documents.read('hardware_samples');
      const bucket = buckets.find((b) => String(b.session_id) === sid)!;
      assert.deepEqual(
        bucket.samples.map((x: { cpu_total: number }) => x.cpu_total),
        [5, 7],
      );
      assert.deepEqual(await store.documents.missing('test_sessions', sessions), []);
      assert.deepEqual(await store.documents.write('test_sessions', sessions), {
        added: 0,
        skipped: sessions.length,
      });
      assert.deepEqual(await store.documents.write('hardware_samples', buckets), {
        added: 0,
        skipped: buckets.length,
      });

      const copy = { ...mine, _id: 'imported-session-1', machine: 'elsewhere' };
      assert.equal((await store.documents.missing('test_sessions', [copy])).length, 1);
      assert.deepEqual(await store.documents.write('test_sessions', [copy, copy]), {
        added: 1,
        skipped: 1,
      });
      const changed = { ...copy, machine: 'changed' };
      assert.deepEqual(await store.documents.write('test_sessions', [changed]), {
        added: 0,
        skipped: 1,
      });
      assert.equal((await store.sessions.getSession('imported-session-1'))!.machine, 'elsewhere');
      assert.equal(await store.sessions.deleteSessions(['imported-session-1', sid]), 2);
    });
  });
}
