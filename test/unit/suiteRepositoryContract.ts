// The saved suites part of the store contract (src/core/suites/suiteRepository.ts): by name,
// searched by words, run counts kept through edits. Run by storeContract against every backend.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { storeUnderTest } from '../fixtures/storeUnderTest';

export function suiteRepositoryContract(getStore: () => OpenedStore): void {
  describe('saved suites', () => {
    const store = storeUnderTest(getStore);

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

    it('keeps embedding and vision suites with their batches and think', async () => {
      const base = { description: '', tags: [], prompts: ['p'], options: { num_predict: 8 } };
      await store.suites.save({ ...base, name: 'Vectors', kind: 'embedding', batches: [2, 4] });
      await store.suites.save({ ...base, name: 'Look', kind: 'vision', think: 'low' });
      const saved = await store.suites.list();
      const vectors = saved.find((x) => x.name === 'Vectors');
      const look = saved.find((x) => x.name === 'Look');
      assert.deepEqual([vectors?.kind, vectors?.batches], ['embedding', [2, 4]]);
      assert.deepEqual([look?.kind, look?.think], ['vision', 'low']);
      await store.suites.delete('Vectors');
      await store.suites.delete('Look');
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
  });
}
