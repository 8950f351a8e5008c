// The one place commands are registered: a controller hands over a handler for each command the
// CommandsByController table gives it, and exactly those ids are registered.
import * as vscode from 'vscode';
import {
  CommandIds,
  CommandsByController,
  type CommandsOf,
  type ControllerName,
} from './commandIds';

// Handlers take whatever VS Code passes (tree elements, strings from executeCommand).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CommandHandler = (...args: any[]) => unknown;

export function registerCommands<C extends ControllerName>(
  controller: C,
  handlers: Record<CommandsOf<C>, CommandHandler>,
): vscode.Disposable[] {
  return CommandsByController[controller].map((name: CommandsOf<C>) =>
    vscode.commands.registerCommand(CommandIds[name], handlers[name]),
  );
}
