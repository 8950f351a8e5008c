// The suite library's core: editing a saved suite (validated again, its statistics kept) and the
// usage a finished session records, on the embedded store in a temp folder.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { editableSuiteJson, saveEditedSuite } from '../../src/core/bench/suiteEditing';
import { recordSuiteUsage, suiteRunOf } from '../../src/core/bench/suiteUsage';
import { openEmbeddedStore } from '../../src/core/repositories/openStore';
import type { SessionDoc, SuiteDefinition } from '../../src/shared/dto';
import { session } from '../fixtures/storeDocuments';

const dir = mkdtempSync(join(tmpdir(), 'ob-suite-library-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const suite: SuiteDefinition = {
  name: 'Review',
  description: 'Reviews code',
  kind: 'custom',
  tags: ['code'],
  prompts: ['one', 'two'],
  options: { num_predict: 16 },
};

function ran(types: string[], status: 'completed' | 'error' = 'completed'): SessionDoc {
  const s = session('m:1b', { types });
  s.options.suites = [...new Set(types)];
  for (const t of s.models[0]!.tests) t.status = status;
  return s;
}

describe('suite library', () => {
  it('counts a finished session per saved suite it ran, never the built-ins', async () => {
    const store = await openEmbeddedStore(join(dir, 'usage'));
    await store.suites.save(suite);
    assert.deepEqual(await recordSuiteUsage(store, ran(['A', 'Review'])), ['Review']);
    assert.deepEqual(await recordSuiteUsage(store, ran(['Review'], 'error')), ['Review']);
    assert.deepEqual(await recordSuiteUsage(store, { ...ran(['Review']), status: 'running' }), []);
    const [stored] = await store.suites.list();
    assert.equal(stored!.usage_count, 2);
    assert.deepEqual(stored!.execution_stats, {
      runs: 2,
      success_rate: 0.5,
      avg_duration_ms: 1000, // each test of the contract session lasts one second
    });
    assert.deepEqual(suiteRunOf(ran(['A']), 'Review'), { succeeded: false, duration_ms: 0 });
    await store.close();
  });

  it('edits a saved suite as JSON: validated again, statistics and author kept, no rename', async () => {
    const store = await openEmbeddedStore(join(dir, 'edit'));
    await store.suites.save(suite);
    await store.suites.recordRun('Review', { succeeded: true, duration_ms: 500 });
    const [saved] = await store.suites.list();
    const json = editableSuiteJson(saved!);
    assert.doesNotMatch(json, /usage_count|execution_stats|created_by|_id/);

    const edited = JSON.parse(json) as SuiteDefinition;
    edited.prompts.push('three');
    const ok = await saveEditedSuite(store, 'Review', JSON.stringify(edited));
    assert.ok(ok.ok);
    const [after] = await store.suites.list();
    assert.deepEqual(after!.prompts, ['one', 'two', 'three']);
    assert.equal(after!.usage_count, 1);
    assert.equal(after!.created_by, saved!.created_by);

    const bad = await saveEditedSuite(store, 'Review', JSON.stringify({ ...edited, options: {} }));
    assert.ok(!bad.ok && /num_predict/.test(bad.errors.join(' ')));
    const renamed = await saveEditedSuite(store, 'Review', { ...edited, name: 'Other' });
    assert.ok(!renamed.ok && /cannot change/.test(renamed.errors[0]!));
    const notJson = await saveEditedSuite(store, 'Review', '{');
    assert.ok(!notJson.ok && /Not valid JSON/.test(notJson.errors[0]!));
    assert.deepEqual(
      (await store.suites.list()).map((s) => s.prompts.length),
      [3],
    );
    await store.suites.delete('Review');
    const gone = await saveEditedSuite(store, 'Review', edited);
    assert.ok(!gone.ok && /no longer exists/.test(gone.errors[0]!));
    await store.close();
  });
});
