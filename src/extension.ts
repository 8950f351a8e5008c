// Activation builds the container (which wires core services to VS Code adapters) and hands its
// disposables to VS Code; everything else lives in src/host/. The promise it returns settles once
// the features after the Models view are built (Container.startFeatures): VS Code waits for it
// before it runs a command of ours or restores a panel.
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
