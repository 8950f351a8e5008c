// "Run Ollama benchmark" and "New Test Suite…": pickers, a cancellable progress notification, a
// status bar item while a session runs, the summary at the end. The session itself is the core
// runner's; this file only translates VS Code into its calls and its events into VS Code. Before a
// session exists, the core preflight checks that Ollama answers and has the picked models: when it
// does not, one notification says why, with Retry / Set Ollama Host / Refresh Models, and nothing
// is stored.
import { typedTagsProblem } from '../../core/text/freeText';
import * as vscode from 'vscode';
import { preflight } from '../../core/bench/preflight';
import {
  modelNameOf,
  ProgressTracker,
  repetitionsPerModel,
  sessionSummary,
} from '../../core/bench/progressText';
import { resultTable } from '../../core/bench/resultTable';
import { resolveRunOptions, type StreamTimeouts } from '../../core/bench/runOptions';
import { recordSuiteUsage } from '../../core/bench/suiteUsage';
import { BUILTIN_SUITES, defaultSuiteNames } from '../../core/bench/suites';
import { suiteFitsModels } from '../../core/bench/capabilityCheck';
import { pullCommand } from '../../core/ollama/commandHints';
import { discoverModels } from '../../core/ollama/discovery';
import { describeModel } from '../../core/ollama/modelPresentation';
import { isHostSettingError } from '../../core/ollama/ollamaHost';
import type { OpenedStore } from '../../core/repositories/openedStore';
import type { ModelInfo, SessionDoc, SuiteDefinition } from '../../shared/dto';
import type { BenchEvent } from '../../shared/events';
import { CommandIds, ContextKeys } from '../commandIds';
import type { HostServices } from '../container';
import { loadBenchBundle, loadStoreBundle } from '../lazyBundles';
import { registerCommands } from '../registerCommands';
import type { SettingsReader } from '../settings';
import { newTestSuite } from './newTestSuite';
import { suiteLibrary } from './suiteLibrary';
import { pickWorkloadOptions } from './workloadPicks';
import {
  resolveWorkloadOptions,
  type WorkloadOptionsInput,
} from '../../core/workloads/workloadOptions';
import { FitService } from '../fit/fitService';
import { confirmFit } from './spillCheck';

interface BenchSettings {
  repetitions: number;
  numCtx: number;
  seed: number;
  keepAlive: string;
  samplingIntervalMs: number;
  timeouts: StreamTimeouts;
  /** 0: off (fixed repetitions). */
  targetCiPercent: number;
}

/** The ollamaBench.benchmark.* settings (a malformed one is its default, reported once). */
function benchSettings(settings: SettingsReader): BenchSettings {
  return {
    repetitions: settings.get('benchmark.repetitions'),
    numCtx: settings.get('benchmark.numCtx'),
    seed: settings.get('benchmark.seed'),
    keepAlive: settings.get('benchmark.keepAlive'),
    // Owned by the hardware settings; read here so the session records the interval it ran with.
    samplingIntervalMs: settings.get('sampling.intervalMs'),
    timeouts: {
      firstChunkMs: settings.get('benchmark.firstTokenTimeoutSeconds') * 1000,
      stallMs: settings.get('benchmark.stallTimeoutSeconds') * 1000,
    },
    targetCiPercent: settings.get('benchmark.targetCiPercent'),
  };
}

/** Search Test Suites… runs a suite with `{ suite: name }`: that suite comes preselected. */
function suiteNameOf(arg: unknown): string | undefined {
  const suite = (arg as { suite?: unknown } | null)?.suite;
  return typeof suite === 'string' ? suite : undefined;
}

/** The host setting, or undefined once an error has said what is wrong with it. */
function settingHost(settings: SettingsReader): string | undefined {
  try {
    return settings.ollamaHost();
  } catch (err) {
    if (!isHostSettingError(err)) throw err;
    void vscode.window.showErrorMessage(err.message);
    return undefined;
  }
}

export class BenchController implements vscode.Disposable {
  private readonly events = new vscode.EventEmitter<BenchEvent>();
  /** Every event of the session in progress (the live panel subscribes). */
  readonly onEvent = this.events.event;
  private readonly statusItem: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private running: { abort: AbortController; done: Promise<void> } | undefined;
  private readonly fitService: FitService;

  constructor(private readonly services: HostServices) {
    this.fitService = new FitService(services.log, services.settings);
    this.statusItem = vscode.window.createStatusBarItem(
      'ollamaBench.benchmark',
      vscode.StatusBarAlignment.Left,
      50,
    );
    this.statusItem.name = 'Ollama Bench: benchmark';
    this.statusItem.command = CommandIds.cancelBenchmark;
    const library = suiteLibrary({
      getStore: () => this.services.store.getStore(),
      log: this.services.log,
      editFolder: vscode.Uri.joinPath(services.context.globalStorageUri, 'suites'),
    });
    this.disposables.push(
      this.events,
      this.statusItem,
      ...registerCommands('bench', {
        runBenchmark: (arg?: unknown) => this.runBenchmark(arg),
        newTestSuite: () => newTestSuite(() => this.services.store.getStore(), this.services.log),
        cancelBenchmark: () => this.cancel(),
        ...library.handlers,
      }),
      ...library.listeners,
    );
  }

  /** Benchmark plans: a plan worker in this window sends its runs' events through this stream. */
  publish(event: BenchEvent): void {
    this.events.fire(event);
  }
  /** Benchmark plans: what a plan worker in this window runs now (a manual run would disturb it). */
  planWorker: string | undefined;

  /** True while a session runs (one at a time: two would measure each other). */
  get isRunning(): boolean {
    return this.running !== undefined;
  }

  private async cancel(): Promise<void> {
    if (!this.running) return;
    const stop = 'Cancel Benchmark';
    const choice = await vscode.window.showWarningMessage(
      'Cancel the running benchmark? Finished repetitions are kept.',
      stop,
    );
    if (choice === stop) this.running?.abort.abort();
  }

  async runBenchmark(arg?: unknown): Promise<void> {
    if (this.planWorker) {
      void vscode.window.showInformationMessage(
        `This window runs plan ${this.planWorker}; a benchmark now would measure against it. Stop the plan first (Ollama Bench: Stop Worker).`,
      );
      return;
    }
    if (this.running) {
      const choice = await vscode.window.showInformationMessage(
        'A benchmark is already running; two at once would measure each other.',
        'Cancel It',
      );
      if (choice === 'Cancel It') this.running?.abort.abort();
      return;
    }
    const host = settingHost(this.services.settings);
    if (!host) return;
    const plan = await this.pick(host, modelNameOf(arg), suiteNameOf(arg));
    if (!plan) return;
    const readyHost = await this.ready(plan.models);
    if (!readyHost) return;
    // A model that would spill onto the CPU at this num_ctx: ask before loading it.
    const numCtx = await confirmFit(
      this.fitService,
      readyHost,
      plan.sizes,
      benchSettings(this.services.settings).numCtx,
      this.services.log,
    );
    if (numCtx === undefined) return;
    const abort = new AbortController();
    const done = this.run(readyHost, { ...plan, numCtx }, abort).finally(() => {
      this.running = undefined;
      this.statusItem.hide();
      void vscode.commands.executeCommand('setContext', ContextKeys.benchmarkRunning, false);
    });
    this.running = { abort, done };
    void vscode.commands.executeCommand('setContext', ContextKeys.benchmarkRunning, true);
    await done;
  }

  private async pick(
    host: string,
    preselected: string | undefined,
    preselectedSuite?: string,
  ): Promise<
    | {
        models: string[];
        suites: SuiteDefinition[];
        workload: WorkloadOptionsInput;
        repetitions: number;
        tags: string[];
        store: OpenedStore;
        sizes: { name: string; size: number }[];
      }
    | undefined
  > {
    let models: ModelInfo[];
    let store: OpenedStore;
    try {
      [models, store] = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Ollama Bench: looking for models…' },
        () =>
          Promise.all([
            discoverModels(host, {
              timeoutMs: 5000,
              onWarning: (m) => this.services.log.warn(m),
            }),
            this.services.store.getStore(),
          ]),
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.services.log.error(`Run benchmark: ${message}`);
      void this.offerFixes(message).then((choice) => {
        if (choice === 'retry')
          void vscode.commands.executeCommand(CommandIds.runBenchmark, preselected);
      });
      return undefined;
    }
    if (!models.length) {
      void vscode.window.showWarningMessage(
        `Ollama at ${host} has no models to benchmark. Pull one first, e.g. \`${pullCommand('llama3.2')}\`.`,
      );
      return undefined;
    }
    if (preselected && !models.some((m) => m.name === preselected)) {
      void vscode.window.showWarningMessage(
        `${preselected} is not among Ollama's models at ${host}.`,
      );
    }
    const modelPicks = await vscode.window.showQuickPick(
      models.map((m) => ({
        label: m.name,
        description: describeModel(m),
        detail: m.loaded ? 'loaded now' : undefined,
        picked: m.name === preselected,
      })),
      {
        canPickMany: true,
        title: 'Run Ollama benchmark (1/4): models',
        placeHolder: 'Models to benchmark, one after another',
        ignoreFocusOut: true,
      },
    );
    if (!modelPicks?.length) return undefined;
    const pickedCapabilities = modelPicks.map(
      (p) => models.find((m) => m.name === p.label)?.capabilities,
    );
    // Without a suite asked for: E when every chosen model is embedding-only, else A.
    const [defaultSuite] = defaultSuiteNames(pickedCapabilities);
    const suiteToPick = preselectedSuite ?? defaultSuite;

    let custom: SuiteDefinition[] = [];
    try {
      custom = await store.suites.list();
    } catch (err) {
      this.services.log.warn(
        `Saved test suites unavailable: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    // Only the suites every chosen model can run: no vision suite for a model that reads no
    // images, no completion suite for an embedding model.
    const offered = [...BUILTIN_SUITES, ...custom].filter((s) =>
      suiteFitsModels(s, pickedCapabilities),
    );
    if (!offered.length) {
      void vscode.window.showWarningMessage(
        'No test suite runs on all the chosen models (an embedding model only embeds, the others generate): benchmark them in separate runs.',
      );
      return undefined;
    }
    const suitePicks = await vscode.window.showQuickPick(
      offered.map((s) => ({
        label: s.builtin ? `${s.name} · ${s.kind}` : s.name,
        description: s.builtin ? undefined : `custom · ${s.kind}`,
        detail: s.description,
        picked: s.name === suiteToPick,
        suite: s,
      })),
      {
        canPickMany: true,
        title: 'Run Ollama benchmark (2/4): test suites',
        placeHolder: 'Suites to run on each model (New Test Suite… adds your own)',
        ignoreFocusOut: true,
      },
    );
    if (!suitePicks?.length) return undefined;
    const workload = await pickWorkloadOptions(suitePicks.map((p) => p.suite));
    if (!workload) return undefined;

    const settings = benchSettings(this.services.settings);
    const reps = await vscode.window.showInputBox({
      title: 'Run Ollama benchmark (3/4): repetitions',
      prompt: 'Measured repetitions per test (after one warm-up that is not counted)',
      value: String(settings.repetitions),
      ignoreFocusOut: true,
      validateInput: (v) =>
        /^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 100
          ? undefined
          : 'A whole number from 1 to 100',
    });
    if (reps === undefined) return undefined;
    const tags = await vscode.window.showInputBox({
      title: 'Run Ollama benchmark (4/4): tags (optional)',
      prompt: 'Comma-separated tags to find this session by later, e.g. "new-driver, laptop"',
      ignoreFocusOut: true,
      validateInput: typedTagsProblem,
    });
    if (tags === undefined) return undefined;
    return {
      models: modelPicks.map((p) => p.label),
      suites: suitePicks.map((p) => p.suite),
      workload,
      repetitions: Number(reps.trim()),
      tags: tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      store,
      sizes: models.filter((m) => modelPicks.some((p) => p.label === m.name)),
    };
  }

  /**
   * The preflight, again on Retry (with the host as set then); the host the session may use, or
   * undefined once the user has been told why not.
   */
  private async ready(models: string[]): Promise<string | undefined> {
    for (;;) {
      const host = settingHost(this.services.settings);
      if (!host) return undefined;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Ollama Bench: checking Ollama…' },
        () => preflight(host, models),
      );
      if (result.ok) return host;
      this.services.log.error(`Run benchmark: ${result.message}`);
      if ((await this.offerFixes(result.message)) !== 'retry') return undefined;
    }
  }

  /** One error notification for a benchmark that cannot start, with what can fix it. */
  private async offerFixes(message: string): Promise<'retry' | undefined> {
    const retry = 'Retry';
    const setHost = 'Set Ollama Host';
    const refresh = 'Refresh Models';
    const choice = await vscode.window.showErrorMessage(
      `Cannot start the benchmark: ${message}`,
      retry,
      setHost,
      refresh,
    );
    if (choice === retry) return 'retry';
    if (choice === setHost) await vscode.commands.executeCommand(CommandIds.setOllamaHost);
    if (choice === refresh) await vscode.commands.executeCommand(CommandIds.refreshModels);
    return undefined;
  }

  private async run(
    host: string,
    plan: {
      models: string[];
      suites: SuiteDefinition[];
      workload?: WorkloadOptionsInput;
      repetitions: number;
      tags: string[];
      store: OpenedStore;
      numCtx: number;
    },
    abort: AbortController,
  ): Promise<void> {
    const log = this.services.log;
    const { runSession, createHardwareMonitor } = loadBenchBundle();
    const { JournalingRunStore } = loadStoreBundle();
    const settings = benchSettings(this.services.settings);
    const tracker = new ProgressTracker();
    // A write the store refuses goes to a journal instead; the store replays it when it opens.
    const runStore = new JournalingRunStore(
      plan.store.runWrites,
      this.services.store.runJournalDirs(),
      (m) => log.warn(m),
    );
    const total =
      plan.models.length *
      repetitionsPerModel(plan.suites, plan.repetitions, resolveWorkloadOptions(plan.workload));
    this.statusItem.text = '$(sync~spin) Ollama Bench: starting…';
    this.statusItem.tooltip = 'A benchmark is running. Click to cancel it.';
    this.statusItem.show();

    const session = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Ollama benchmark',
        cancellable: true,
      },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        const onEvent = (e: BenchEvent) => {
          const before = tracker.finished;
          const message = tracker.update(e);
          if (message) {
            progress.report({
              message,
              increment: tracker.finished > before && total ? 100 / total : undefined,
            });
            this.statusItem.text = `$(sync~spin) ${message}`;
          }
          if (e.type === 'log') log[e.level](e.message);
          this.events.fire(e);
        };
        try {
          return await runSession(
            {
              models: plan.models,
              suites: plan.suites,
              repetitions: plan.repetitions,
              tags: plan.tags,
              options: resolveRunOptions({
                num_ctx: plan.numCtx,
                workload: plan.workload,
                seed: settings.seed,
                keep_alive: settings.keepAlive,
                timeouts: settings.timeouts,
                ...(settings.targetCiPercent > 0
                  ? { target_ci_percent: settings.targetCiPercent }
                  : {}),
              }),
              samplingIntervalMs: settings.samplingIntervalMs,
            },
            {
              store: runStore,
              host,
              // The single wiring point of the real hardware layer for the extension.
              monitor: createHardwareMonitor({
                ollamaHost: host,
                log: (level, message) => log[level](`Hardware: ${message}`),
              }),
              signal: abort.signal,
              onEvent,
              predictFit: this.fitService.predictor(host),
            },
          );
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          log.error(`Benchmark failed to start: ${message}`);
          void vscode.window.showErrorMessage(`The benchmark could not run: ${message}`);
          return undefined;
        }
      },
    );
    if (!session) return;
    log.info(`Session ${session._id} ${session.status}:\n${resultTable(session)}`);
    if (runStore.heldWrites()) {
      void vscode.window.showWarningMessage(
        `The store refused this run's results, so they wait in ${runStore.journalPath()}: nothing is lost, and they are stored the next time the store opens (reload the window, or run any ollama-bench command).`,
      );
    }
    await recordSuiteUsage(plan.store, session).catch((err: unknown) =>
      log.warn(
        `The saved suites' usage was not counted: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
    // Not awaited: the run is over once stored, and a notification nobody answers must not keep
    // "a benchmark is running" (status bar, the next run refused) alive.
    void this.summarize(session);
  }

  private async summarize(session: SessionDoc): Promise<void> {
    const summary = sessionSummary(session);
    const open = 'Open Results';
    const show =
      session.status === 'completed'
        ? vscode.window.showInformationMessage
        : session.status === 'cancelled'
          ? vscode.window.showWarningMessage
          : vscode.window.showErrorMessage;
    const choice = await show(summary, open);
    if (choice !== open) return;
    await vscode.commands.executeCommand(CommandIds.openDashboard, session._id);
  }

  async disposeAsync(): Promise<void> {
    // Deactivation: stop the session so its stream, sampler worker and store writes end cleanly.
    this.running?.abort.abort();
    await this.running?.done.catch(() => undefined);
  }

  dispose(): void {
    this.running?.abort.abort();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
