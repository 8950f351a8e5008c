// The CLI's subcommands, one module each; this list is the only place that names them all.
import type { Command } from 'commander';

export function registerCommands(_program: Command): void {}
