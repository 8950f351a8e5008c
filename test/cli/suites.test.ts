// `ollama-bench suites` as a user runs it, and the statistics `run` leaves on a saved suite: the
// built dist/cli.js against the Ollama stand-in, results in an embedded store in a temp folder.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/core/repositories/openStore';
import type { SessionDoc, SuiteDefinition } from '../../src/shared/dto';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';

describe('ollama-bench suites', () => {
  let standIn: StandIn;
  let dir: string;
  let home: string;
  const cli = (args: string[]) => runCli([...args, '--store', dir], { HOME: home });
  const list = async (extra: string[] = []) => {
    const r = await cli(['suites', 'list', '--json', ...extra]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as SuiteDefinition[];
  };

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'ob-suites-'));
    home = mkdtempSync(join(tmpdir(), 'ob-suites-home-'));
    standIn = await startOllamaStandIn({ tokensPerSecond: 1000, jitter: 0, loadMs: 5 });
    const store = await openStore(dir);
    try {
      await store.suites.save({
        name: 'Code review',
        description: 'Reviews a diff for bugs',
        kind: 'custom',
        tags: ['code'],
        prompts: ['Review: x = 1'],
        options: { num_predict: 3, top_k: 20 },
      });
      await store.suites.save({
        name: 'Haiku',
        description: 'Short poems',
        kind: 'generation',
        tags: ['writing'],
        prompts: ['A haiku about rain'],
        options: { num_predict: 3 },
      });
    } finally {
      await store.close();
    }
  });
  after(async () => {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('lists saved suites with who saved them and no runs yet', async () => {
    const suites = await list();
    assert.deepEqual(
      suites.map((s) => [s.name, s.usage_count, s.execution_stats?.runs]),
      [
        ['Code review', 0, 0],
        ['Haiku', 0, 0],
      ],
    );
    assert.ok(suites.every((s) => /.@./.test(s.created_by ?? '')));
    const table = await cli(['suites', 'list']);
    assert.match(table.stdout, /^NAME\s+KIND\s+RUNS\s+SUCCESS/);
    assert.match(table.stdout, /Built-in: A, B, C/);
  });

  it('finds suites by the words of their name, description and tags', async () => {
    assert.deepEqual(
      (await list(['--search', 'BUGS'])).map((s) => s.name),
      ['Code review'],
    );
    assert.deepEqual(
      (await list(['--search', 'writing diff'])).map((s) => s.name),
      ['Code review', 'Haiku'],
    );
    assert.deepEqual(await list(['--search', 'nothing']), []);
    const none = await cli(['suites', 'list', '--search', 'nothing']);
    assert.match(none.stdout, /No saved suite matches "nothing"/);
  });

  it('counts each run of a saved suite: usage, success rate and mean duration', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await cli([
        'run',
        '--models',
        'llama3.2:3b',
        '--suite',
        'Code review',
        '--repetitions',
        '1',
        '--host',
        standIn.url,
        '--no-hardware',
        '--json',
      ]);
      assert.equal(r.code, 0, r.stderr);
    }
    const [review, haiku] = await list();
    assert.equal(review!.usage_count, 2);
    assert.equal(review!.execution_stats!.runs, 2);
    assert.equal(review!.execution_stats!.success_rate, 1);
    assert.ok(review!.execution_stats!.avg_duration_ms > 0);
    assert.equal(haiku!.usage_count, 0);
  });

  it('shows one suite as JSON, a built-in one too', async () => {
    const r = await cli(['suites', 'show', 'Haiku']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as SuiteDefinition).description, 'Short poems');
    const a = await cli(['suites', 'show', 'a']);
    assert.equal((JSON.parse(a.stdout) as SuiteDefinition).name, 'A');
    const missing = await cli(['suites', 'show', 'Nope']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no saved test suite named "Nope"/);
  });

  it('deletes only with --yes when nobody can be asked; sessions keep their copy of its options', async () => {
    const asked = await cli(['suites', 'delete', 'Code review']);
    assert.equal(asked.code, 1);
    assert.match(asked.stderr, /add --yes/);
    assert.equal((await list()).length, 2);

    const builtin = await cli(['suites', 'delete', 'B', '--yes']);
    assert.match(builtin.stderr, /built-in/);

    const r = await cli(['suites', 'delete', 'Code review', '--yes', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { deleted: true });
    assert.deepEqual(
      (await list()).map((s) => s.name),
      ['Haiku'],
    );
    const again = await cli(['suites', 'delete', 'Code review', '--yes']);
    assert.equal(again.code, 1);

    const history = await cli(['history', '--json']);
    const sessions = JSON.parse(history.stdout) as SessionDoc[];
    assert.equal(sessions.length, 2);
    for (const s of sessions) {
      assert.deepEqual(s.options.suites, ['Code review']);
      assert.equal(s.options.suite_options!['Code review']!.top_k, 20);
      assert.equal(s.models[0]!.tests[0]!.type, 'Code review');
    }
  });
});
