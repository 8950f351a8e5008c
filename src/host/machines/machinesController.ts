// Machines side by side in VS Code: "Share Results…" (a result bundle, shareResults.ts).
import type * as vscode from 'vscode';
import type { HostServices } from '../container';
import { registerCommands } from '../registerCommands';
import { shareResults } from './shareResults';

export class MachinesController implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(services: HostServices) {
    this.disposables.push(
      ...registerCommands('machines', { shareResults: () => shareResults(services) }),
    );
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
