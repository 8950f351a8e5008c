// Wires the webviews into the extension: the Live Metrics and Results Dashboard panels (commands,
// serializers so they survive a reload), the Sessions view, and the running session's events.
import * as vscode from 'vscode';
import { LiveRecorder } from '../../core/live/liveRecorder';
import type { BenchEvent } from '../../shared/events';
import { CommandIds, ViewIds } from '../commandIds';
import type { HostServices } from '../container';
import { registerCommands } from '../registerCommands';
import { SessionsTreeProvider } from '../sessions/sessionsTreeProvider';
import { DashboardPanel, type DashboardPanelDeps } from './dashboardPanel';
import { LivePanel, type LivePanelDeps } from './livePanel';
import { ViewTypes } from './panelBase';

/** A session id from a command argument: a string, or a tree element carrying `_id`. */
function sessionIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string' && /^[\w-]{1,64}$/.test(arg)) return arg;
  if (typeof arg === 'object' && arg !== null && '_id' in arg) return sessionIdOf(arg._id);
  return undefined;
}

export class WebviewsController implements vscode.Disposable {
  private readonly recorder = new LiveRecorder();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly sessions: SessionsTreeProvider;
  private readonly view: vscode.TreeView<unknown>;

  constructor(private readonly services: HostServices) {
    this.sessions = new SessionsTreeProvider(
      () => services.store.getStore(),
      CommandIds.openDashboard,
      (problem) => {
        this.view.message = problem;
      },
    );
    this.view = vscode.window.createTreeView(ViewIds.sessions, {
      treeDataProvider: this.sessions as vscode.TreeDataProvider<unknown>,
    });
    this.disposables.push(
      this.sessions,
      this.view,
      ...registerCommands('webviews', {
        showLive: () => this.showLive(false),
        openDashboard: (arg?: unknown) => this.openDashboard(sessionIdOf(arg)),
        refreshSessions: () => this.sessions.refresh(),
        // Trends: a regression notification's Open Comparison (baseline id, candidate id).
        openComparison: (baseline?: unknown, candidate?: unknown) => {
          const ids = [sessionIdOf(baseline), sessionIdOf(candidate)].filter(
            (x): x is string => x !== undefined,
          );
          if (ids.length === 2) DashboardPanel.showComparison(this.dashboardDeps(), ids);
          else void this.openDashboard(ids[0]);
        },
        // The dashboard's Rankings tab; takes an optional use case name.
        openRankings: (useCase?: unknown) =>
          DashboardPanel.showRankings(
            this.dashboardDeps(),
            typeof useCase === 'string' ? useCase : undefined,
          ),
        // The dashboard's Tune view: the last tune of this window.
        openTune: () => DashboardPanel.showTune(this.dashboardDeps()),
        // The dashboard's Quality tab (Evaluate Models… opens it when it is done).
        openQuality: () => DashboardPanel.showQuality(this.dashboardDeps()),
      }),
      vscode.window.registerWebviewPanelSerializer(ViewTypes.dashboard, {
        deserializeWebviewPanel: async (panel) => {
          // The webview restores its own filters from getState(); the panel just reconnects.
          DashboardPanel.revive(panel, this.dashboardDeps());
        },
      }),
      vscode.window.registerWebviewPanelSerializer(ViewTypes.live, {
        deserializeWebviewPanel: async (panel) => {
          LivePanel.revive(panel, this.liveDeps());
        },
      }),
      services.bench.onEvent((e) => this.onBenchEvent(e)),
      services.store.onDidChangeStore(() => this.storeChanged()),
      // Another process (the CLI, another window) wrote sessions, or the window regained focus.
      services.store.onDidChangeContents(() => this.storeChanged()),
      { dispose: () => LivePanel.current?.dispose() },
      { dispose: () => DashboardPanel.current?.dispose() },
    );
  }

  private liveDeps(): LivePanelDeps {
    return {
      extensionUri: this.services.context.extensionUri,
      log: this.services.log,
      recorder: this.recorder,
      cancel: async () => {
        await vscode.commands.executeCommand(CommandIds.cancelBenchmark);
      },
      openDashboard: (id) => this.openDashboard(id),
    };
  }

  private dashboardDeps(): DashboardPanelDeps {
    return {
      extensionUri: this.services.context.extensionUri,
      log: this.services.log,
      getStore: () => this.services.store.getStore(),
      sessionsChanged: () => this.sessions.refresh(),
      settings: this.services.settings,
    };
  }

  private showLive(preserveFocus: boolean): void {
    LivePanel.createOrShow(this.liveDeps(), preserveFocus);
  }

  private async openDashboard(sessionId: string | undefined): Promise<void> {
    DashboardPanel.createOrShow(this.dashboardDeps(), sessionId);
  }

  private onBenchEvent(e: BenchEvent): void {
    this.recorder.apply(e);
    if (e.type === 'session-started') {
      this.sessions.refresh();
      if (this.services.settings.get('live.openOnStart')) this.showLive(true);
    } else if (e.type === 'session-done') {
      this.sessions.refresh();
      DashboardPanel.current?.post({ type: 'changed' });
    }
  }

  private storeChanged(): void {
    this.sessions.refresh();
    DashboardPanel.current?.post({ type: 'changed' });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
