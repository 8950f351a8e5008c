// `ollama-bench`: the same core as the extension, headless. Each subcommand lives in src/cli/.
import { makeOutputInert } from './cli/inertOutput';
import { createProgram } from './cli/program';
import { exitCodeFor } from './cli/exitCodes';

async function main(argv: string[]): Promise<void> {
  await createProgram().parseAsync(argv);
}

makeOutputInert();
main(process.argv).catch((err: unknown) => {
  process.stderr.write(`ollama-bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = exitCodeFor(err);
});
