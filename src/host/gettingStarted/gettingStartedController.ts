// "Open Getting Started": opens the extension's walkthrough (package.json contributes.walkthroughs),
// four steps from pointing at Ollama to ranking the models, each ticked off by its own command or
// setting change.
import * as vscode from 'vscode';
import { WALKTHROUGH_ID } from '../commandIds';
import type { HostServices } from '../container';
import { registerCommands } from '../registerCommands';

export class GettingStartedController implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(services: HostServices) {
    // VS Code names a walkthrough by "<extension id>#<walkthrough id>".
    const walkthrough = `${services.context.extension.id}#${WALKTHROUGH_ID}`;
    this.disposables.push(
      ...registerCommands('gettingStarted', {
        openGettingStarted: () =>
          vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthrough, false),
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
