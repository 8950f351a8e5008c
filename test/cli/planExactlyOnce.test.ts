// Exactly-once plan completion: a worker killed (SIGKILL, injected at the exact point) after its
// completed session is stored and before its configuration is marked completed, again and again,
// with stale resets between; in the end every configuration has exactly one completed session and
// one set of results, on the embedded store and on MongoDB over the wire.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openEmbeddedStore, openMongoStore } from '../../src/core/repositories/openStore';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { WORKER_FAULT_ENV } from '../../src/cli/workerFaults';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { jongodbAvailable, startJongodb, type Jongodb } from '../fixtures/jongodb';
import { DEFAULT_MODELS, startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';

const home = mkdtempSync(join(tmpdir(), 'ob-once-'));
after(() => rmSync(home, { recursive: true, force: true }));
const env = { HOME: home, OLLAMA_BENCH_MONGO_TIMEOUT_MS: '3000' };
const MODELS = ['m1:1b', 'm2:1b'];

interface Backend {
  name: string;
  fresh(): Promise<{ spec: string[]; open(): Promise<OpenedStore> }>;
}

let n = 0;
let server: Jongodb | undefined;
const backends: Backend[] = [
  {
    name: 'embedded store',
    fresh: async () => {
      const folder = join(home, `store-${n++}`);
      return { spec: [folder], open: () => openEmbeddedStore(folder) };
    },
  },
];
if (jongodbAvailable())
  backends.push({
    name: 'MongoDB over the wire (jongodb)',
    fresh: async () => {
      server ??= await startJongodb();
      const database = `once_${n++}`;
      return {
        spec: [server.uri, '--database', database],
        open: () =>
          openMongoStore(server!.uri, {
            database,
            journalDir: join(home, 'journal'),
            serverSelectionTimeoutMS: 3_000,
          }),
      };
    },
  });
after(async () => server?.stop());

describe('a plan configuration completes exactly once', () => {
  let standIn: StandIn;
  before(async () => {
    ensureBuilt();
    standIn = await startOllamaStandIn({
      models: MODELS.map((name) => ({ ...DEFAULT_MODELS[0]!, name })),
      tokensPerSecond: 2000,
      jitter: 0,
      loadMs: 1,
    });
  });
  after(async () => standIn.close());

  for (const backend of backends)
    for (const fault of ['kill-after-session-stored', 'kill-before-config-completed'])
      it(`${backend.name}: killed at ${fault}, reset, again and again`, async () => {
        const { spec, open } = await backend.fresh();
        const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
          runCli([...args, '--store', ...spec], { ...env, ...extra });
        const created = await cli([
          'plan',
          'create',
          '--name',
          'once',
          '--models',
          MODELS.join(','),
          '--repetitions',
          '1',
          '--num-predict',
          '2',
          '--max-retries',
          '10',
        ]);
        assert.equal(created.code, 0, created.stderr);
        const worker = (extra: NodeJS.ProcessEnv = {}) =>
          cli(['worker', '--host', standIn.url, '--no-hardware'], extra);
        // Each faulty worker stores one more config's completed session (or finds the one stored
        // before) and dies before the config is marked completed.
        for (let kill = 0; kill < MODELS.length; kill++) {
          const r = await worker({ [WORKER_FAULT_ENV]: fault });
          assert.notEqual(r.code, 0, `worker ${kill} should have been killed: ${r.stderr}`);
          const reset = await cli(['plan', 'reset-stale', '--older-than', '0ms']);
          assert.equal(reset.code, 0, reset.stderr);
        }
        const last = await worker();
        assert.equal(last.code, 0, last.stderr);
        const store = await open();
        try {
          const [plan] = await store.plans.listPlans();
          const configs = await store.plans.configsOf(plan!._id);
          assert.deepEqual(
            configs.map((c) => c.status),
            MODELS.map(() => 'completed'),
          );
          const sessions = (await store.sessions.querySessions({ filter: {}, pageSize: 100 }))
            .items;
          for (const c of configs) {
            const completed = sessions.filter(
              (s) => s.config_id === c._id && s.status === 'completed',
            );
            assert.equal(completed.length, 1, `config ${c.model}: one completed session`);
            assert.equal(c.session_id, completed[0]!._id);
            const results = await store.sessions.getTestResults(completed[0]!._id!);
            assert.equal(results.length, 1);
            assert.deepEqual(c.result_ids, [results[0]!._id]);
          }
          assert.equal(sessions.filter((s) => s.status === 'completed').length, MODELS.length);
        } finally {
          await store.close();
        }
      });
});
