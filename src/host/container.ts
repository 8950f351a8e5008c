// Wires core services to VS Code adapters, in one place. Each feature gets its dependencies here.
import type * as vscode from 'vscode';

export class Container implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext) {}

  dispose(): void {
    void this.disposeAsync();
  }

  /** Awaited on deactivate so workers and child processes are gone before the host exits. */
  async disposeAsync(): Promise<void> {
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        await (d as { disposeAsync?: () => Promise<void> }).disposeAsync?.();
        d.dispose();
      } catch {
        // one failing disposable must not keep the others alive
      }
    }
  }
}
