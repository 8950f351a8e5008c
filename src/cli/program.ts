// The `ollama-bench` program: name, description, version and every subcommand, without parsing
// anything. The CLI's entry parses argv with it; the CLI reference (docs/cli.md) is printed from it.
import { Command } from 'commander';
import { version } from '../../package.json';
import { registerCommands } from './commands';

export function createProgram(): Command {
  const program = new Command()
    .name('ollama-bench')
    .description('Benchmark local Ollama models; results stored in MongoDB or an embedded store.')
    .version(version)
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerCommands(program);
  return program;
}
