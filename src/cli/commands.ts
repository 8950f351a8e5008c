// The CLI's subcommands, one module each; this list is the only place that names them all.
import type { Command } from 'commander';
import { registerModelsCommand } from './modelsCommand';

export function registerCommands(program: Command): void {
  registerModelsCommand(program);
}
