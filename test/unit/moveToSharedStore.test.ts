// Moving the extension's old globalStorage store into the shared folder: every document arrives,
// nothing already in the shared store is overwritten, references follow reused documents, and the
// move runs once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openEmbeddedStore } from '../../src/core/repositories/openStore';
import {
  describeMove,
  MOVED_MARKER,
  moveToSharedStore,
  type StoreMoveReport,
} from '../../src/core/store/moveToSharedStore';
import type { TestResultDoc } from '../../src/shared/dto';
import { sampledResult } from '../fixtures/testResults';
import { hardware, session } from '../fixtures/storeDocuments';

const root = mkdtempSync(join(tmpdir(), 'ob-move-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = (name: string) => join(root, `${++n}-${name}`);

const result = (sessionId: string, modelId?: string): TestResultDoc =>
  sampledResult(
    sessionId,
    40,
    [
      { t: Date.parse('2025-03-01T10:00:01Z'), cpu_total: 10, mem_used: 5e9 },
      { t: Date.parse('2025-03-01T10:00:02Z'), cpu_total: 20, mem_used: 6e9 },
    ],
    '2025-03-01T10:00:03.000Z',
    { model_id: modelId, output: 'Hello' },
  );

const suite = (prompt: string) => ({
  name: 'Code',
  description: prompt,
  kind: 'custom' as const,
  tags: [],
  prompts: [prompt],
  options: { num_predict: 16 },
});

/** An old store as the extension left it: one machine, one model, two sessions with results. */
async function oldStore(dir: string) {
  const store = await openEmbeddedStore(dir);
  const hw = await store.sessions.saveHardwareConfig(hardware('fp-this-machine'));
  const model = await store.sessions.upsertModel({
    name: 'llama3.2:3b',
    digest: 'aaa',
    size: 2e9,
    loaded: false,
  });
  const sessions: string[] = [];
  for (const at of [Date.parse('2025-03-01T10:00:00Z'), Date.parse('2025-03-02T10:00:00Z')]) {
    const s = session('llama3.2:3b', { at, hw, tags: ['old'] });
    s.models[0]!.model_id = model;
    const id = await store.sessions.insertSession(s);
    await store.sessions.insertTestResult(result(id, model));
    sessions.push(id);
  }
  await store.suites.save(suite('old prompt'));
  await store.close();
  return { hw, model, sessions };
}

const counts = (r: StoreMoveReport | undefined) =>
  Object.fromEntries((r?.collections ?? []).map((c) => [c.collection, c]));

describe('moveToSharedStore', () => {
  it('moves everything into an empty shared folder, once, and leaves the old folder as it was', async () => {
    const from = folder('old');
    const to = folder('shared');
    const old = await oldStore(from);
    const before = readdirSync(from).sort();
    const logs: string[] = [];

    const report = await moveToSharedStore({
      fromStore: from,
      toStore: to,
      log: (m) => logs.push(m),
    });
    const c = counts(report);
    assert.equal(c.test_sessions!.copied, 2);
    assert.equal(c.test_results!.copied, 2);
    assert.equal(c.hardware_configs!.copied, 1);
    assert.equal(c.models!.copied, 1);
    assert.equal(c.custom_suites!.copied, 1);
    assert.ok(c.hardware_samples!.copied >= 1, 'the samples come along');
    assert.equal(logs.length, 1);
    assert.match(logs[0]!, new RegExp(`from ${from} to ${to}: .*test_sessions 2`));

    const shared = await openEmbeddedStore(to);
    try {
      const page = await shared.sessions.querySessions({ filter: {} });
      assert.deepEqual(page.items.map((s) => s._id).sort(), [...old.sessions].sort());
      const [r] = await shared.sessions.getTestResults(old.sessions[0]!);
      assert.equal(r!.samples!.length, 2, 'each result still finds its samples');
      assert.equal(
        (await shared.sessions.getHardwareConfig(old.hw))!.fingerprint,
        'fp-this-machine',
      );
    } finally {
      await shared.close();
    }
    assert.ok(existsSync(join(from, MOVED_MARKER)));
    assert.deepEqual(readdirSync(from).sort(), [...before, MOVED_MARKER].sort());

    // Never twice: not even after the shared store lost a session.
    assert.equal(await moveToSharedStore({ fromStore: from, toStore: to }), undefined);
  });

  it('merges into a shared store that has data: copies what it lacks, overwrites nothing, and points references at reused documents', async () => {
    const from = folder('old');
    const to = folder('shared');
    const old = await oldStore(from);
    // The CLI already wrote here: the same machine and model under other _ids, its own suite
    // named "Code", its own session, and a copy of one of the old sessions.
    const shared = await openEmbeddedStore(to);
    const cliHw = await shared.sessions.saveHardwareConfig(hardware('fp-this-machine'));
    const cliModel = await shared.sessions.upsertModel({
      name: 'llama3.2:3b',
      digest: 'aaa',
      size: 2e9,
      loaded: false,
    });
    await shared.suites.save(suite('cli prompt'));
    const cliSession = await shared.sessions.insertSession(
      session('llama3.2:3b', { tags: ['cli'] }),
    );
    const copy = (await openEmbeddedStore(from).then(async (s) => {
      const doc = await s.sessions.getSession(old.sessions[0]!);
      await s.close();
      return doc;
    }))!;
    await shared.sessions.updateSession({
      ...copy,
      _id: old.sessions[0]!,
      tags: ['edited in shared'],
    });
    await shared.close();
    assert.notEqual(cliHw, old.hw);

    const report = await moveToSharedStore({ fromStore: from, toStore: to });
    const c = counts(report);
    assert.deepEqual(
      [c.test_sessions!.copied, c.test_sessions!.present, c.test_sessions!.sameKey],
      [1, 1, 0],
    );
    assert.deepEqual([c.hardware_configs!.copied, c.hardware_configs!.sameKey], [0, 1]);
    assert.deepEqual([c.models!.copied, c.models!.sameKey], [0, 1]);
    assert.deepEqual([c.custom_suites!.copied, c.custom_suites!.sameKey], [0, 1]);
    assert.match(describeMove(report!), /test_sessions 1 \(\+1 already there\)/);

    const merged = await openEmbeddedStore(to);
    try {
      const ids = (await merged.sessions.querySessions({ filter: {} })).items
        .map((s) => s._id)
        .sort();
      assert.deepEqual(ids, [cliSession, ...old.sessions].sort());
      assert.deepEqual(
        (await merged.sessions.getSession(old.sessions[0]!))!.tags,
        ['edited in shared'],
        'a session the shared store has is never overwritten',
      );
      const moved = (await merged.sessions.getSession(old.sessions[1]!))!;
      assert.equal(
        moved.hardware_config_id,
        cliHw,
        'the moved session points at the shared machine',
      );
      assert.equal(moved.models[0]!.model_id, cliModel);
      const [r] = await merged.sessions.getTestResults(old.sessions[1]!);
      assert.equal(r!.model_id, cliModel);
      assert.equal((await merged.sessions.listHardwareConfigs()).length, 1);
      assert.deepEqual(
        (await merged.suites.list()).map((s) => s.prompts),
        [['cli prompt']],
      );
    } finally {
      await merged.close();
    }
  });

  it('does nothing when there is no old store, or it is the shared folder itself', async () => {
    const to = folder('shared');
    const missing = folder('never-created');
    assert.equal(await moveToSharedStore({ fromStore: missing, toStore: to }), undefined);
    assert.equal(existsSync(missing), false);
    assert.equal(await moveToSharedStore({ fromStore: to, toStore: to }), undefined);
  });

  it('leaves the move to another live process that is doing it now', async () => {
    const from = folder('old');
    const to = folder('shared');
    await oldStore(from);
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    await once(child, 'spawn');
    try {
      writeFileSync(
        join(from, `${MOVED_MARKER}.claim`),
        JSON.stringify({ pid: child.pid, host: hostname() }),
      );
      assert.equal(await moveToSharedStore({ fromStore: from, toStore: to }), undefined);
      assert.equal(existsSync(join(to, 'test_sessions.log')), false);
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    // That process died mid-move: the next start takes over.
    const report = await moveToSharedStore({ fromStore: from, toStore: to });
    assert.equal(counts(report).test_sessions!.copied, 2);
    assert.equal(existsSync(join(from, `${MOVED_MARKER}.claim`)), false);
  });

  it("moves the MongoDB write journals of ended processes, and leaves a live process's", async () => {
    const fromJournal = folder('old-journal');
    const toJournal = folder('shared-journal');
    mkdirSync(fromJournal);
    const dead = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await once(dead, 'exit');
    const ended = `0123456789abcdef-${dead.pid}.ndjson`;
    const live = `0123456789abcdef-${process.pid}.ndjson`;
    writeFileSync(join(fromJournal, ended), '{"op":"insertSession","arg":{}}\n');
    writeFileSync(join(fromJournal, live), '{"op":"insertSession","arg":{}}\n');
    const logs: string[] = [];
    const report = await moveToSharedStore({
      fromStore: folder('no-old-store'),
      toStore: folder('shared'),
      fromJournal,
      toJournal,
      log: (m) => logs.push(m),
    });
    assert.equal(report?.journalFiles, 1);
    assert.deepEqual(readdirSync(toJournal), [ended]);
    assert.deepEqual(readdirSync(fromJournal), [live]);
    assert.match(logs.join('\n'), /1 MongoDB journal file/);
  });
});
