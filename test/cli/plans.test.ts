// `ollama-bench plan` and `ollama-bench worker` as users run them: many worker processes of the
// built dist/cli.js sharing one queue, on the embedded store (its cross-process lock) and on
// MongoDB over the wire (jongodb), against the Ollama stand-in — which the tests kill, stop and
// restart to show that a plan survives a lost worker and an Ollama restart.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openEmbeddedStore, openMongoStore } from '../../src/core/repositories/openStore';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import type { SessionDoc } from '../../src/shared/dto';
import type { BenchmarkConfig } from '../../src/shared/plans';
import { CLI, ensureBuilt, ROOT, runCli, type ProcessResult } from '../fixtures/cliProcess';
import { jongodbAvailable, startJongodb, type Jongodb } from '../fixtures/jongodb';
import {
  DEFAULT_MODELS,
  startOllamaStandIn,
  type StandIn,
  type StandInModel,
} from '../fixtures/ollamaStandIn';

const home = mkdtempSync(join(tmpdir(), 'ob-plans-'));
after(() => rmSync(home, { recursive: true, force: true }));
const env = { HOME: home, OLLAMA_BENCH_MONGO_TIMEOUT_MS: '3000' };

const MODELS: StandInModel[] = ['m1', 'm2', 'm3', 'm4'].map((name) => ({
  ...DEFAULT_MODELS[0]!,
  name: `${name}:1b`,
}));

interface Worker {
  child: ChildProcess;
  done: Promise<ProcessResult>;
  stderr(): string;
}

/** `--store SPEC [--database NAME]`. */
type StoreArgs = string[];

function startWorker(store: StoreArgs, host: string, args: string[] = []): Worker {
  const child = spawn(
    process.execPath,
    [CLI, 'worker', '--store', ...store, '--host', host, '--no-hardware', '--json', ...args],
    { cwd: ROOT, env: { ...process.env, OLLAMA_HOST: '', OLLAMA_BENCH_STORE: '', ...env } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<ProcessResult>((resolve) =>
    child.once('exit', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }),
    ),
  );
  return { child, done, stderr: () => stderr };
}

const plan = (store: StoreArgs, args: string[]) =>
  runCli(['plan', ...args, '--store', ...store], env);

async function createPlan(store: StoreArgs, args: string[]): Promise<{ plan_id: string }> {
  const r = await plan(store, ['create', '--json', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as { plan_id: string };
}

async function allSessions(store: OpenedStore): Promise<SessionDoc[]> {
  const out: SessionDoc[] = [];
  for (let page = 0; ; page++) {
    const p = await store.sessions.querySessions({ filter: {}, page, pageSize: 200 });
    out.push(...p.items);
    if (out.length >= p.total || !p.items.length) return out;
  }
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Backend {
  name: string;
  /** A fresh, empty store spec (folder or URI) and how to open it in this process. */
  fresh(): Promise<{ spec: string[]; open(): Promise<OpenedStore> }>;
  stop?(): Promise<void>;
}

let folders = 0;
const embedded: Backend = {
  name: 'embedded store',
  fresh: async () => {
    const folder = join(home, `store-${folders++}`);
    return { spec: [folder], open: () => openEmbeddedStore(folder) };
  },
};

let server: Jongodb | undefined;
let databases = 0;
const mongo: Backend = {
  name: 'MongoDB over the wire (jongodb)',
  fresh: async () => {
    server ??= await startJongodb();
    const database = `plans_${databases++}`;
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
  stop: async () => server?.stop(),
};

const backends = jongodbAvailable() ? [embedded, mongo] : [embedded];

for (const backend of backends) {
  describe(`plans and workers: ${backend.name}`, () => {
    let standIn: StandIn;
    before(async () => {
      ensureBuilt();
      standIn = await startOllamaStandIn({
        models: [...MODELS, ...DEFAULT_MODELS],
        tokensPerSecond: 5_000,
        loadMs: 1,
        jitter: 0,
      });
    });
    after(async () => {
      await standIn.close();
      await backend.stop?.();
    });

    it('plan create twice adds nothing; bad input exits 2 and stores nothing', async () => {
      const { spec, open } = await backend.fresh();
      const args = ['--name', 'p', '--models', 'm1:1b,m2:1b', '--suites', 'A,C'];
      const first = await createPlan(spec, [
        ...args,
        '--num-ctx',
        '2048,8192',
        '--concurrency',
        '1,4',
      ]);
      const again = await plan(spec, [
        'create',
        '--json',
        ...args,
        '--num-ctx',
        '2048,8192',
        '--concurrency',
        '1,4',
      ]);
      assert.deepEqual(JSON.parse(again.stdout), {
        plan_id: first.plan_id,
        name: 'p',
        added: 0,
        existing: 12,
        total: 12,
      });
      const wider = await plan(spec, [
        'create',
        '--json',
        ...args,
        '--num-ctx',
        '2048,8192,16384',
        '--concurrency',
        '1,4',
      ]);
      assert.deepEqual(JSON.parse(wider.stdout), {
        plan_id: first.plan_id,
        name: 'p',
        added: 6,
        existing: 12,
        total: 18,
      });
      for (const bad of [
        ['--name', 'bad', '--models', 'm1:1b', '--suites', 'Z'],
        ['--name', 'bad', '--models', 'm1:1b', '--num-ctx', '0'],
        ['--name', 'bad', '--models', ' , '],
      ]) {
        const r = await plan(spec, ['create', ...bad]);
        assert.equal(r.code, 2, `${bad.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /Unknown test suite "Z"|num_ctx values must be|at least one model/);
      }
      const status = await plan(spec, ['status', '--json']);
      const parsed = JSON.parse(status.stdout) as {
        plans: { name: string; counts: object; total: number; eta_s: null }[];
      };
      assert.deepEqual(
        parsed.plans.map((p) => [p.name, p.total, p.counts, p.eta_s]),
        [['p', 18, { pending: 18, running: 0, completed: 0, failed: 0, cancelled: 0 }, null]],
      );
      const store = await open();
      try {
        assert.equal(await store.plans.getPlan('bad'), undefined);
      } finally {
        await store.close();
      }

      // The rest of the plan commands, as JSON.
      const json = async (args: string[]) => {
        const r = await plan(spec, [...args, '--json']);
        assert.equal(r.code, 0, r.stderr);
        return JSON.parse(r.stdout) as unknown;
      };
      assert.deepEqual(await json(['list']), {
        plans: [
          {
            name: 'p',
            plan_id: first.plan_id,
            total: 18,
            counts: { pending: 18, running: 0, completed: 0, failed: 0, cancelled: 0 },
          },
        ],
      });
      assert.deepEqual(await json(['reset-stale', '--older-than', '1s']), { reset: 0, failed: 0 });
      assert.deepEqual(await json(['cancel', 'p']), { name: 'p', cancelled: 18 });
      const unsure = await plan(spec, ['delete', 'p']);
      assert.equal(unsure.code, 2);
      assert.match(unsure.stderr, /Run again with --yes/);
      assert.deepEqual(await json(['delete', 'p', '--yes']), { name: 'p', deleted: 18 });
      const gone = await plan(spec, ['status', 'p']);
      assert.equal(gone.code, 2);
      assert.match(gone.stderr, /No plan named "p"/);
    });

    it('8 worker processes over 200 configs: each completed exactly once, 200 results, one session per config', async () => {
      const { spec, open } = await backend.fresh();
      // 4 models × 50 context lengths = 200 configs, each one tiny repetition.
      const ctx = Array.from({ length: 50 }, (_, i) => 1024 + i).join(',');
      const { plan_id } = await createPlan(spec, [
        '--name',
        'big',
        '--models',
        MODELS.map((m) => m.name).join(','),
        '--suites',
        'A',
        '--num-ctx',
        ctx,
        '--repetitions',
        '1',
        '--num-predict',
        '2',
      ]);
      const workers = Array.from({ length: 8 }, () =>
        startWorker(spec, standIn.url, ['--plan', 'big']),
      );
      const results = await Promise.all(workers.map((w) => w.done));
      for (const r of results) assert.equal(r.code, 0, r.stderr);
      const lines = results.flatMap((r) => r.stdout.trim().split('\n').filter(Boolean));
      const finished = lines.map(
        (l) => JSON.parse(l) as { config_id: string; status: string; session_id: string },
      );
      assert.equal(finished.length, 200, 'one line per config, over all workers');
      assert.equal(new Set(finished.map((f) => f.config_id)).size, 200, 'no config run twice');
      assert.ok(finished.every((f) => f.status === 'completed'));
      assert.ok(results.filter((r) => r.stdout.trim()).length > 1, 'the work was shared');

      const store = await open();
      try {
        const configs = await store.plans.configsOf(plan_id);
        assert.equal(configs.length, 200);
        assert.deepEqual(new Set(configs.map((c) => c.status)), new Set(['completed']));
        assert.ok(configs.every((c) => c.retry_count === 0 && c.result_ids.length === 1));
        const sessions = (await allSessions(store)).filter((s) => s.plan_id === plan_id);
        const perConfig = new Map<string, number>();
        for (const s of sessions)
          perConfig.set(s.config_id!, (perConfig.get(s.config_id!) ?? 0) + 1);
        assert.equal(sessions.length, 200);
        assert.equal(perConfig.size, 200);
        assert.ok(
          [...perConfig.values()].every((n) => n === 1),
          'no config with two sessions',
        );
        let results = 0;
        for (const c of configs) {
          const [r] = await store.sessions.getTestResults(c.session_id!);
          assert.deepEqual([r!.config_id, r!.plan_id, r!.status], [c._id, plan_id, 'completed']);
          results++;
        }
        assert.equal(results, 200);
      } finally {
        await store.close();
      }
    });

    it('a worker killed with SIGKILL mid-config: after the stale timeout another completes it, retry_count 1', async () => {
      const { spec, open } = await backend.fresh();
      const { plan_id } = await createPlan(spec, [
        '--name',
        'kill',
        '--models',
        'm1:1b',
        '--suites',
        'A',
        '--num-ctx',
        '2048',
        '--repetitions',
        '1',
        '--num-predict',
        '2',
      ]);
      // Slow generations for the first worker, so it is surely mid-config when it dies.
      standIn.addFault({
        fault: { kind: 'delay', ms: 60_000 },
        path: '/api/generate',
        skip: 1,
        times: 1,
      });
      const doomed = startWorker(spec, standIn.url, ['--heartbeat', '200ms']);
      const store = await open();
      try {
        const running = await waitFor('the config to be running', async () => {
          const [c] = await store.plans.configsOf(plan_id);
          return c?.status === 'running' && c.session_id ? c : undefined;
        });
        doomed.child.kill('SIGKILL');
        await doomed.done;
        standIn.clearFaults();
        const rescuer = startWorker(spec, standIn.url, [
          '--stale-after',
          '1s',
          '--idle-exit',
          '5s',
        ]);
        const r = await rescuer.done;
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /1 stale configuration\(s\) back to pending/);
        const [c] = (await store.plans.configsOf(plan_id)) as [BenchmarkConfig];
        assert.deepEqual([c.status, c.retry_count], ['completed', 1]);
        assert.notEqual(c.session_id, running.session_id);
        assert.deepEqual(c.lost_session_ids, [running.session_id]);
        assert.equal((await store.sessions.getSession(running.session_id!))!.status, 'interrupted');
        assert.equal((await store.sessions.getSession(c.session_id!))!.status, 'completed');
      } finally {
        await store.close();
      }
    });

    it('a config for an unknown model fails with its reason; the rest complete', async () => {
      const { spec, open } = await backend.fresh();
      const { plan_id } = await createPlan(spec, [
        '--name',
        'unknown',
        '--models',
        'm1:1b,nope:7b,m2:1b',
        '--suites',
        'A',
        '--num-ctx',
        '2048',
        '--repetitions',
        '1',
        '--num-predict',
        '2',
      ]);
      const r = await startWorker(spec, standIn.url).done;
      assert.equal(r.code, 0, r.stderr);
      const statuses = r.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { status: string }).status);
      assert.deepEqual(statuses.sort(), ['completed', 'completed', 'failed']);
      const store = await open();
      try {
        const configs = await store.plans.configsOf(plan_id);
        const failed = configs.filter((c) => c.status === 'failed');
        assert.deepEqual(
          failed.map((c) => c.model),
          ['nope:7b'],
        );
        assert.match(failed[0]!.error_message!, /model 'nope:7b' not found/);
        assert.equal(configs.filter((c) => c.status === 'completed').length, 2);
        const [status] = JSON.parse(
          (await plan(spec, ['status', 'unknown', '--json'])).stdout,
        ).plans;
        assert.deepEqual(status.counts, {
          pending: 0,
          running: 0,
          completed: 2,
          failed: 1,
          cancelled: 0,
        });
        assert.equal((await plan(spec, ['retry', 'unknown', '--failed'])).code, 0);
        assert.equal(await store.plans.countByStatus(plan_id, 'pending'), 1);
      } finally {
        await store.close();
      }
    });

    it('Ollama stopped mid-plan: claims go back, nothing fails, the plan finishes once it is back', async () => {
      const { spec, open } = await backend.fresh();
      const { plan_id } = await createPlan(spec, [
        '--name',
        'outage',
        '--models',
        'm1:1b,m2:1b,m3:1b',
        '--suites',
        'A',
        '--num-ctx',
        '2048,4096',
        '--repetitions',
        '1',
        '--num-predict',
        '2',
      ]);
      // An Ollama of its own, so stopping it leaves the other tests' alone.
      let ollama = await startOllamaStandIn({
        models: MODELS,
        tokensPerSecond: 50,
        loadMs: 1,
        jitter: 0,
      });
      const port = ollama.port;
      const worker = startWorker(spec, ollama.url);
      const store = await open();
      try {
        await waitFor('two configs completed', async () =>
          (await store.plans.countByStatus(plan_id, 'completed')) >= 2 ? true : undefined,
        );
        await ollama.close();
        await waitFor('the worker to notice', async () =>
          /does not answer/.test(worker.stderr()) ? true : undefined,
        );
        const during = await store.plans.configsOf(plan_id);
        assert.equal(during.filter((c) => c.status === 'failed').length, 0);
        assert.equal(
          during.filter((c) => c.status === 'running').length,
          0,
          'no claim held while Ollama is away',
        );
        ollama = await startOllamaStandIn({
          models: MODELS,
          tokensPerSecond: 50,
          loadMs: 1,
          jitter: 0,
          port,
        });
        const r = await worker.done;
        assert.equal(r.code, 0, r.stderr);
        const configs = await store.plans.configsOf(plan_id);
        assert.deepEqual(new Set(configs.map((c) => c.status)), new Set(['completed']));
        assert.ok(
          configs.every((c) => c.retry_count === 0),
          'no retry spent on an Ollama restart',
        );
      } finally {
        await store.close();
        await ollama.close();
      }
    });

    it('SIGTERM: the running config goes back to pending, its session is cancelled, exit 143', async () => {
      const { spec, open } = await backend.fresh();
      const { plan_id } = await createPlan(spec, [
        '--name',
        'stop',
        '--models',
        'm1:1b',
        '--suites',
        'A',
        '--num-ctx',
        '2048',
        '--repetitions',
        '3',
        '--num-predict',
        '2',
      ]);
      standIn.addFault({
        fault: { kind: 'delay', ms: 60_000 },
        path: '/api/generate',
        skip: 1,
        times: 1,
      });
      const worker = startWorker(spec, standIn.url);
      const store = await open();
      try {
        const running = await waitFor('the config to be running', async () => {
          const [c] = await store.plans.configsOf(plan_id);
          return c?.status === 'running' && c.session_id ? c : undefined;
        });
        worker.child.kill('SIGTERM');
        const r = await worker.done;
        standIn.clearFaults();
        assert.equal(r.code, 143, r.stderr);
        const [c] = await store.plans.configsOf(plan_id);
        assert.deepEqual([c!.status, c!.retry_count, c!.claimed_by], ['pending', 0, undefined]);
        const s = await store.sessions.getSession(running.session_id!);
        assert.equal(s!.status, 'cancelled');
        assert.equal(s!.config_id, c!._id);
      } finally {
        await store.close();
      }
    });
  });
}
