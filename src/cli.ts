// `ollama-bench`: the same core as the extension, headless. Each subcommand lives in src/cli/.
import { Command } from 'commander';
import { version } from '../package.json';
import { registerCommands } from './cli/commands';
import { exitCodeFor } from './cli/exitCodes';

async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('ollama-bench')
    .description('Benchmark local Ollama models; results stored in MongoDB or an embedded store.')
    .version(version)
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerCommands(program);
  await program.parseAsync(argv);
}

main(process.argv).catch((err: unknown) => {
  process.stderr.write(`ollama-bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = exitCodeFor(err);
});
