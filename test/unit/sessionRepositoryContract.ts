// The sessions part of the store contract (src/core/sessions/sessionRepository.ts): sessions,
// their results and samples, machines, models, history queries and aggregates. Run by
// storeContract against every backend; `ids` carries the sessions later parts use.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { storeUnderTest } from '../fixtures/storeUnderTest';
import type { TestResultDoc } from '../../src/shared/dto';
import type { HistoryFilter } from '../../src/shared/history';
import { DAY, hardware, iso, session, T0 } from '../fixtures/storeDocuments';

export function sessionRepositoryContract(
  getStore: () => OpenedStore,
  ids: Record<string, string>,
): void {
  describe('sessions, results, machines and models', () => {
    const store = storeUnderTest(getStore);

    it('stores a session and gives it back with ISO strings and string ids', async () => {
      const s = session('llama3.2:3b', { tags: ['baseline'] });
      const id = await store.sessions.insertSession(s);
      assert.match(id, /^[0-9a-f]{24}$/);
      ids.first = id;
      const back = await store.sessions.getSession(id);
      assert.deepEqual(back, JSON.parse(JSON.stringify({ ...s, _id: id })));
      assert.equal(typeof back!.start_time, 'string');
      assert.equal(await store.sessions.getSession('000000000000000000000000'), undefined);
    });

    it('updates a session in place', async () => {
      const s = (await store.sessions.getSession(ids.first!))!;
      await store.sessions.updateSession({
        ...s,
        _id: ids.first!,
        status: 'completed',
        tags: ['baseline', 'x'],
      });
      assert.deepEqual((await store.sessions.getSession(ids.first!))!.tags, ['baseline', 'x']);
      await store.sessions.setSessionTags(ids.first!, ['baseline', ' ', 'baseline', 'night']);
      assert.deepEqual((await store.sessions.getSession(ids.first!))!.tags, ['baseline', 'night']);
    });

    it('dedupes hardware by fingerprint, also when two writers race', async () => {
      const [a, b] = await Promise.all([
        store.sessions.saveHardwareConfig(hardware('fp-1')),
        store.sessions.saveHardwareConfig(hardware('fp-1')),
      ]);
      assert.equal(a, b);
      ids.hw1 = a;
      ids.hw2 = await store.sessions.saveHardwareConfig(
        hardware('fp-2', 'Intel Core i7-12700', 'none'),
      );
      assert.notEqual(ids.hw2, ids.hw1);
      assert.equal((await store.sessions.getHardwareConfig(a))!.cpu.model, 'AMD Ryzen 9 7950X');
      assert.equal((await store.sessions.listHardwareConfigs()).length, 2);
    });

    it('filters, sorts and pages the history', async () => {
      ids.q1 = await store.sessions.insertSession(
        session('qwen2.5:7b', {
          at: T0 + DAY,
          tps: 25,
          types: ['A', 'B'],
          hw: ids.hw1,
          tags: ['gpu'],
        }),
      );
      ids.q2 = await store.sessions.insertSession(
        session('qwen2.5:7b', { at: T0 + 2 * DAY, tps: 30, status: 'error', hw: ids.hw2 }),
      );
      ids.m1 = await store.sessions.insertSession(
        session(['mistral:7b', 'llama3.2:3b'], {
          at: T0 + 3 * DAY,
          tps: 55,
          types: ['C'],
          hw: ids.hw1,
        }),
      );
      const q = (filter: HistoryFilter, extra = {}) =>
        store.sessions.querySessions({ filter, ...extra });
      const idsOf = async (filter: HistoryFilter, extra = {}) =>
        (await q(filter, extra)).items.map((s) => s._id);

      assert.deepEqual(await idsOf({}), [ids.m1, ids.q2, ids.q1, ids.first]); // newest first
      assert.deepEqual(await idsOf({ models: ['qwen2.5:7b'] }), [ids.q2, ids.q1]);
      assert.deepEqual(await idsOf({ models: ['llama3.2:3b'] }), [ids.m1, ids.first]);
      assert.deepEqual(await idsOf({ testTypes: ['B'] }), [ids.q1]);
      // A session of two models, each with a C test: MongoDB's array traversal reaches both.
      assert.deepEqual(await idsOf({ testTypes: ['C'] }), [ids.m1]);
      assert.deepEqual(await idsOf({ statuses: ['error'] }), [ids.q2]);
      assert.deepEqual(await idsOf({ tags: ['baseline', 'night'] }), [ids.first]);
      assert.deepEqual(await idsOf({ tags: ['baseline', 'gpu'] }), []);
      assert.deepEqual(await idsOf({ since: iso(T0 + DAY), until: iso(T0 + 3 * DAY) }), [
        ids.q2,
        ids.q1,
      ]);
      assert.deepEqual(await idsOf({ hardwareConfigId: ids.hw1 }), [ids.m1, ids.q1]);
      assert.deepEqual(await idsOf({ cpuModel: 'i7-12700' }), [ids.q2]);
      assert.deepEqual(await idsOf({ gpuModel: 'rtx 4090' }), [ids.m1, ids.q1]);
      assert.deepEqual(await idsOf({ text: 'MISTRAL' }), [ids.m1]);
      assert.deepEqual(await idsOf({ text: 'qwen2.5' }), [ids.q2, ids.q1]);
      // Free text is literal: "." is a dot, not any character.
      assert.deepEqual(await idsOf({ text: 'qwen2x5' }), []);
      assert.deepEqual(await idsOf({ text: '.*' }), []);

      assert.deepEqual(
        await idsOf({}, { sort: { field: 'tokens_per_second', direction: 'desc' } }),
        [ids.m1, ids.first, ids.q2, ids.q1],
      );
      assert.deepEqual(await idsOf({}, { sort: { field: 'start_time', direction: 'asc' } }), [
        ids.first,
        ids.q1,
        ids.q2,
        ids.m1,
      ]);
      assert.deepEqual(await idsOf({}, { sort: { field: 'model', direction: 'asc' } }), [
        ids.m1,
        ids.first,
        ids.q2,
        ids.q1,
      ]);

      const p0 = await q({}, { page: 0, pageSize: 3 });
      const p1 = await q({}, { page: 1, pageSize: 3 });
      assert.equal(p0.total, 4);
      assert.equal(p1.total, 4);
      assert.deepEqual(
        [...p0.items, ...p1.items].map((s) => s._id),
        [ids.m1, ids.q2, ids.q1, ids.first],
      );
      assert.equal(
        await store.sessions.countSessions({ models: ['qwen2.5:7b'], statuses: ['completed'] }),
        1,
      );
    });

    it('rejects injection attempts instead of running them', async () => {
      const bad: unknown[] = [
        { $where: 'sleep(1000) || true' },
        { models: [{ $ne: null }] },
        { models: { $regex: '.*' } },
        { statuses: ['completed', { $gt: '' }] },
        { text: { $regex: '.*' } },
        { since: { $gt: '' } },
        { hardwareConfigId: { $ne: 'x' } },
        { 'models.name': 'x' },
        { statuses: ['hacked'] },
        'models',
      ];
      for (const filter of bad) {
        await assert.rejects(
          store.sessions.querySessions({ filter: filter as HistoryFilter }),
          /filter|must be|not one of|is not/,
          JSON.stringify(filter),
        );
        await assert.rejects(store.sessions.countSessions(filter as HistoryFilter));
      }
      await assert.rejects(
        store.sessions.querySessions({
          filter: {},
          sort: { field: '$natural' as never, direction: 'asc' },
        }),
        /cannot sort/,
      );
      await assert.rejects(store.sessions.querySessions({ filter: {}, pageSize: 1e9 }), /pageSize/);
      await assert.rejects(store.sessions.getSession({ $ne: null } as never), /id/);
      await assert.rejects(store.sessions.deleteSessions([{ $gt: '' }] as never), /id/);
      await assert.rejects(
        store.sessions.setSessionTags(ids.first!, [{ $set: 1 }] as never),
        /tags/,
      );
      assert.equal(
        (await store.sessions.querySessions({ filter: {} })).total,
        4,
        'nothing was deleted or changed',
      );
    });

    it('upserts models by name and records a changed digest as a new version', async () => {
      const m = { name: 'llama3.2:3b', digest: 'aaa', size: 2e9, loaded: false, family: 'llama' };
      const id = await store.sessions.upsertModel(m);
      assert.equal(await store.sessions.upsertModel({ ...m, loaded: true }), id);
      assert.equal(await store.sessions.upsertModel({ ...m, digest: 'bbb' }), id);
      const stored = await store.sessions.listModels();
      const doc = stored.find((d) => d.name === 'llama3.2:3b')!;
      assert.equal(doc.version, 2);
      assert.equal(doc.digest, 'bbb');
      assert.deepEqual(
        (doc.versions as { digest: string }[]).map((v) => v.digest),
        ['aaa', 'bbb'],
      );
      assert.equal(doc.loaded, undefined, 'load state is not stored');
    });

    it('keeps test results with their hardware samples beside them', async () => {
      const result: TestResultDoc = {
        session_id: ids.q1!,
        model_name: 'qwen2.5:7b',
        test_type: 'A',
        status: 'completed',
        metrics: {
          tokens_per_second: 25,
          ram_usage: [{ timestamp: iso(T0 + DAY + 1000), value: 1e9 }],
          vram_usage: [],
          cpu_usage: [{ timestamp: iso(T0 + DAY + 1000), value: 12.5 }],
          gpu_usage: [],
          stats: {
            tokens_per_second: {
              mean: 25,
              sd: 1,
              min: 24,
              max: 26,
              p50: 25,
              p90: 26,
              p99: 26,
              cv: 0.04,
              n: 3,
            },
          },
          repetitions: [],
          flags: [],
        },
        output: 'Hello',
        logs: [],
        samples: [
          { t: T0 + DAY + 1000, cpu_total: 10, mem_used: 5e9, cpu_per_core: [1, 2] },
          {
            t: T0 + DAY + 1500,
            cpu_total: 20,
            mem_used: 6e9,
            gpus: [{ index: 0, utilization: 50 }],
          },
        ],
        created_at: iso(T0 + DAY + 2000),
      };
      const rid = await store.sessions.insertTestResult(result);
      ids.r1 = rid;
      const other = await store.sessions.insertTestResult({
        ...result,
        test_type: 'B',
        samples: undefined,
        created_at: iso(T0 + DAY + 3000),
      });
      const back = await store.sessions.getTestResults(ids.q1!);
      assert.deepEqual(
        back.map((r) => r._id),
        [rid, other],
      );
      assert.deepEqual(back[0], { ...result, _id: rid });
      assert.equal(back[1]!.samples, undefined);
      assert.deepEqual(await store.sessions.getTestResults(ids.q2!), []);
    });

    it('aggregates per model and test type', async () => {
      const rows = await store.sessions.modelAggregates({});
      const find = (model: string, type: string) =>
        rows.find((r) => r.model === model && r.test_type === type);
      assert.deepEqual(find('qwen2.5:7b', 'A'), {
        model: 'qwen2.5:7b',
        test_type: 'A',
        runs: 2,
        best_tokens_per_second: 30,
        mean_tokens_per_second: 27.5,
        last_run: iso(T0 + 2 * DAY),
      });
      assert.equal(find('llama3.2:3b', 'A')!.runs, 1);
      assert.equal(find('llama3.2:3b', 'C')!.runs, 1);
      assert.deepEqual(
        rows.map((r) => `${r.model}/${r.test_type}`),
        ['llama3.2:3b/A', 'llama3.2:3b/C', 'mistral:7b/C', 'qwen2.5:7b/A', 'qwen2.5:7b/B'],
      );
      const narrowed = await store.sessions.modelAggregates({ models: ['mistral:7b'] });
      assert.deepEqual(
        narrowed.map((r) => r.model),
        ['mistral:7b'],
      );
      const byType = await store.sessions.modelAggregates({ testTypes: ['C'] });
      assert.deepEqual(
        byType.map((r) => `${r.model}/${r.test_type}`),
        ['llama3.2:3b/C', 'mistral:7b/C'],
      );
    });
  });
}
