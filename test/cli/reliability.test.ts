// What a run keeps when things go wrong around it, as a user meets it through the built CLI:
// Ctrl-C, SIGTERM and SIGHUP end a run alike, a kill -9 mid-test loses at most the repetition in
// progress, a store that refuses writes sends the results to a journal (exit 3) that the next
// open stores, and the cold load time comes from where real Ollama reports it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { openStore } from '../../src/core/repositories/openStore';
import type { SessionDoc } from '../../src/shared/dto';
import { ensureBuilt, runCli, runCliUntil } from '../fixtures/cliProcess';
import { jongodbAvailable, startJongodb } from '../fixtures/jongodb';
import { startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';
import { cliArgs } from '../fixtures/cliArgs';

/** The store's one session and its one test result. */
async function onlySession(store: OpenedStore) {
  const [row] = (await store.sessions.querySessions({ filter: {} })).items;
  const session = (await store.sessions.getSession(row!._id!))!;
  const [result] = await store.sessions.getTestResults(session._id!);
  return { session, result: result! };
}

describe('ollama-bench run: faults around the run', () => {
  let standIn: StandIn;
  let home: string;
  let dir: string;
  const args = (extra: string[] = []) => [
    ...cliArgs`run --models llama3.2:3b --host ${standIn.url} --store ${dir} --no-hardware`,
    ...cliArgs`--num-predict 40`,
    ...extra,
  ];
  // The journal's fallback folder lives beside the default store: keep it in the test's HOME.
  const env = () => ({ HOME: home });

  before(async () => {
    ensureBuilt();
    standIn = await startOllamaStandIn({ tokensPerSecond: 1000, jitter: 0, loadMs: 20 });
  });
  after(async () => {
    await standIn.close();
  });

  const fresh = () => {
    home = mkdtempSync(join(tmpdir(), 'ollama-bench-home-'));
    dir = join(home, 'store');
  };
  after(() => rmSync(home, { recursive: true, force: true }));

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal} cancels the run, keeps the finished repetitions and exits ${code}`, async () => {
      fresh();
      const r = await runCliUntil(
        args(['--repetitions', '50', '--json']),
        env(),
        /repetition 2\//,
        signal,
      );
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, new RegExp(`${signal}: cancelling`));
      const session = JSON.parse(r.stdout) as SessionDoc;
      assert.equal(session.status, 'cancelled');
      const store = await openStore(dir);
      try {
        assert.equal((await store.sessions.getSession(session._id!))!.status, 'cancelled');
        const [result] = await store.sessions.getTestResults(session._id!);
        assert.ok(result!.metrics.repetitions.length >= 2, 'finished repetitions are stored');
      } finally {
        await store.close();
      }
    });
  }

  it('a kill -9 mid-test loses at most the repetition in progress', async () => {
    fresh();
    const r = await runCliUntil(args(['--repetitions', '50']), env(), /repetition 3\//, 'SIGKILL');
    assert.equal(r.signal, 'SIGKILL');
    const store = await openStore(dir); // the sweep marks it interrupted
    try {
      const page = await store.sessions.querySessions({ filter: {} });
      assert.equal(page.items.length, 1);
      const session = (await store.sessions.getSession(page.items[0]!._id!))!;
      assert.equal(session.status, 'interrupted');
      const test = session.models[0]!.tests[0]!;
      assert.ok(
        (test.partial_repetitions?.length ?? 0) >= 3,
        `the 3 finished repetitions are in the session (${test.partial_repetitions?.length})`,
      );
      assert.ok(test.metrics.tokens_per_second! > 0, 'with their summary');
      assert.match(test.error!, /Interrupted after \d+ repetition/);
    } finally {
      await store.close();
    }
  });

  it('a store whose lock stays busy: the run finishes, prints its table, exits 3; the next open stores it all', async () => {
    fresh();
    // Create the store, then make its write lock look held by a live process (our parent).
    (await openStore(dir)).close();
    writeFileSync(
      join(dir, '.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }),
    );
    const r = await runCli(args(['--repetitions', '2']), {
      ...env(),
      OLLAMA_BENCH_LOCK_WAIT_MS: '300',
    });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /llama3\.2:3b\s+A\s+completed/, 'the result table is printed');
    assert.match(r.stdout, /not yet stored/);
    assert.match(r.stderr, /results are kept in .*journal/);
    assert.match(r.stderr, /wait in .*\.ndjson; they are stored the next time/);
    rmSync(join(dir, '.lock'));

    const history = await runCli(['history', '--json', '--store', dir], env());
    assert.equal(history.code, 0, history.stderr);
    assert.match(history.stderr, /held in a journal by an earlier run are now stored/);
    const store = await openStore(dir);
    try {
      const { session, result } = await onlySession(store);
      assert.equal(session.status, 'completed');
      assert.equal(result.metrics.repetitions.length, 2, 'every repetition arrived');
      assert.ok(session.models[0]!.model_id, 'the model record followed the mapping');
    } finally {
      await store.close();
    }
  });

  it(
    'MongoDB gone at the end of a run: the table is printed, exit 3, the journal is stored once it is back',
    { skip: !jongodbAvailable() && 'jongodb is not installed' },
    async () => {
      fresh();
      let mongo = await startJongodb();
      const port = mongo.port;
      const env = { HOME: home, OLLAMA_BENCH_MONGO_TIMEOUT_MS: '1500' };
      try {
        const cli = args(['--repetitions', '6', '--num-predict', '200']);
        cli[cli.indexOf('--store') + 1] = mongo.uri;
        const r = await runCliUntil(cli, env, /repetition 2\//, () => void mongo.stop());
        assert.equal(r.code, 3, r.stderr);
        assert.match(r.stdout, /llama3\.2:3b\s+A\s+completed/, 'the result table is printed');
        assert.match(r.stderr, /MongoDB .* is unreachable; \d+ result write\(s\) held/);
        mongo = await startJongodb({ port });
        const store = await openStore(mongo.uri, { defaultDir: join(home, '.ollama-bench') });
        try {
          const { session, result } = await onlySession(store);
          assert.equal(session.status, 'completed');
          assert.equal(result.metrics.repetitions.length, 6, 'every repetition arrived');
        } finally {
          await store.close();
        }
      } finally {
        await mongo.stop();
      }
    },
  );

  it('stores the cold load time from the first real request after the unload (its load_duration, never 0 for unknown)', async () => {
    fresh();
    const first = standIn.requests.length;
    const r = await runCli(args(['--repetitions', '1', '--json']), env());
    assert.equal(r.code, 0, r.stderr);
    const session = JSON.parse(r.stdout) as SessionDoc;
    const model = session.models[0]!;
    const generate = standIn.requests.slice(first).filter((q) => q.path === '/api/generate');
    assert.equal(generate[0]!.body!.keep_alive, 0, 'the unload');
    assert.notEqual(generate[1]!.body!.prompt, '', 'no empty-prompt preload: the warm-up loads');
    // The warm-up's load_duration is the stand-in's loadMs in ns; stored in ms.
    assert.equal(model.load_time, standIn.options.loadMs, 'load_duration of the warm-up');
    // The stand-in spends at least its load time, and the client's clock spans the request.
    assert.ok(model.load_wall_ms! >= model.load_time!);
    assert.equal(session.models[0]!.tests[0]!.metrics.load_time, model.load_time);
  });
});
