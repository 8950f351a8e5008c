// `ollama-bench`: the same core as the extension, headless. Each subcommand lives in src/cli/.
import { Command } from 'commander';
import { version } from '../package.json';
import { registerCommands } from './cli/commands';
import { makeOutputInert } from './cli/inertOutput';

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

/**
 * Errors that are a user's bad input carry exitCode 2 (a store path that can never work, a plan's
 * bad dimension, rank's unknown figure, fit's bad option); anything else is 1.
 */
function usageExitCode(err: unknown): number {
  const code = (err as { exitCode?: unknown } | null)?.exitCode;
  return code === 2 ? 2 : 1;
}

makeOutputInert();
main(process.argv).catch((err: unknown) => {
  process.stderr.write(`ollama-bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = usageExitCode(err);
});
