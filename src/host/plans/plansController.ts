// Benchmark plans in the window: the Plans view (polled, so other machines' progress shows), its
// commands, and "Run Plan on This Machine", which makes this window a worker with the same
// progress notification, status bar item and live panel as a normal run. Cancelling puts the
// running config back in the queue. The queue and the worker loop are the core's (src/core/plans).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import * as vscode from 'vscode';
import { isHostSettingError } from '../../core/ollama/ollamaHost';
import type { WorkerEvent } from '../../core/plans/worker';
import { planProgressText, type PlanStatus } from '../../shared/plans';
import { CommandIds, ContextKeys, ViewIds } from '../commandIds';
import type { HostServices } from '../container';
import { loadBenchBundle, loadStoreBundle } from '../lazyBundles';
import { registerCommands } from '../registerCommands';
import { DashboardPanel } from '../panels/dashboardPanel';
import { newBenchmarkPlan } from './newPlan';
import { configLabel, PlansTreeProvider, type PlanTreeNode } from './plansTreeProvider';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class PlansController implements vscode.Disposable {
  private readonly tree: PlansTreeProvider;
  private readonly view: vscode.TreeView<PlanTreeNode>;
  private readonly statusItem: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private poll: NodeJS.Timeout | undefined;
  /** The change stream; null once tried without one (poll), undefined before trying. */
  private follow: { close(): void } | null | undefined;
  private worker: { plan: string; abort: AbortController; done: Promise<void> } | undefined;

  constructor(private readonly services: HostServices) {
    this.tree = new PlansTreeProvider(
      () => services.store.getStore(),
      (problem) => {
        this.view.message = problem;
      },
    );
    this.view = vscode.window.createTreeView(ViewIds.plans, { treeDataProvider: this.tree });
    this.statusItem = vscode.window.createStatusBarItem(
      'ollamaBench.planWorker',
      vscode.StatusBarAlignment.Left,
      49,
    );
    this.statusItem.name = 'Ollama Bench: plan worker';
    this.statusItem.command = CommandIds.stopWorker;
    // Every handler's failure becomes an error notification (and a log line), not a silent reject.
    const guarded =
      (name: string, fn: (arg?: unknown) => unknown) =>
      async (arg?: unknown): Promise<void> => {
        try {
          await fn(arg);
        } catch (err) {
          services.log.error(`${name}: ${messageOf(err)}`);
          void vscode.window.showErrorMessage(messageOf(err));
        }
      };
    this.disposables.push(
      this.tree,
      this.view,
      this.statusItem,
      ...registerCommands('plans', {
        newPlan: guarded('New Benchmark Plan', () => this.newPlan()),
        runPlan: guarded('Run Plan on This Machine', (arg) => this.runPlan(arg)),
        stopWorker: guarded('Stop Worker', () => this.stopWorker()),
        retryFailed: guarded('Retry Failed', (arg) => this.retryFailed(arg)),
        resetStale: guarded('Reset Stale', () => this.resetStale()),
        cancelPlan: guarded('Cancel Plan', (arg) => this.cancelPlan(arg)),
        refreshPlans: () => this.tree.refresh(),
        showPlanMatrix: guarded('Show Plan Matrix', (arg) => this.showMatrix(arg)),
      }),
      this.view.onDidChangeVisibility(() => this.schedulePoll()),
      services.store.onDidChangeStore(() => {
        this.stopFollowing();
        this.schedulePoll();
        this.tree.refresh();
      }),
      services.store.onDidChangeContents(() => this.tree.refresh()),
    );
    this.schedulePoll();
  }

  /**
   * While the view is visible it follows the queue: through a MongoDB change stream where the
   * server has one, else by reading it every few seconds (other machines write it too).
   */
  private schedulePoll(): void {
    clearInterval(this.poll);
    this.poll = undefined;
    if (!this.view.visible) return;
    if (this.follow === undefined) void this.startFollowing();
    if (this.follow) return;
    const ms = this.services.settings.get('plans.pollSeconds') * 1000;
    this.poll = setInterval(() => this.tree.refresh(), ms);
  }

  private async startFollowing(): Promise<void> {
    this.follow = null; // tried: poll unless a stream opens
    let store: Awaited<ReturnType<HostServices['store']['getStore']>>;
    try {
      store = await this.services.store.getStore();
    } catch {
      return; // the view shows why; polling goes on
    }
    // Heartbeats change the queue every few seconds per running config: one refresh per burst.
    let timer: NodeJS.Timeout | undefined;
    const handle = store.plans.follow(
      () => {
        clearTimeout(timer);
        timer = setTimeout(() => this.tree.refresh(), 500);
      },
      (reason) => {
        this.services.log.info(
          `Plans view: this server offers no change stream (${reason}); reading the queue every ${this.services.settings.get('plans.pollSeconds')} s instead.`,
        );
        this.follow = null;
        this.schedulePoll();
      },
    );
    if (!handle) return;
    this.follow = handle;
    this.schedulePoll();
  }

  private stopFollowing(): void {
    this.follow?.close();
    this.follow = undefined; // a new store: try again
  }

  private async newPlan(): Promise<void> {
    const host = this.host();
    if (!host) return;
    const created = await newBenchmarkPlan(
      host,
      () => this.services.store.getStore(),
      this.services.log,
    );
    if (!created) return;
    this.tree.refresh();
    const run = 'Run Plan on This Machine';
    const choice = await vscode.window.showInformationMessage(
      `Plan ${created.name}: ${created.added} configuration(s) added, ${created.existing} already planned (${created.total} in all).`,
      run,
    );
    if (choice === run) await this.runPlan(created.name);
  }

  private host(): string | undefined {
    try {
      return this.services.settings.ollamaHost();
    } catch (err) {
      if (!isHostSettingError(err)) throw err;
      void vscode.window.showErrorMessage(err.message);
      return undefined;
    }
  }

  /** The plan a command is about: the clicked node, a name, or a pick among the plans. */
  private async planOf(arg: unknown, action: string): Promise<PlanStatus | undefined> {
    const plans = await (await this.services.store.getStore()).plans.status();
    if (typeof arg === 'string') return plans.find((p) => p.name === arg);
    const node = arg as PlanTreeNode | undefined;
    if (node?.kind === 'plan') return plans.find((p) => p.plan_id === node.status.plan_id);
    if (!plans.length) {
      void vscode.window.showInformationMessage(
        'There are no plans yet: create one with "Ollama Bench: New Benchmark Plan…".',
      );
      return undefined;
    }
    if (plans.length === 1) return plans[0];
    const pick = await vscode.window.showQuickPick(
      plans.map((p) => ({ label: p.name, description: planProgressText(p), plan: p })),
      { title: action, placeHolder: 'Which plan?' },
    );
    return pick?.plan;
  }

  private async runPlan(arg: unknown): Promise<void> {
    if (this.worker) {
      void vscode.window.showInformationMessage(
        `This window already runs plan ${this.worker.plan}; stop it first (Ollama Bench: Stop Worker).`,
      );
      return;
    }
    if (this.services.bench.isRunning) {
      void vscode.window.showWarningMessage(
        'A benchmark is running in this window; two at once would measure each other.',
      );
      return;
    }
    const host = this.host();
    if (!host) return;
    const plan = await this.planOf(arg, 'Run Plan on This Machine');
    if (!plan) return;
    const abort = new AbortController();
    this.services.bench.planWorker = plan.name;
    const done = this.work(plan, host, abort).finally(() => {
      this.worker = undefined;
      this.services.bench.planWorker = undefined;
      this.statusItem.hide();
      void vscode.commands.executeCommand('setContext', ContextKeys.planWorkerRunning, false);
      this.tree.refresh();
    });
    this.worker = { plan: plan.name, abort, done };
    void vscode.commands.executeCommand('setContext', ContextKeys.planWorkerRunning, true);
    await done;
  }

  private async work(plan: PlanStatus, host: string, abort: AbortController): Promise<void> {
    const log = this.services.log;
    const { runWorker, createHardwareMonitor } = loadBenchBundle();
    const { JournalingRunStore } = loadStoreBundle();
    const store = await this.services.store.getStore();
    const monitor = createHardwareMonitor({
      ollamaHost: host,
      log: (level, message) => log[level](`Hardware: ${message}`),
    });
    const fingerprint = await monitor.inventory().then(
      (i) => i.fingerprint,
      () => undefined,
    );
    const worker = {
      hostname: hostname(),
      pid: process.pid,
      worker_id: `${hostname()}:${process.pid}:vscode-${randomUUID().slice(0, 8)}`,
      ...(fingerprint ? { fingerprint } : {}),
    };
    const runStore = new JournalingRunStore(
      store.runWrites,
      this.services.store.runJournalDirs(),
      (m) => log.warn(m),
    );
    this.statusItem.text = `$(sync~spin) Plan ${plan.name}: starting…`;
    this.statusItem.tooltip = 'This window runs a benchmark plan. Click to stop it.';
    this.statusItem.show();
    const summary = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Plan ${plan.name}`,
        cancellable: true,
      },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        const onEvent = (e: WorkerEvent) => {
          const line = this.describe(e);
          if (!line) return;
          log.info(`Plan ${plan.name}: ${line}`);
          progress.report({ message: line });
          this.statusItem.text = `$(sync~spin) Plan ${plan.name}: ${line}`;
          this.tree.refresh();
        };
        try {
          return await runWorker({
            plans: store.plans,
            runStore,
            evaluations: store.evaluations,
            listSuites: () => store.suites.list(),
            host,
            worker,
            planId: plan.plan_id,
            heartbeatMs: this.services.settings.get('plans.heartbeatSeconds') * 1000,
            staleAfterMs: this.services.settings.get('plans.staleAfterSeconds') * 1000,
            signal: abort.signal,
            runner: { monitor },
            onEvent,
            // The live panel and the Sessions view follow each config's session as a normal run.
            onBenchEvent: (e) => this.services.bench.publish(e),
          });
        } catch (err) {
          log.error(`Plan ${plan.name}: ${messageOf(err)}`);
          void vscode.window.showErrorMessage(`Plan ${plan.name} stopped: ${messageOf(err)}`);
          return undefined;
        }
      },
    );
    if (!summary) return;
    const text = `Plan ${plan.name} on this machine: ${summary.completed} completed, ${summary.failed} failed${
      summary.stopped ? '; stopped (the running configuration went back to the queue)' : ''
    }.`;
    void (summary.failed
      ? vscode.window.showWarningMessage(text)
      : vscode.window.showInformationMessage(text));
  }

  private describe(e: WorkerEvent): string | undefined {
    switch (e.type) {
      case 'claimed':
        return `running ${configLabel(e.config)}`;
      case 'finished':
        return `${configLabel(e.config)} ${e.status}${e.error ? `: ${e.error}` : ''}`;
      case 'put-back':
        return `${configLabel(e.config)} back in the queue (${e.reason})`;
      case 'claim-lost':
        return `${configLabel(e.config)} was taken back as stale by another worker`;
      case 'ollama-unreachable':
        return `Ollama at ${e.host} does not answer; trying again in ${Math.round(e.retry_in_ms / 1000)} s`;
      case 'stale-reset':
        return `${e.report.reset} stale configuration(s) back in the queue, ${e.report.failed} failed`;
      default:
        return undefined;
    }
  }

  /** The dashboard's matrix of the plan. */
  private async showMatrix(arg: unknown): Promise<void> {
    const plan = await this.planOf(arg, 'Show Plan Matrix');
    if (!plan) return;
    await vscode.commands.executeCommand(CommandIds.openDashboard);
    DashboardPanel.current?.showPlan(plan.name);
  }

  private async stopWorker(): Promise<void> {
    if (!this.worker) {
      void vscode.window.showInformationMessage('No plan runs in this window.');
      return;
    }
    this.worker.abort.abort();
    await this.worker?.done.catch(() => undefined);
  }

  private async retryFailed(arg: unknown): Promise<void> {
    const plan = await this.planOf(arg, 'Retry Failed');
    if (!plan) return;
    const n = await (await this.services.store.getStore()).plans.retryFailed(plan.name);
    this.tree.refresh();
    void vscode.window.showInformationMessage(
      `Plan ${plan.name}: ${n} failed configuration(s) back in the queue.`,
    );
  }

  private async resetStale(): Promise<void> {
    const ms = this.services.settings.get('plans.staleAfterSeconds') * 1000;
    const r = await (await this.services.store.getStore()).plans.resetStale(ms);
    this.tree.refresh();
    void vscode.window.showInformationMessage(
      `${r.reset} stale configuration(s) back in the queue, ${r.failed} failed (out of retries).`,
    );
  }

  private async cancelPlan(arg: unknown): Promise<void> {
    const plan = await this.planOf(arg, 'Cancel Plan');
    if (!plan) return;
    const yes = 'Cancel Pending Configurations';
    const choice = await vscode.window.showWarningMessage(
      `Cancel plan ${plan.name}? Its ${plan.counts.pending} pending configuration(s) will not run; running ones finish, results are kept.`,
      { modal: true },
      yes,
    );
    if (choice !== yes) return;
    const n = await (await this.services.store.getStore()).plans.cancelPlan(plan.name);
    this.tree.refresh();
    void vscode.window.showInformationMessage(
      `Plan ${plan.name}: ${n} configuration(s) cancelled.`,
    );
  }

  async disposeAsync(): Promise<void> {
    this.worker?.abort.abort();
    await this.worker?.done.catch(() => undefined);
  }

  dispose(): void {
    clearInterval(this.poll);
    this.stopFollowing();
    this.worker?.abort.abort();
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
