// Activation builds the container (the output channel and the settings reader) and hands its
// disposables to VS Code; everything else lives in src/host/. The promise it returns settles once
// the feature controllers are built (Container.startFeatures): VS Code waits for it before it
// fills one of our views, runs a command of ours or restores a panel.
import type * as vscode from 'vscode';
import { Container } from './host/container';

let container: Container | undefined;

export function activate(context: vscode.ExtensionContext): Promise<void> {
  container = new Container(context);
  context.subscriptions.push(container);
  return container.startFeatures();
}

export async function deactivate(): Promise<void> {
  await container?.disposeAsync();
  container = undefined;
}
