// `ollama-bench run`: a benchmark session headless, on the same runner as the extension. Progress
// goes to stderr (one line per repetition), the result table or the stored session document
// (`--json`) to stdout. Exit 0 when every test completed, 1 when one errored, 3 when results wait
// in a journal because the store refused them, and 130 / 143 / 129 after SIGINT / SIGTERM /
// SIGHUP (the session is saved as cancelled, finished repetitions kept). An Ollama that does not
// answer, or a model it does not have, is one line on stderr and exit 1 before any session is stored.
import type { Command } from 'commander';
import { preflight } from '../core/bench/preflight';
import {
  resultErrors,
  resultFlagReasons,
  resultNotes,
  resultTable,
} from '../core/bench/resultTable';
import { coldLoadText } from '../core/bench/progressText';
import { repetitionLine } from '../core/bench/repetitionLine';
import { runSession } from '../core/bench/runner';
import { resolveRunOptions } from '../core/bench/runOptions';
import { serverKvCacheType } from '../core/fit/kvCacheType';
import { fitMachine, fitPredictor } from '../core/fit/modelFits';
import { defaultSuiteNames, resolveSuites } from '../core/bench/suites';
import { capabilitiesReader } from '../core/ollama/modelCapabilities';
import { checkTags } from '../core/text/freeText';
import { recordSuiteUsage } from '../core/bench/suiteUsage';
import { InputError } from '../core/failures/inputError';
import { createHardwareMonitor } from '../core/hardware/systemHardwareMonitor';
import { embeddedStoreDir } from '../core/store/storeLocation';
import { JournalingRunStore, runJournalDirs } from '../core/store/runStore';
import type { SessionDoc } from '../shared/dto';
import type { BenchEvent } from '../shared/events';
import { cancelOnSignals, SIGNAL_EXIT_CODES, type CancelSignal } from './cancelOnSignals';
import { EXIT_CODES } from './exitCodes';
import {
  addHostOption,
  addIntervalOption,
  addJsonOption,
  addRepetitionsOption,
  addRunOptions,
  addStoreOption,
  collect,
  hostFrom,
  intervalFrom,
  list,
  repetitionsFrom,
  runOptionsFrom,
  withStore,
  type HostOptionValues,
  type IntervalOptionValues,
  type JsonOptionValues,
  type RepetitionsOptionValues,
  type RunOptionValues,
  type StoreOptionValues,
} from './options';

interface RunCommandValues
  extends
    StoreOptionValues,
    HostOptionValues,
    JsonOptionValues,
    IntervalOptionValues,
    RepetitionsOptionValues,
    RunOptionValues {
  models: string;
  suite?: string;
  tag?: string[];
  hardware: boolean;
}

/** One stderr line per step a user waits on. */
function progressLine(e: BenchEvent): string | undefined {
  switch (e.type) {
    case 'session-started':
      return `session ${e.session_id}: ${e.models.join(', ')} × ${e.suites.join(', ')}, ${e.repetitions} repetitions`;
    case 'model-loaded':
      return coldLoadText(e.model, e.load_time_ms, e.load_wall_ms);
    case 'repetition-done':
      return repetitionLine(e.model, e.test, e.figures, e.done, e.planned);
    case 'test-done':
      return e.status === 'completed'
        ? undefined
        : `${e.model} · ${e.test}: ${e.status}${e.error ? ` — ${e.error}` : ''}`;
    case 'log':
      // A test's error is printed with its test-done; the others (store, runner) here.
      return e.level === 'warn' || (e.level === 'error' && !e.model)
        ? `${e.level}: ${e.message}`
        : undefined;
    default:
      return undefined;
  }
}

export function registerRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description(
      'Benchmark models: cold load, warm-up, then each suite N times; results go to the store.',
    )
    .requiredOption('--models <names>', 'comma-separated model names, e.g. llama3.2:3b,qwen3:0.6b')
    .option(
      '--suite <names>',
      'comma-separated suites: A (generation), B (prompt), C (concurrency), E (embedding), V (vision), depth (context depth), prefix (shared prefix), rate (arrival rates) or a saved suite (default: A, or E when every model is embedding-only)',
    );
  addRepetitionsOption(command, 'measured repetitions per test (after one warm-up)');
  addHostOption(command);
  command.option('--tag <tag>', 'tag the session (repeatable)', collect);
  addJsonOption(command, 'print the stored session document instead of a table');
  addRunOptions(command);
  addIntervalOption(command);
  command.option('--no-hardware', 'no hardware inventory or sampling (e.g. inside a container)');
  addStoreOption(command).action(async (opts: RunCommandValues) => {
    const host = hostFrom(opts);
    const models = list(opts.models);
    if (!models.length) throw new InputError('--models needs at least one model name');
    const repetitions = repetitionsFrom(opts);
    checkTags(opts.tag ?? [], 'A --tag');
    const intervalMs = intervalFrom(opts);
    const options = resolveRunOptions(runOptionsFrom(opts));
    // Arguments first, then Ollama: a run that cannot reach it stores nothing.
    const ready = await preflight(host, models);
    if (!ready.ok) throw new Error(ready.message);

    await withStore(opts, async (store) => {
      const names =
        opts.suite !== undefined
          ? list(opts.suite)
          : defaultSuiteNames(await Promise.all(models.map(capabilitiesReader(host))));
      const suites = resolveSuites(names, await store.suites.list());
      const cancel = cancelOnSignals();
      // A write the store refuses goes to a journal instead: the run goes on, nothing is lost.
      const runStore = new JournalingRunStore(
        store.runWrites,
        runJournalDirs(embeddedStoreDir(opts.store)),
        (m) => process.stderr.write(`warning: ${m}\n`),
      );
      const monitor = opts.hardware ? createHardwareMonitor({ ollamaHost: host }) : undefined;
      try {
        const session = await runSession(
          {
            models,
            suites,
            repetitions,
            tags: opts.tag ?? [],
            options,
            samplingIntervalMs: intervalMs,
          },
          {
            store: runStore,
            host,
            // The single wiring point of the real hardware layer for the CLI.
            monitor,
            // The fit advisor's estimate, stored beside what /api/ps reports after the load.
            predictFit: monitor
              ? fitPredictor(
                  host,
                  () => fitMachine('auto', () => monitor.inventory()),
                  serverKvCacheType(),
                )
              : undefined,
            signal: cancel.signal,
            onEvent: (e) => {
              const line = progressLine(e);
              if (line) process.stderr.write(`${line}\n`);
            },
          },
        );
        // MongoDB may be back by now: try its journal once before saying results wait.
        const held =
          runStore.heldWrites() +
          (store.backend.pendingWrites() ? await store.backend.flushJournal() : 0);
        // Read back what was stored, unless some of it still waits in a journal.
        const shown =
          held || session._id === undefined
            ? session
            : ((await store.sessions.getSession(session._id)) ?? session);
        await recordSuiteUsage(store, shown).catch((err: unknown) =>
          process.stderr.write(
            `warning: the saved suites' usage was not counted: ${err instanceof Error ? err.message : String(err)}\n`,
          ),
        );
        if (opts.json) process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
        else {
          process.stdout.write(`${resultTable(shown)}\n`);
          for (const line of resultNotes(shown)) process.stdout.write(`${line}\n`);
          for (const line of resultFlagReasons(shown)) process.stdout.write(`flag: ${line}\n`);
          for (const line of resultErrors(shown)) process.stdout.write(`error: ${line}\n`);
          process.stdout.write(
            held
              ? `session ${shown._id} ${shown.status}; not yet stored in ${store.description}\n`
              : `session ${shown._id} ${shown.status}; stored in ${store.description}\n`,
          );
        }
        if (held) {
          const where = runStore.journalPath() ?? 'the MongoDB journal';
          process.stderr.write(
            `${held} write(s) of this run wait in ${where}; they are stored the next time this store is opened (any ollama-bench command or VS Code window).\n`,
          );
        }
        process.exitCode = runExitCode(shown.status, cancel.signalName(), held > 0);
      } finally {
        cancel.dispose();
      }
    });
  });
}

/** 0 completed, 1 a test errored, 3 results journaled (not yet stored), 128 + n after signal n. */
export function runExitCode(
  status: SessionDoc['status'],
  signal: CancelSignal | undefined,
  journaled: boolean,
): number {
  if (signal) return SIGNAL_EXIT_CODES[signal];
  if (journaled) return EXIT_CODES.journaled;
  if (status === 'completed') return EXIT_CODES.ok;
  return status === 'cancelled' ? SIGNAL_EXIT_CODES.SIGINT : EXIT_CODES.failed;
}
