// `ollama-bench`: the same core as the extension, headless. Each subcommand lives in src/cli/.
import { createProgram } from './cli/program';

async function main(argv: string[]): Promise<void> {
  await createProgram().parseAsync(argv);
}

/**
 * Errors that are a user's bad input carry exitCode 2 (a store path that can never work, a plan's
 * bad dimension, rank's unknown figure, fit's bad option); anything else is 1.
 */
function usageExitCode(err: unknown): number {
  const code = (err as { exitCode?: unknown } | null)?.exitCode;
  return code === 2 ? 2 : 1;
}

main(process.argv).catch((err: unknown) => {
  process.stderr.write(`ollama-bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = usageExitCode(err);
});
