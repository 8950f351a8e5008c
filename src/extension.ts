// Activation builds the container (which wires core services to VS Code adapters) and hands its
// disposables to VS Code; everything else lives in src/host/.
import type * as vscode from 'vscode';
import { Container } from './host/container';

let container: Container | undefined;

export function activate(context: vscode.ExtensionContext): void {
  container = new Container(context);
  context.subscriptions.push(container);
}

export async function deactivate(): Promise<void> {
  await container?.disposeAsync();
  container = undefined;
}
