// The Live Metrics panel: progress, charts and the log of the running session. The host folds
// events into a LiveRecorder; this panel posts its deltas at most four times a second, and a full
// snapshot whenever the webview (re)loads.
import * as vscode from 'vscode';
import type { LiveRecorder } from '../../core/live/liveRecorder';
import { thinLiveSnapshot } from '../../shared/hardwareThinning';
import type { HostToLive } from '../../shared/protocol';
import type { MessageLog } from './dashboardMessages';
import { createLiveHandler } from './liveMessages';
import { PanelBase, panelOptions, ViewTypes } from './panelBase';

/** ≤ 4 batches a second: smooth enough to watch, cheap for the extension host. */
export const LIVE_BATCH_MS = 250;
const TITLE = 'Ollama Bench: Live Metrics';

export interface LivePanelDeps {
  extensionUri: vscode.Uri;
  log: MessageLog;
  recorder: LiveRecorder;
  cancel(): Promise<void>;
  openDashboard(sessionId: string | undefined): Promise<void>;
}

export class LivePanel extends PanelBase<HostToLive> {
  private static instance: LivePanel | undefined;
  private readonly timer: NodeJS.Timeout;

  static get current(): LivePanel | undefined {
    return LivePanel.instance;
  }

  static createOrShow(deps: LivePanelDeps, preserveFocus = false): LivePanel {
    if (LivePanel.instance) {
      LivePanel.instance.reveal(preserveFocus);
      return LivePanel.instance;
    }
    const panel = vscode.window.createWebviewPanel(
      ViewTypes.live,
      TITLE,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus },
      panelOptions(deps.extensionUri),
    );
    return (LivePanel.instance = new LivePanel(panel, deps));
  }

  /** The serializer hands back a panel VS Code restored after a reload. */
  static revive(panel: vscode.WebviewPanel, deps: LivePanelDeps): LivePanel {
    LivePanel.instance?.dispose();
    return (LivePanel.instance = new LivePanel(panel, deps));
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly deps: LivePanelDeps,
  ) {
    super(
      panel,
      deps.extensionUri,
      deps.log,
      'live',
      TITLE,
      createLiveHandler({
        log: deps.log,
        snapshot: () => deps.recorder.snapshot(),
        sendInit: () => {
          deps.recorder.takeDelta(); // the snapshot already holds it
          // The hardware series thinned (every peak kept): a long one costs more to copy than to draw.
          this.post({ type: 'init', snapshot: thinLiveSnapshot(deps.recorder.snapshot()) });
        },
        cancel: () => deps.cancel(),
        openDashboard: (id) => deps.openDashboard(id),
      }),
    );
    this.timer = setInterval(() => this.flush(), LIVE_BATCH_MS);
    this.onDispose(() => {
      clearInterval(this.timer);
      if (LivePanel.instance === this) LivePanel.instance = undefined;
    });
  }

  /** Sends what changed since the last batch; a hidden panel gets a snapshot when shown instead. */
  private flush(): void {
    if (!this.deps.recorder.hasChanges) return;
    const delta = this.deps.recorder.takeDelta();
    if (this.panel.visible) this.post({ type: 'batch', delta });
  }
}
