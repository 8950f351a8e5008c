// The CLI's subcommands, one module each; this list is the only place that names them all.
import type { Command } from 'commander';
import { registerModelsCommand } from './modelsCommand';
import { registerHistoryCommand } from './historyCommand';
import { registerExportCommand } from './exportCommand';
import { registerPruneCommand } from './pruneCommand';

export function registerCommands(program: Command): void {
  registerModelsCommand(program);
  registerHistoryCommand(program);
  registerExportCommand(program);
  registerPruneCommand(program);
}
