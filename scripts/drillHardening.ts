// The drill's hostile-input and tampering faults: a worker killed between storing its completed
// session and marking its configuration completed, a gzip bomb, escape codes in a tag, a /proc
// archive folder, a collection log that is a directory, a checksum stripped from a record. Each
// row counts repetitions like the others (a fault that touches no run counts the store's own).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKER_FAULT_ENV } from '../src/cli/workerFaults';
import { openStore } from '../src/core/repositories/openStore';
import { CLI, runCli, runProcess } from '../test/fixtures/cliProcess';

export interface DrillRow {
  fault: string;
  outcome: string;
  finished: number | '–';
  stored: number | '–';
}

export interface DrillContext {
  fresh(): { home: string; store: string };
  runArgs(store: string, extra?: string[]): string[];
  standInUrl: string;
  storedRepetitions(spec: string): Promise<number>;
  finishedIn(stderr: string): number;
}

const REPETITIONS = 3;
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

async function storedRun(ctx: DrillContext, extra: string[] = []) {
  const c = ctx.fresh();
  const r = await runCli(ctx.runArgs(c.store, ['--repetitions', String(REPETITIONS), ...extra]), {
    HOME: c.home,
  });
  return { c, r, finished: ctx.finishedIn(r.stderr) };
}

async function workerKilledBetweenWrites(ctx: DrillContext): Promise<DrillRow> {
  const c = ctx.fresh();
  const env = { HOME: c.home };
  const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    runCli([...args, '--store', c.store], { ...env, ...extra });
  const contexts = ['2048', '4096', '8192'];
  await cli(
    ['plan', 'create', '--name', 'once', '--models', 'llama3.2:3b', '--suites', 'A']
      .concat(['--num-ctx', contexts.join(','), '--repetitions', String(REPETITIONS)])
      .concat(['--num-predict', '40', '--max-retries', '10']),
  );
  const worker = ['worker', '--host', ctx.standInUrl, '--no-hardware'];
  let kills = 0;
  for (const fault of ['kill-after-session-stored', 'kill-before-config-completed']) {
    const r = await cli(worker, { [WORKER_FAULT_ENV]: fault });
    if (r.code !== 0) kills++;
    await cli(['plan', 'reset-stale', '--older-than', '0ms']);
  }
  const last = await cli(worker);
  const store = await openStore(c.store, { log: () => undefined });
  let completedSessions = 0;
  let completedConfigs = 0;
  try {
    const [plan] = await store.plans.listPlans();
    const configs = await store.plans.configsOf(plan!._id);
    completedConfigs = configs.filter((x) => x.status === 'completed').length;
    const sessions = (await store.sessions.querySessions({ filter: {}, pageSize: 100 })).items;
    completedSessions = sessions.filter((s) => s.status === 'completed').length;
  } finally {
    await store.close();
  }
  return {
    fault: 'plan worker killed between "session stored" and "config completed"',
    outcome: `${kills} kills; last worker exit ${last.code}; ${completedConfigs}/${contexts.length} configs completed with ${completedSessions} completed sessions (exactly once)`,
    finished: completedConfigs * REPETITIONS,
    stored: await ctx.storedRepetitions(c.store),
  };
}

async function gzipBomb(ctx: DrillContext): Promise<DrillRow> {
  const c = ctx.fresh();
  const bomb = join(c.home, 'b.jsonl.gz');
  execFileSync('bash', ['-c', `head -c 2G /dev/zero | gzip -1 > '${bomb}'`]);
  const r = await runProcess(
    '/usr/bin/time',
    ['-f', 'maxrss_kb=%M', process.execPath, CLI, 'import', bomb, '--store', c.store],
    { HOME: c.home },
    120_000,
  );
  const rssMb = Math.round(Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024);
  const refusal = r.stderr.split('\n').filter((l) => l.startsWith('ollama-bench import:'));
  const limit =
    /import limit on ([a-z]+(?: [a-z]+)*)/.exec(refusal[0] ?? '')?.[1] ?? 'no limit named';
  return {
    fault: 'gzip bomb (2 GiB of zeros) imported',
    outcome: `exit ${r.code}; ${refusal.length} line: ${limit}; max RSS ${rssMb} MB; nothing written`,
    finished: 0,
    stored: await ctx.storedRepetitions(c.store),
  };
}

async function escapeCodesInTag(ctx: DrillContext): Promise<DrillRow> {
  const { c, r, finished } = await storedRun(ctx, ['--tag', '\x1b]0;PWNED\x07\x1b]52;c;aGk=\x07']);
  const history = await runCli(['history', '--store', c.store], { HOME: c.home });
  const raw = RAW_CONTROL.test(history.stdout + history.stderr);
  return {
    fault: 'escape codes in a tag (OSC title, OSC 52 clipboard)',
    outcome: `run exit ${r.code}; history ${raw ? 'PRINTS THEM RAW' : 'prints them as \\u001b… text'}`,
    finished,
    stored: await ctx.storedRepetitions(c.store),
  };
}

async function procArchive(ctx: DrillContext): Promise<DrillRow> {
  const { c, finished } = await storedRun(ctx);
  const started = Date.now();
  const r = await runCli(
    ['prune', '--session-days', '30', '--archive', '/proc/x'].concat(['--store', c.store]),
    {
      HOME: c.home,
    },
  );
  return {
    fault: 'prune --archive under /proc',
    outcome: `exit ${r.code}; refused in ${Date.now() - started} ms`,
    finished,
    stored: await ctx.storedRepetitions(c.store),
  };
}

async function logIsADirectory(ctx: DrillContext): Promise<DrillRow> {
  const c = ctx.fresh();
  mkdirSync(join(c.store, 'benchmark_plans.log'), { recursive: true });
  const r = await runCli(ctx.runArgs(c.store, ['--repetitions', String(REPETITIONS)]), {
    HOME: c.home,
  });
  const named = /benchmark_plans\.log: not a file/.test(r.stderr);
  const repair = await runCli(['store', 'check', '--repair', '--store', c.store], { HOME: c.home });
  const check = await runCli(['store', 'check', '--store', c.store], { HOME: c.home });
  return {
    fault: 'a collection log that is a directory',
    outcome: `run exit ${r.code}${named ? ', the log named' : ''}; check --repair exit ${repair.code} (moved aside); check exit ${check.code}`,
    finished: ctx.finishedIn(r.stderr),
    stored: await ctx.storedRepetitions(c.store),
  };
}

async function checksumDowngrade(ctx: DrillContext): Promise<DrillRow> {
  const { c, finished } = await storedRun(ctx);
  const log = join(c.store, 'models.log');
  const lines = readFileSync(log, 'utf8').split('\n');
  // The checksum removed, so an edited value would pass as a record from before checksums.
  lines[0] = lines[0]!
    .replace(/^\{"c":"[0-9a-f]{8}",/, '{')
    .replace('"llama3.2:3b"', '"llama3.2:3B"');
  writeFileSync(log, lines.join('\n'));
  const check = await runCli(['store', 'check', '--store', c.store], { HOME: c.home });
  const found = /checksum mismatch at line 1/.test(check.stdout + check.stderr);
  const repair = await runCli(['store', 'check', '--repair', '--store', c.store], { HOME: c.home });
  return {
    fault: 'checksum stripped from a record (a downgrade)',
    outcome: `store check exit ${check.code}${found ? ', damage found' : ', NOT FOUND'}; --repair exit ${repair.code}`,
    finished,
    stored: await ctx.storedRepetitions(c.store),
  };
}

/** Every hardening fault, in the order the table shows them. */
export async function hardeningFaults(ctx: DrillContext): Promise<DrillRow[]> {
  const rows: DrillRow[] = [];
  for (const fault of [
    workerKilledBetweenWrites,
    gzipBomb,
    escapeCodesInTag,
    procArchive,
    logIsADirectory,
    checksumDowngrade,
  ])
    rows.push(await fault(ctx));
  return rows;
}
