// What both webview panels share: options (scripts on, resources limited to dist/ and media/, no
// retainContextWhenHidden), the HTML shell with a strict nonce CSP, a typed post, and a message
// handler that can never throw into VS Code. The webview says `ready` when its script runs (first
// load, after being hidden, after a reload) and the panel answers with an `init` snapshot.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export const ViewTypes = {
  live: 'ollamaBench.live',
  dashboard: 'ollamaBench.dashboard',
} as const;

/** Options for a new panel and for one revived by the serializer. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

export function panelOptions(
  extensionUri: vscode.Uri,
): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  // No retainContextWhenHidden: a hidden panel is destroyed and rebuilt from `init`.
  return { ...webviewOptions(extensionUri), enableFindWidget: true };
}

/**
 * The content security policy: nothing by default; images, styles and fonts only from the
 * extension's own roots; scripts only with this page's nonce. No 'unsafe-inline', no 'unsafe-eval':
 * chart.js needs neither, and @vscode-elements styles itself through adoptedStyleSheets, which
 * style-src does not govern.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function webviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  entry: 'live' | 'dashboard',
  title: string,
): string {
  const nonce = randomBytes(18).toString('base64');
  const uri = (...parts: string[]) =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri('dist', 'webview', 'codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${uri('media', 'webview.css')}">
<title>${title}</title>
</head>
<body data-panel="${entry}">
<div id="app" role="main" aria-busy="true"><p class="muted">Loading…</p></div>
<script nonce="${nonce}" src="${uri('dist', 'webview', `${entry}.js`)}"></script>
</body>
</html>`;
}

export interface PanelLog {
  warn(message: string): void;
  error(message: string): void;
}

/** A webview panel with a typed post and a guarded message handler. */
export abstract class PanelBase<ToWebview> implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private readonly disposeListeners: (() => void)[] = [];

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly extensionUri: vscode.Uri,
    protected readonly log: PanelLog,
    entry: 'live' | 'dashboard',
    title: string,
    handler: (raw: unknown) => Promise<void>,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'ollama-bench.svg');
    panel.webview.html = webviewHtml(panel.webview, extensionUri, entry, title);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        // The handler parses and catches; this catch is for a bug in it, never the webview's input.
        handler(raw).catch((err: unknown) =>
          this.log.error(`${title}: message handler failed: ${String(err)}`),
        );
      }),
    );
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  onDispose(listener: () => void): void {
    this.disposeListeners.push(listener);
  }

  protected track(d: vscode.Disposable): void {
    this.disposables.push(d);
  }

  /** Posts to the webview; a hidden or closed one drops it (its next `ready` gets a snapshot). */
  post(message: ToWebview): void {
    if (this.disposed) return;
    this.panel.webview.postMessage(message).then(undefined, (err: unknown) => {
      this.log.warn(`Could not post to the webview: ${String(err)}`);
    });
  }

  reveal(preserveFocus = false): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const l of this.disposeListeners.splice(0)) l();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
