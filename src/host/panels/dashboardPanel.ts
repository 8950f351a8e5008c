// The Results Dashboard panel: sessions table, filters, detail, compare, export. Its logic is in
// dashboardMessages.ts; this file supplies the VS Code side (dialogs, clipboard, files).
import { CommandIds } from '../commandIds';
import { tuneAnswers } from '../tune/tuneAnswers';
import { refuseKernelPath } from '../../core/paths/kernelPathGuard';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { OpenedStore } from '../../core/repositories/openedStore';
import type { HardwareConfig } from '../../shared/dto';
import { EXPORT_FORMAT_LABELS, type ExportFormat } from '../../shared/exportFormats';
import type { HostToDashboard } from '../../shared/protocol';
import type { SettingsReader } from '../settings';
import { createDashboardHandler, type MessageLog } from './dashboardMessages';
import { loadBenchBundle } from '../lazyBundles';
import { PanelBase, panelOptions, ViewTypes } from './panelBase';

const TITLE = 'Ollama Bench: Results';

export interface DashboardPanelDeps {
  extensionUri: vscode.Uri;
  log: MessageLog;
  getStore(): Promise<OpenedStore>;
  sessionsChanged(): void;
  settings: SettingsReader;
}

/** ollama-bench-2024-05-01-1230.csv: sorts by time, never overwrites an earlier export. */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[T:]/g, '-');
  return `ollama-bench-${stamp}.${format}`;
}

export class DashboardPanel extends PanelBase<HostToDashboard> {
  private static instance: DashboardPanel | undefined;
  private pendingSession: string | undefined;
  /** Trends: a comparison to show once the webview is ready (Open Comparison). */
  private pendingCompare: string[] | undefined;
  private pendingPlan: string | undefined;
  private pendingRankings: { useCase?: string } | undefined;
  private pendingTune = false;
  /** The Quality tab to show once the webview is ready (Evaluate Models…). */
  private pendingQuality = false;

  static get current(): DashboardPanel | undefined {
    return DashboardPanel.instance;
  }

  static createOrShow(deps: DashboardPanelDeps, sessionId?: string): DashboardPanel {
    const existing = DashboardPanel.instance;
    if (existing) {
      existing.reveal();
      if (sessionId) {
        // A hidden webview reloads on reveal and asks with `ready`; a visible one takes it now.
        existing.pendingSession = sessionId;
        if (existing.panel.visible) existing.post({ type: 'showSession', id: sessionId });
      }
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      ViewTypes.dashboard,
      TITLE,
      vscode.ViewColumn.Active,
      panelOptions(deps.extensionUri),
    );
    const created = new DashboardPanel(panel, deps);
    created.pendingSession = sessionId;
    return (DashboardPanel.instance = created);
  }

  /** Trends: opens (or reveals) the dashboard on the comparison of these sessions. */
  static showComparison(deps: DashboardPanelDeps, ids: string[]): DashboardPanel {
    const panel = DashboardPanel.createOrShow(deps);
    panel.pendingCompare = ids;
    if (panel.panel.visible) panel.post({ type: 'showCompare', ids });
    return panel;
  }

  /** Benchmark plans: shows a plan's matrix (now if the webview listens, else once it is ready). */
  showPlan(plan: string): void {
    this.pendingPlan = plan;
    this.reveal();
    if (this.panel.visible) this.post({ type: 'showPlan', plan });
  }

  /** Opens the dashboard on its Rankings tab (a use case chosen, or the last one). */
  static showRankings(deps: DashboardPanelDeps, useCase?: string): DashboardPanel {
    const visible = DashboardPanel.instance?.panel.visible === true;
    const panel = DashboardPanel.createOrShow(deps);
    const request = useCase ? { useCase } : {};
    if (visible) panel.post({ type: 'showRankings', ...request });
    else panel.pendingRankings = request;
    return panel;
  }

  /** The Tune view: the last tune of this window. */
  static showTune(deps: DashboardPanelDeps): DashboardPanel {
    const visible = DashboardPanel.instance?.panel.visible === true;
    const panel = DashboardPanel.createOrShow(deps);
    if (visible) panel.post({ type: 'showTune' });
    else panel.pendingTune = true;
    return panel;
  }

  /** Opens the dashboard on its Quality tab. */
  static showQuality(deps: DashboardPanelDeps): DashboardPanel {
    const visible = DashboardPanel.instance?.panel.visible === true;
    const panel = DashboardPanel.createOrShow(deps);
    if (visible) panel.post({ type: 'showQuality' });
    else panel.pendingQuality = true;
    return panel;
  }

  static revive(panel: vscode.WebviewPanel, deps: DashboardPanelDeps): DashboardPanel {
    DashboardPanel.instance?.dispose();
    return (DashboardPanel.instance = new DashboardPanel(panel, deps));
  }

  private constructor(panel: vscode.WebviewPanel, deps: DashboardPanelDeps) {
    super(
      panel,
      deps.extensionUri,
      deps.log,
      'dashboard',
      TITLE,
      createDashboardHandler({
        getStore: deps.getStore,
        post: (m) => this.post(m),
        log: deps.log,
        sessionsChanged: deps.sessionsChanged,
        takePendingPlan: () => {
          const plan = this.pendingPlan;
          this.pendingPlan = undefined;
          return plan;
        },
        takePendingSession: () => {
          const id = this.pendingSession;
          this.pendingSession = undefined;
          return id;
        },
        takePendingCompare: () => {
          const ids = this.pendingCompare;
          this.pendingCompare = undefined;
          return ids;
        },
        takePendingQuality: () => {
          const pending = this.pendingQuality;
          this.pendingQuality = false;
          return pending;
        },
        saveReport: (html, sessionId) => saveReport(deps.settings, html, sessionId),
        verdictSettings: () => deps.settings.verdictSettings(),
        confirmDelete: async (count) => {
          const del = 'Delete';
          const pick = await vscode.window.showWarningMessage(
            `Delete ${count} session(s) and their results? This cannot be undone.`,
            { modal: true },
            del,
          );
          return pick === del;
        },
        askTags: async (current) => {
          const value = await vscode.window.showInputBox({
            title: 'Session tags',
            prompt: 'Comma-separated tags, e.g. "new-driver, laptop" (empty removes them all)',
            value: current.join(', '),
            validateInput: (v) => (v.length > 1000 ? 'At most 1000 characters' : undefined),
          });
          if (value === undefined) return undefined;
          return [
            ...new Set(
              value
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean),
            ),
          ].slice(0, 50);
        },
        copyToClipboard: async (text) => {
          await vscode.env.clipboard.writeText(text);
        },
        saveExport: (content, format) => saveExport(deps.settings, content, format),
        rankings: {
          thisMachine: async () => (await thisMachine()).fingerprint,
          openMarkdown: async (content) => {
            const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
            await vscode.window.showTextDocument(doc, { preview: false });
          },
          takePending: () => {
            const r = this.pendingRankings;
            this.pendingRankings = undefined;
            return r;
          },
        },
        tune: {
          current: () => tuneAnswers.get(),
          createTuned: async () => {
            await vscode.commands.executeCommand(CommandIds.createTunedModel);
          },
          takePending: () => {
            const pending = this.pendingTune;
            this.pendingTune = false;
            return pending;
          },
        },
      }),
    );
    // A tune that ends while the dashboard is open shows in its Tune view at once.
    const unsubscribe = tuneAnswers.onDidSet((view) => this.post({ type: 'tune', view }));
    this.onDispose(() => {
      unsubscribe();
      if (DashboardPanel.instance === this) DashboardPanel.instance = undefined;
    });
  }
}

/** This machine's inventory, read once (the Rankings tab ranks this machine's results). */
let machine: Promise<HardwareConfig> | undefined;
function thisMachine(): Promise<HardwareConfig> {
  machine ??= loadBenchBundle()
    .createHardwareMonitor()
    .inventory()
    .catch((err: unknown) => {
      machine = undefined;
      throw err;
    });
  return machine;
}

/** A CSV / JSON / Markdown export of sessions. */
function saveExport(
  settings: SettingsReader,
  content: string,
  format: ExportFormat,
): Promise<string | undefined> {
  return saveFile(settings, content, exportFileName(format), {
    title: 'Export Ollama Bench results',
    filters: { [EXPORT_FORMAT_LABELS[format]]: [format] },
  });
}

/** Trends: Export → HTML report. */
function saveReport(
  settings: SettingsReader,
  html: string,
  sessionId: string,
): Promise<string | undefined> {
  return saveFile(settings, html, `ollama-bench-report-${sessionId.slice(-8)}.html`, {
    title: 'Save the HTML report',
    filters: { 'HTML report': ['html'] },
  });
}

/**
 * Writes a file the dashboard produced: into `ollamaBench.export.directory` when set (no dialog:
 * repeatable exports, and what scripted runs use), else where the save dialog says.
 */
async function saveFile(
  settings: SettingsReader,
  content: string,
  name: string,
  dialog: { title: string; filters: Record<string, string[]> },
): Promise<string | undefined> {
  // A folder that is not absolute throws its SettingError: the export fails with what to fix.
  const dir = settings.get('export.directory');
  let target: vscode.Uri | undefined;
  if (dir) {
    refuseKernelPath(dir, `the folder of the setting ollamaBench.export.directory`);
    await vscode.workspace.fs.createDirectory(vscode.Uri.file(dir));
    target = vscode.Uri.file(join(dir, name));
  } else {
    const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    target = await vscode.window.showSaveDialog({
      ...dialog,
      defaultUri: vscode.Uri.joinPath(base, name),
    });
  }
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
  return target.fsPath;
}
