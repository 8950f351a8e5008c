// The store contract: one suite, run unchanged against every OpenedStore implementation
// (embedded, MongoDB over the wire on jongodb, a real MongoDB when MONGODB_URI is set).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readArchive } from '../../src/core/transfer/archiveFormat';
import { readImportFiles, writeImport } from '../../src/core/transfer/importFiles';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import type { HardwareConfig, SessionDoc, TestResultDoc } from '../../src/shared/dto';
import type { HistoryFilter } from '../../src/shared/history';
import { rankingContract } from './rankingContract';
import { emptySeries } from '../fixtures/resultSeries';

export interface ContractTarget {
  open(): Promise<OpenedStore>;
  cleanup?(): Promise<void>;
}

const DAY = 86_400_000;
const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

export function session(
  model: string | string[],
  opts: {
    at?: number;
    status?: SessionDoc['status'];
    tags?: string[];
    tps?: number;
    types?: string[];
    hw?: string;
  } = {},
): SessionDoc {
  const at = opts.at ?? T0;
  const models = Array.isArray(model) ? model : [model];
  return {
    status: opts.status ?? 'completed',
    start_time: iso(at),
    end_time: iso(at + 60_000),
    hardware_config_id: opts.hw,
    models: models.map((name) => ({
      name,
      tests: (opts.types ?? ['A']).map((type) => ({
        type,
        status: 'completed' as const,
        start_time: iso(at + 1000),
        end_time: iso(at + 2000),
        metrics: { tokens_per_second: opts.tps ?? 40, ttft_ms: 120, flags: [] },
        logs: ['ok'],
      })),
    })),
    tags: opts.tags ?? [],
    options: {
      host: 'http://127.0.0.1:11434',
      suites: ['A'],
      repetitions: 3,
      warmup: true,
      num_ctx: 2048,
      seed: 42,
      temperature: 0,
      keep_alive: '5m',
    },
    machine: 'test-box',
    created_at: iso(at),
    updated_at: iso(at),
  };
}

export function hardware(
  fingerprint: string,
  cpu = 'AMD Ryzen 9 7950X',
  gpu = 'NVIDIA RTX 4090',
): HardwareConfig {
  return {
    fingerprint,
    cpu: { model: cpu, cores: 16, threads: 32 },
    gpu: [{ model: gpu, memory: 24e9 }],
    ram: { total: 64e9 },
    storage: { type: 'nvme' },
    os: { name: 'Linux', version: '6.8', kernel: '6.8.0' },
    bios: {},
  };
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

    const ids: Record<string, string> = {};
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

    it('saves, lists and deletes custom suites by name', async () => {
      const suite = {
        name: 'Code',
        description: 'code gen',
        kind: 'custom' as const,
        tags: [],
        prompts: ['Write fizzbuzz'],
        options: { num_predict: 128 },
      };
      const id = await store.suites.save(suite);
      assert.equal(await store.suites.save({ ...suite, description: 'v2' }), id);
      const list = await store.suites.list();
      assert.deepEqual(
        list.map((s) => [s.name, s.description]),
        [['Code', 'v2']],
      );
      assert.equal(await store.suites.delete('Code'), true);
      assert.equal(await store.suites.delete('Code'), false);
    });

    it('searches saved suites by the words of their name, description and tags', async () => {
      const base = { kind: 'custom' as const, prompts: ['p'], options: { num_predict: 8 } };
      await store.suites.save({
        ...base,
        name: 'Coding',
        description: 'Writes Python functions',
        tags: ['code'],
      });
      await store.suites.save({
        ...base,
        name: 'Summaries',
        description: 'Condenses long articles',
        tags: ['writing', 'NEWS'],
      });
      await store.suites.save({ ...base, name: 'Math', description: 'Arithmetic', tags: [] });
      const names = async (q: string) => (await store.suites.search(q)).map((s) => s.name);
      assert.deepEqual(await names('python'), ['Coding']);
      assert.deepEqual(await names('ARTICLES'), ['Summaries']);
      assert.deepEqual(await names('news'), ['Summaries']);
      assert.deepEqual(await names('math code'), ['Coding', 'Math']);
      assert.deepEqual(await names('nothing-here'), []);
      assert.deepEqual(await names('  '), ['Coding', 'Math', 'Summaries']);
      const [coding] = await store.suites.search('python');
      assert.match(coding!.created_by!, /^.+@.+$/);
    });

    it('counts every run of a saved suite, and an edit keeps the counts', async () => {
      assert.equal(
        await store.suites.recordRun('Coding', { succeeded: true, duration_ms: 1000 }),
        true,
      );
      assert.equal(
        await store.suites.recordRun('Coding', { succeeded: false, duration_ms: 3000 }),
        true,
      );
      await Promise.all([
        store.suites.recordRun('Coding', { succeeded: true, duration_ms: 2000 }),
        store.suites.recordRun('Coding', { succeeded: true, duration_ms: 2000 }),
      ]);
      assert.equal(
        await store.suites.recordRun('Nope', { succeeded: true, duration_ms: 1 }),
        false,
      );
      const stats = async () => (await store.suites.list()).find((s) => s.name === 'Coding')!;
      const before = await stats();
      assert.equal(before.usage_count, 4);
      assert.deepEqual(before.execution_stats, {
        runs: 4,
        success_rate: 0.75,
        avg_duration_ms: 2000,
      });
      const author = before.created_by;
      await store.suites.save({
        ...before,
        description: 'edited',
        usage_count: 0,
        created_by: 'x@y',
      });
      const after = await stats();
      assert.equal(after.description, 'edited');
      assert.equal(after.usage_count, 4);
      assert.equal(after.created_by, author);
      assert.deepEqual(after.execution_stats, before.execution_stats);
      const math = (await store.suites.list()).find((s) => s.name === 'Math')!;
      assert.equal(math.usage_count, 0);
      assert.deepEqual(math.execution_stats, { runs: 0, success_rate: 0, avg_duration_ms: 0 });
    });

    it('deletes a saved suite: gone from the list and the search', async () => {
      assert.equal(await store.suites.delete('Coding'), true);
      assert.deepEqual(
        (await store.suites.search('python code')).map((s) => s.name),
        [],
      );
      assert.deepEqual(
        (await store.suites.list()).map((s) => s.name),
        ['Math', 'Summaries'],
      );
      await store.suites.delete('Math');
      await store.suites.delete('Summaries');
    });

    it('reads and writes raw documents by _id: twice adds nothing, nothing is overwritten', async () => {
      const sid = await store.sessions.insertSession(session('raw:1b', { at: T0 + 50 * DAY }));
      await store.sessions.insertTestResult({
        session_id: sid,
        model_name: 'raw:1b',
        test_type: 'A',
        status: 'completed',
        metrics: {
          ...emptySeries(),
          stats: {},
          repetitions: [],
          flags: [],
        },
        output: '',
        logs: [],
        samples: [
          { t: T0 + 50 * DAY, cpu_total: 5 },
          { t: T0 + 50 * DAY + 500, cpu_total: 7 },
        ],
        created_at: iso(T0 + 50 * DAY),
      });
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

    it('prunes by the retention policy: downsamples old samples, deletes old sessions', async () => {
      const now = new Date(T0 + 100 * DAY);
      const samples = Array.from({ length: 240 }, (_, i) => ({
        t: T0 + i * 500,
        cpu_total: i % 2 ? 10 : 30,
      }));
      const rid = await store.sessions.insertTestResult({
        session_id: ids.first!,
        model_name: 'llama3.2:3b',
        test_type: 'A',
        status: 'completed',
        metrics: {
          ...emptySeries(),
          stats: {},
          repetitions: [],
          flags: [],
        },
        output: '',
        logs: [],
        samples,
        created_at: iso(T0),
      });
      const report = await store.retention.prune({ downsampleAfterDays: 90, sessionDays: 0, now });
      assert.equal(report.sessionsDeleted, 0);
      assert.ok(report.resultsDownsampled >= 1);
      const [r] = (await store.sessions.getTestResults(ids.first!)).filter((x) => x._id === rid);
      assert.deepEqual(r!.samples, [
        { t: T0, cpu_total: 20 },
        { t: T0 + 60_000, cpu_total: 20 },
      ]);
      // Again: nothing left to do, and the means stay.
      assert.equal(
        (await store.retention.prune({ downsampleAfterDays: 90, sessionDays: 0, now }))
          .resultsDownsampled,
        0,
      );

      const gone = await store.retention.prune({ downsampleAfterDays: 0, sessionDays: 98, now });
      assert.deepEqual([gone.sessionsDeleted, gone.resultsDeleted], [2, 3]); // first (1 result) and q1 (2 results)
      assert.equal(await store.sessions.getSession(ids.first!), undefined);
      assert.deepEqual(await store.sessions.getTestResults(ids.q1!), []);
      assert.equal((await store.sessions.querySessions({ filter: {} })).total, 2);
    });

    // ---- benchmark plans: the queue behaves the same on every backend ----
    describe('benchmark plans', () => {
      const input = {
        name: 'matrix',
        models: ['llama3.2:3b', 'qwen3:0.6b'],
        suites: ['A', 'C'],
        num_ctx: [2048, 8192],
        concurrency: [1, 4],
        repetitions: 1,
      };
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

    // ---- retention: archive, dry run, downsampled result series (src/core/store/retention.ts) ----
    it('retention: downsamples result series, archives before deleting, a dry run changes nothing, import brings every archived document back equal', async () => {
      const now = new Date(T0 - 300 * DAY);
      const at = T0 - 400 * DAY;
      const hw = await store.sessions.saveHardwareConfig(hardware('fp-archive'));
      const sid = await store.sessions.insertSession(session('archived:1b', { at, hw }));
      const points = Array.from({ length: 120 }, (_, i) => ({
        timestamp: iso(at + i * 1000),
        value: i < 60 ? 10 : 30,
      }));
      const rid = await store.sessions.insertTestResult({
        session_id: sid,
        model_name: 'archived:1b',
        test_type: 'A',
        status: 'completed',
        metrics: {
          ram_usage: [],
          vram_usage: [],
          cpu_usage: points,
          gpu_usage: [],
          stats: {},
          repetitions: [],
          flags: ['throttled'],
        },
        output: 'x',
        logs: [],
        samples: points.map((p) => ({ t: Date.parse(p.timestamp), cpu_total: p.value })),
        created_at: iso(at + 120_000),
      });

      const down = await store.retention.prune({
        downsampleAfterDays: 1,
        downsampleInterval: '1m',
        sessionDays: 0,
        now,
      });
      assert.equal(down.resultsDownsampled, 1, 'only the old result');
      const [r] = await store.sessions.getTestResults(sid);
      assert.deepEqual(r!.metrics.cpu_usage, [
        { timestamp: iso(at), value: 10 },
        { timestamp: iso(at + 60_000), value: 30 },
      ]);
      assert.deepEqual(r!.samples, [
        { t: at, cpu_total: 10 },
        { t: at + 60_000, cpu_total: 30 },
      ]);
      const run = await store.retention.lastRun();
      assert.equal(run?.at, now.toISOString());
      assert.deepEqual(run?.report, down);

      const before = {
        session: await store.sessions.getSession(sid),
        results: await store.sessions.getTestResults(sid),
        total: (await store.sessions.querySessions({ filter: {} })).total,
      };
      const dir = mkdtempSync(join(tmpdir(), 'ollama-bench-archive-'));
      try {
        const policy = { downsampleAfterDays: 0, sessionDays: 1, archiveDir: dir, now };
        const dry = await store.retention.prune({ ...policy, dryRun: true });
        assert.deepEqual(
          [
            dry.sessionsArchived,
            dry.sessionsDeleted,
            dry.resultsDeleted,
            dry.archiveFile,
            dry.dryRun,
          ],
          [1, 1, 1, null, true],
        );
        assert.deepEqual(readdirSync(dir), [], 'a dry run writes no archive');
        assert.equal((await store.sessions.querySessions({ filter: {} })).total, before.total);
        assert.deepEqual(await store.sessions.getSession(sid), before.session);
        assert.deepEqual(await store.sessions.getTestResults(sid), before.results);
        assert.deepEqual(await store.retention.lastRun(), run, 'a dry run is not recorded');

        const real = await store.retention.prune(policy);
        assert.equal(real.sessionsArchived, 1);
        assert.equal(real.sessionsDeleted, 1);
        assert.ok(real.archiveFile && existsSync(real.archiveFile), String(real.archiveFile));
        assert.equal(await store.sessions.getSession(sid), undefined);
        assert.equal((await store.sessions.querySessions({ filter: {} })).total, before.total - 1);
        const entries = await readArchive(real.archiveFile);
        const count = (c: string) => entries.filter((e) => e.collection === c).length;
        assert.equal(count('test_sessions'), 1);
        assert.equal(count('test_results'), 1);
        assert.equal(count('hardware_configs'), 1);
        assert.ok(count('hardware_samples') >= 1);

        // `import` reads the archive back: the machine is still in the store, everything else
        // comes back, equal.
        const imported = await writeImport(store, await readImportFiles([real.archiveFile]));
        assert.deepEqual(imported, { added: entries.length - 1, skipped: 1 });
        assert.deepEqual(await store.sessions.getSession(sid), before.session);
        assert.deepEqual(await store.sessions.getTestResults(sid), before.results);
        const again = await writeImport(store, await readImportFiles([real.archiveFile]));
        assert.equal(again.added, 0, 'importing twice adds nothing');
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await store.sessions.deleteSessions([sid]);
      }
      void rid;
    });

    it('deletes sessions', async () => {
      assert.equal(
        await store.sessions.deleteSessions([ids.q2!, ids.m1!, '000000000000000000000000']),
        2,
      );
      assert.equal((await store.sessions.querySessions({ filter: {} })).total, 0);
    });

    // Rankings per use case (src/core/rank): use cases, like-for-like inputs, model_rankings.
    rankingContract(() => store);

    it('reports no damage after every kind of write above, and none held as unverified', async () => {
      assert.deepEqual(await store.backend.integrity(), { damage: [], unverified: 0 });
    });

    // ---- trends: daily_model_stats ----
    it('keeps daily statistics per machine × model × test × options, updated as sessions land and go', async () => {
      const hw = await store.sessions.saveHardwareConfig(hardware('fp-trends'));
      const day = Date.parse('2026-02-10T08:00:00.000Z');
      /** A session of trend:1b, landed (completed) with one result of these repetitions. */
      const land = async (
        at: number,
        tps: number[],
        opts: { numCtx?: number; status?: 'running' | 'completed'; machine?: string } = {},
      ) => {
        const s = session('trend:1b', { at, hw: opts.machine ?? hw, status: 'running' });
        s.options.num_ctx = opts.numCtx ?? 2048;
        const id = await store.sessions.insertSession(s);
        await store.sessions.insertTestResult({
          session_id: id,
          model_name: 'trend:1b',
          test_type: 'A',
          status: 'completed',
          metrics: {
            ...emptySeries(),
            stats: {},
            repetitions: tps.map((v, index) => ({
              index,
              nonce: `n${index}`,
              tokens_per_second: v,
              ttft_ms: v * 10,
              e2e_ms: 1000,
              eval_count: 1,
              eval_duration_ns: 1,
              prompt_eval_count: 1,
              prompt_eval_duration_ns: 1,
              total_duration_ns: 1,
              load_duration_ns: 0,
            })),
            flags: [],
          },
          output: '',
          logs: [],
          created_at: iso(at),
        });
        if ((opts.status ?? 'completed') === 'completed')
          await store.sessions.updateSession({ ...s, _id: id, status: 'completed' });
        return id;
      };
      const stats = () => store.dailyStats.query({ model: 'trend:1b' });

      await land(day, [10, 20, 30, 40]);
      let [d] = await stats();
      assert.equal(d!.machine, hw);
      assert.equal(d!.test_type, 'A');
      assert.equal(d!.day, '2026-02-10');
      assert.equal(d!.sessions, 1);
      assert.match(d!.options_key, /^[0-9a-f]{12}$/);
      // Linear interpolation: p95 of 10..40 is 30 + 0.85 × 10.
      assert.deepEqual(d!.figures.tokens_per_second, {
        n: 4,
        mean: 25,
        p50: 25,
        p95: 38.5,
        min: 10,
        max: 40,
      });
      assert.deepEqual(d!.figures.ttft_ms, {
        n: 4,
        mean: 250,
        p50: 250,
        p95: 385,
        min: 100,
        max: 400,
      });
      assert.equal(d!.figures.prompt_tokens_per_second, undefined);

      // A second session the same day joins the day; a running one does not (it has not landed).
      const second = await land(day + 3_600_000, [50, 60]);
      await land(day + 7_200_000, [1000, 1000, 1000, 1000], { status: 'running' });
      [d] = await stats();
      assert.equal(d!.sessions, 2);
      assert.deepEqual(d!.figures.tokens_per_second, {
        n: 6,
        mean: 35,
        p50: 35,
        p95: 57.5,
        min: 10,
        max: 60,
      });

      // The next day, another context length and another machine are separate rows.
      await land(day + 86_400_000, [70, 70, 70, 70]);
      await land(day, [5, 5, 5, 5], { numCtx: 8192 });
      await land(day, [7, 7, 7, 7], {
        machine: await store.sessions.saveHardwareConfig(hardware('fp-other')),
      });
      const all = await stats();
      assert.equal(all.length, 4);
      assert.deepEqual(
        all.map((x) => [x.day, x.figures.tokens_per_second!.p50]).sort(),
        [
          ['2026-02-10', 35],
          ['2026-02-10', 5],
          ['2026-02-10', 7],
          ['2026-02-11', 70],
        ].sort(),
      );
      assert.equal(new Set(all.map((x) => x.options_key)).size, 2);
      const oneDay = await store.dailyStats.query({
        model: 'trend:1b',
        machine: hw,
        since: '2026-02-11',
        until: '2026-02-11',
      });
      assert.deepEqual(
        oneDay.map((x) => x.figures.tokens_per_second!.mean),
        [70],
      );

      // Deleting a session recomputes its day without it.
      await store.sessions.deleteSessions([second]);
      [d] = (await stats()).filter(
        (x) => x.day === '2026-02-10' && x.figures.tokens_per_second!.max === 40,
      );
      assert.equal(d!.sessions, 1);
      assert.equal(d!.figures.tokens_per_second!.n, 4);

      await assert.rejects(store.dailyStats.query({ since: '10 Feb' }), /YYYY-MM-DD/);
    });
  });
}
