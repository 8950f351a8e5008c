// `ollama-bench worker`: this process takes configs off the store's plan queue and runs them until
// none is left (exit 0) or --max are done. SIGINT / SIGTERM: the running config goes back to
// pending, its partial session is stored as cancelled, exit 130. One line per config on stderr;
// `--json` prints one JSON line per finished config on stdout.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { createHardwareMonitor } from '../core/hardware/systemHardwareMonitor';
import { parseDurationMs } from '../core/plans/duration';
import { DEFAULT_HEARTBEAT_MS, DEFAULT_STALE_AFTER_MS } from '../core/plans/planRepository';
import { runWorker, type WorkerEvent } from '../core/plans/worker';
import { JournalingRunStore, runJournalDirs } from '../core/store/runStore';
import { embeddedStoreDir } from '../core/store/storeLocation';
import type { ClaimedBy } from '../shared/plans';
import { cancelOnSignals, SIGNAL_EXIT_CODES } from './cancelOnSignals';
import { withWorkerFault } from './workerFaults';
import { EXIT_CODES } from './exitCodes';
import {
  addHostOption,
  addJsonOption,
  addStoreOption,
  addStreamTimeoutOptions,
  hostFrom,
  optionalWholeNumber,
  streamTimeoutsFrom,
  withStore,
  type HostOptionValues,
  type JsonOptionValues,
  type StoreOptionValues,
  type StreamTimeoutOptionValues,
} from './options';

interface WorkerValues
  extends StoreOptionValues, HostOptionValues, JsonOptionValues, StreamTimeoutOptionValues {
  plan?: string;
  max?: string;
  idleExit?: string;
  hardware: boolean;
  heartbeat: string;
  staleAfter: string;
}

const label = (e: {
  config: { model: string; suite: string; options: { num_ctx: number; concurrency?: number } };
}) =>
  `${e.config.model} · ${e.config.suite} · ctx ${e.config.options.num_ctx}${e.config.options.concurrency ? ` · ×${e.config.options.concurrency}` : ''}`;

/** One stderr line per finished config (and per thing that changes the queue), none per claim. */
function eventLine(e: WorkerEvent): string | undefined {
  switch (e.type) {
    case 'finished':
      return `config ${e.config._id}: ${label(e)} ${e.status}${e.error ? ` — ${e.error}` : ''}${e.session_id ? ` (session ${e.session_id})` : ''}`;
    case 'put-back':
      return `config ${e.config._id}: ${label(e)} put back — ${e.reason}`;
    case 'claim-lost':
      return `config ${e.config._id}: ${label(e)} was taken back as stale by another worker; this run stops`;
    case 'ollama-unreachable':
      return `Ollama at ${e.host} does not answer; trying again in ${Math.round(e.retry_in_ms / 1000)} s (configs stay pending)`;
    case 'stale-reset':
      return `${e.report.reset} stale configuration(s) back to pending, ${e.report.failed} failed (their workers stopped sending heartbeats)`;
    default:
      return undefined;
  }
}

export function registerWorkerCommand(program: Command): void {
  const command = program
    .command('worker')
    .description(
      "Run configs of benchmark plans from the store's queue until none is left; start one per machine that shares the store.",
    )
    .option('--plan <name>', "only this plan's configs");
  addHostOption(command)
    .option('--max <n>', 'stop after this many configs')
    .option(
      '--idle-exit <seconds>',
      'when none is pending, wait this long for new configs before exiting',
    );
  addJsonOption(command, 'one JSON line per finished config: {"config_id","status","session_id"}')
    .option('--no-hardware', 'no hardware inventory or sampling (e.g. inside a container)')
    .option(
      '--heartbeat <duration>',
      'how often a running config reports alive',
      `${DEFAULT_HEARTBEAT_MS / 1000}s`,
    )
    .option(
      '--stale-after <duration>',
      'a running config whose heartbeat is older than this lost its worker',
      `${DEFAULT_STALE_AFTER_MS / 1000}s`,
    );
  addStreamTimeoutOptions(command);
  addStoreOption(command).action(async (opts: WorkerValues) => {
    const host = hostFrom(opts);
    const max = optionalWholeNumber(opts.max, '--max', 1);
    // A config's own num_ctx, num_predict, seed, keep_alive and workload options win (configSession.ts).
    const runOptions = { timeouts: streamTimeoutsFrom(opts) };
    const idleExitMs =
      opts.idleExit === undefined ? undefined : parseDurationMs(opts.idleExit, '--idle-exit');
    const heartbeatMs = parseDurationMs(opts.heartbeat, '--heartbeat');
    const staleAfterMs = parseDurationMs(opts.staleAfter, '--stale-after');
    const monitor = opts.hardware ? createHardwareMonitor({ ollamaHost: host }) : undefined;
    const fingerprint = await monitor?.inventory().then(
      (i) => i.fingerprint,
      () => undefined,
    );
    const worker: ClaimedBy = {
      hostname: hostname(),
      pid: process.pid,
      worker_id: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      ...(fingerprint ? { fingerprint } : {}),
    };
    await withStore(opts, async (store) => {
      const plans = store.plans;
      const planId = opts.plan ? (await plans.requirePlan(opts.plan))._id : undefined;
      const cancel = cancelOnSignals((t) =>
        process.stderr.write(
          t.replace(
            'finished repetitions are kept and the session is saved as cancelled',
            'the running config goes back to pending, its session is saved as cancelled',
          ),
        ),
      );
      const { runStore } = withWorkerFault(
        new JournalingRunStore(store.runWrites, runJournalDirs(embeddedStoreDir(opts.store)), (m) =>
          process.stderr.write(`warning: ${m}\n`),
        ),
        plans,
      );
      try {
        const summary = await runWorker({
          plans,
          runStore,
          evaluations: store.evaluations,
          listSuites: () => store.suites.list(),
          host,
          worker,
          planId,
          max,
          idleExitMs,
          heartbeatMs,
          staleAfterMs,
          signal: cancel.signal,
          runner: { monitor },
          runOptions,
          onEvent: (e) => {
            const line = eventLine(e);
            if (line) process.stderr.write(`${line}\n`);
            if (opts.json && e.type === 'finished')
              process.stdout.write(
                `${JSON.stringify({ config_id: e.config._id, status: e.status, session_id: e.session_id ?? null })}\n`,
              );
          },
        });
        process.stderr.write(
          `worker ${worker.worker_id}: ${summary.completed} completed, ${summary.failed} failed${summary.stopped ? ', stopped' : ''}\n`,
        );
        process.exitCode = summary.stopped
          ? SIGNAL_EXIT_CODES[cancel.signalName() ?? 'SIGINT']
          : EXIT_CODES.ok;
      } finally {
        cancel.dispose();
      }
    });
  });
}
