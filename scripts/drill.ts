// npm run drill — every fault a run can meet, done for real against the built CLI, the Ollama
// stand-in, the embedded store and jongodb (MongoDB over the wire), then one table:
// fault | outcome | repetitions finished | repetitions stored | lost.
// "Finished" counts the repetitions the CLI reported done (it reports one only once it is written);
// "stored" counts what the store holds afterwards, once it has been opened again (which replays
// any journal and marks cut-off sessions interrupted). The last line is the headline: lost overall.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/core/repositories/openStore';
import { hardeningFaults } from './drillHardening';
import {
  CLI,
  ensureBuilt,
  runCli,
  runCliUntil,
  type SignalledRun,
} from '../test/fixtures/cliProcess';
import { jongodbAvailable, startJongodb } from '../test/fixtures/jongodb';
import { startOllamaStandIn, type StandIn } from '../test/fixtures/ollamaStandIn';

interface Row {
  fault: string;
  outcome: string;
  finished: number | '–';
  stored: number | '–';
}

const finishedIn = (stderr: string) => (stderr.match(/ · repetition \d+\/\d+:/g) ?? []).length;

/** Every repetition the store holds: in test results, and in tests cut off mid-way. */
async function storedRepetitions(spec: string, env: NodeJS.ProcessEnv = {}): Promise<number> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const store = await openStore(spec, { log: () => undefined });
    try {
      let n = 0;
      for (const row of (await store.sessions.querySessions({ filter: {}, pageSize: 100 })).items) {
        const session = (await store.sessions.getSession(row._id!))!;
        const results = await store.sessions.getTestResults(session._id!);
        n += results.reduce((a, r) => a + r.metrics.repetitions.length, 0);
        for (const m of session.models)
          for (const t of m.tests) if (!t.result_id) n += t.partial_repetitions?.length ?? 0;
      }
      return n;
    } finally {
      await store.close();
    }
  } finally {
    process.env = saved;
  }
}

function outcomeOf(r: SignalledRun | { code: number; stderr: string }, extra = ''): string {
  const code = 'signal' in r && r.signal ? `killed (${r.signal})` : `exit ${r.code}`;
  return `${code}${extra ? `; ${extra}` : ''}`;
}

async function main(): Promise<void> {
  ensureBuilt();
  const root = mkdtempSync(join(tmpdir(), 'ollama-bench-drill-'));
  const rows: Row[] = [];
  const standIn: StandIn = await startOllamaStandIn({
    tokensPerSecond: 1000,
    jitter: 0,
    loadMs: 20,
  });
  let n = 0;
  const fresh = () => {
    const home = join(root, `case-${++n}`);
    mkdirSync(home, { recursive: true });
    return { home, store: join(home, 'store') };
  };
  const runArgs = (store: string, extra: string[] = []) => [
    'run',
    '--models',
    'llama3.2:3b',
    '--host',
    standIn.url,
    '--store',
    store,
    '--no-hardware',
    '--num-predict',
    '40',
    ...extra,
  ];

  try {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGKILL'] as const) {
      const c = fresh();
      const r = await runCliUntil(
        runArgs(c.store, ['--repetitions', '50']),
        { HOME: c.home },
        /repetition 3\//,
        signal,
      );
      const fault = signal === 'SIGKILL' ? 'kill -9 mid-test' : `${signal} mid-test`;
      const outcome =
        signal === 'SIGKILL'
          ? 'killed; the next open marks the session interrupted'
          : outcomeOf(r, 'cancelled');
      rows.push({
        fault,
        outcome,
        finished: finishedIn(r.stderr),
        stored: await storedRepetitions(c.store),
      });
    }

    {
      const c = fresh();
      standIn.addFault({
        fault: { kind: 'cut', afterTokens: 5 },
        path: '/api/generate',
        skip: 4,
        times: 1,
      });
      const r = await runCli(runArgs(c.store, ['--repetitions', '5', '--suite', 'A,B']), {
        HOME: c.home,
      });
      rows.push({
        fault: 'connection to Ollama cut mid-stream',
        outcome: outcomeOf(r, 'that test errors, the session goes on'),
        finished: finishedIn(r.stderr),
        stored: await storedRepetitions(c.store),
      });
    }

    {
      // A real Ollama-like process, killed with SIGKILL mid-stream: nothing answers after.
      const c = fresh();
      const ollama = await startStandInProcess();
      const args = runArgs(c.store, ['--repetitions', '20', '--suite', 'A,B']);
      args[args.indexOf('--host') + 1] = ollama.url;
      const r = await runCliUntil(args, { HOME: c.home }, /repetition 3\//, () =>
        ollama.child.kill('SIGKILL'),
      );
      rows.push({
        fault: 'Ollama killed mid-stream',
        outcome: outcomeOf(r, 'the tests left error with the reason'),
        finished: finishedIn(r.stderr),
        stored: await storedRepetitions(c.store),
      });
    }

    for (const [fault, afterTokens, flag] of [
      ['Ollama sends nothing (first token)', 0, '--first-token-timeout'],
      ['Ollama stalls mid-stream', 5, '--stall-timeout'],
    ] as const) {
      const c = fresh();
      standIn.addFault({
        fault: { kind: 'stall', afterTokens },
        path: '/api/generate',
        skip: 3,
        times: 1,
      });
      const r = await runCli(
        runArgs(c.store, ['--repetitions', '4', '--suite', 'A,B', flag, '2']),
        {
          HOME: c.home,
        },
      );
      rows.push({
        fault,
        outcome: outcomeOf(r, 'test errors after 2 s, the session goes on'),
        finished: finishedIn(r.stderr),
        stored: await storedRepetitions(c.store),
      });
    }

    {
      const c = fresh();
      (await openStore(c.store)).close();
      writeFileSync(
        join(c.store, '.lock'),
        JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }),
      );
      const r = await runCli(runArgs(c.store, ['--repetitions', '3']), {
        HOME: c.home,
        OLLAMA_BENCH_LOCK_WAIT_MS: '500',
      });
      rmSync(join(c.store, '.lock'));
      rows.push({
        fault: 'store lock held by another process',
        outcome: outcomeOf(r, 'results journaled, stored on the next open'),
        finished: finishedIn(r.stderr),
        stored: await storedRepetitions(c.store),
      });
    }

    if (canMakeImmutable(root)) {
      const c = fresh();
      (await openStore(c.store)).close();
      // chattr +i: read-only even to root (who runs CI), as a read-only mount would be.
      execFileSync('chattr', ['-R', '+i', c.store]);
      const r = await runCli(runArgs(c.store, ['--repetitions', '3']), { HOME: c.home });
      execFileSync('chattr', ['-R', '-i', c.store]);
      rows.push({
        fault: 'store folder read-only',
        outcome: outcomeOf(r, 'results journaled, stored on the next open'),
        finished: finishedIn(r.stderr),
        stored: await storedRepetitions(c.store),
      });
    }

    {
      const c = fresh();
      const [a, b] = await Promise.all([
        runCli(runArgs(c.store, ['--repetitions', '3']), { HOME: c.home }),
        runCli(runArgs(c.store, ['--repetitions', '3']), { HOME: c.home }),
      ]);
      rows.push({
        fault: 'two writers on one store',
        outcome: `exit ${a.code} and ${b.code}`,
        finished: finishedIn(a.stderr) + finishedIn(b.stderr),
        stored: await storedRepetitions(c.store),
      });
    }

    {
      const c = fresh();
      const started = Date.now();
      const r = await runCli(runArgs('/proc/forbidden', ['--repetitions', '1']), { HOME: c.home });
      rows.push({
        fault: '--store under /proc',
        outcome: outcomeOf(r, `refused in ${Date.now() - started} ms`),
        finished: finishedIn(r.stderr),
        stored: 0,
      });
    }

    {
      // A plan's worker killed with SIGKILL mid-config: another worker takes the config over after
      // the stale timeout; the dead worker's session keeps what it had finished.
      const c = fresh();
      const env = { HOME: c.home };
      const created = await runCli(
        ['plan', 'create', '--name', 'drill', '--models', 'llama3.2:3b', '--suites', 'A']
          .concat(['--num-ctx', '2048', '--repetitions', '20', '--num-predict', '40'])
          .concat(['--store', c.store, '--json']),
        env,
      );
      const planId = (JSON.parse(created.stdout) as { plan_id: string }).plan_id;
      const workerArgs = ['worker', '--plan', 'drill', '--store', c.store, '--host', standIn.url];
      const doomed = spawn(process.execPath, [CLI, ...workerArgs, '--heartbeat', '200ms'], {
        env: { ...process.env, OLLAMA_HOST: '', OLLAMA_BENCH_STORE: '', ...env },
        stdio: 'ignore',
      });
      await untilKept(c.store, planId, 3);
      doomed.kill('SIGKILL');
      await new Promise((res) => doomed.once('exit', res));
      // What the dead worker had finished is what its session holds: it stores each repetition
      // before it goes on.
      const keptAtKill = await untilKept(c.store, planId, 0);
      const rescuer = await runCli(
        [...workerArgs, '--stale-after', '1s', '--idle-exit', '3s'],
        env,
      );
      const config = await onlyConfig(c.store, planId);
      rows.push({
        fault: 'plan worker killed mid-config',
        outcome: `exit ${rescuer.code}; another worker completed it (retry_count ${config.retry_count})`,
        finished: keptAtKill + (config.status === 'completed' ? 20 : 0),
        stored: await storedRepetitions(c.store),
      });
    }

    rows.push(
      ...(await hardeningFaults({
        fresh,
        runArgs,
        standInUrl: standIn.url,
        storedRepetitions: (spec) => storedRepetitions(spec),
        finishedIn,
      })),
    );

    if (jongodbAvailable()) {
      // jongodb keeps its data in memory, so it is killed before the test's result is written (once
      // the first repetition is stored, whatever the machine's speed) and restarted on the same
      // port while the test still runs: the session's updates during the outage wait in the
      // journal and are replayed once it answers again.
      const c = fresh();
      let mongo = await startJongodb();
      const port = mongo.port;
      const env = { HOME: c.home, OLLAMA_BENCH_MONGO_TIMEOUT_MS: '2000' };
      let restarted: typeof mongo | Promise<typeof mongo> = mongo;
      const r = await runCliUntil(
        runArgs(mongo.uri, ['--repetitions', '12', '--num-predict', '200']),
        env,
        / · repetition 1\/\d+:/,
        () => {
          const down = mongo;
          restarted = (async () => {
            await down.stop();
            await new Promise((res) => setTimeout(res, 1500));
            return startJongodb({ port });
          })();
        },
      );
      mongo = await restarted;
      rows.push({
        fault: 'MongoDB killed and restarted mid-run',
        outcome: outcomeOf(r, 'writes held in the journal, replayed'),
        finished: finishedIn(r.stderr),
        stored: await storedRepetitions(mongo.uri, env),
      });
      await mongo.stop();
    }
  } finally {
    await standIn.close();
    rmSync(root, { recursive: true, force: true });
  }
  print(rows);
}

/** Waits until the plan's running config has stored at least n repetitions; returns how many. */
async function untilKept(spec: string, planId: string, n: number): Promise<number> {
  for (let i = 0; i < 600; i++) {
    const store = await openStore(spec, { log: () => undefined });
    try {
      const [config] = await store.plans.configsOf(planId);
      const session = config?.session_id
        ? await store.sessions.getSession(config.session_id)
        : undefined;
      const kept = session?.models[0]?.tests[0]?.partial_repetitions?.length ?? 0;
      if (kept >= n) return kept;
    } finally {
      await store.close();
    }
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('the worker never got going');
}

async function onlyConfig(spec: string, planId: string) {
  const store = await openStore(spec, { log: () => undefined });
  try {
    return (await store.plans.configsOf(planId))[0]!;
  } finally {
    await store.close();
  }
}

/** The stand-in as its own process, so it can be killed like a real server. */
async function startStandInProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, '..', 'test', 'fixtures', 'ollamaStandIn.ts'),
      '--tps',
      '1000',
      '--load-ms',
      '20',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /OLLAMA_STANDIN_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the stand-in exited (${code})`)));
  });
  return { url, child };
}

function canMakeImmutable(dir: string): boolean {
  const probe = join(dir, 'immutable-probe');
  try {
    mkdirSync(probe);
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return true;
  } catch {
    console.error('skipped "store folder read-only": chattr +i is not available here');
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

function print(rows: Row[]): void {
  const table = rows.map((r) => {
    const lost =
      typeof r.finished === 'number' && typeof r.stored === 'number'
        ? Math.max(0, r.finished - r.stored)
        : '–';
    return [r.fault, r.outcome, String(r.finished), String(r.stored), String(lost)];
  });
  const head = ['fault', 'outcome', 'repetitions finished', 'repetitions stored', 'lost'];
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`);
  for (const row of table) console.log(`| ${row.join(' | ')} |`);
  const lost = table.reduce((a, r) => a + (r[4] === '–' ? 0 : Number(r[4])), 0);
  console.log(`repetitions lost over ${rows.length} faults: ${lost}`);
  if (lost) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
