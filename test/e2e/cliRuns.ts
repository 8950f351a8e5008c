// `ollama-bench run` from a terminal beside the window: against the window's stand-in and, unless
// the test is about finding the store, into the window's own store.
import assert from 'node:assert/strict';
import { CLI, runProcess, type ProcessResult } from '../fixtures/cliProcess';
import type { VsCodeSession } from './harness';

export interface CliRunOptions {
  /** Options after `run --models llama3.2:3b`. */
  args: readonly string[];
  /** Passes --store with the window's store folder (default); false leaves the CLI to find it. */
  windowStore?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** Runs one benchmark of llama3.2:3b from the CLI and asserts it succeeded. */
export async function runCliBenchmark(
  vs: VsCodeSession,
  { args, windowStore = true, env = {} }: CliRunOptions,
): Promise<ProcessResult> {
  if (!vs.standIn) throw new Error('a CLI run beside the window needs the window’s stand-in');
  const store = windowStore ? ['--store', vs.storeDir] : [];
  const r = await runProcess(
    process.execPath,
    [CLI, 'run', '--models', 'llama3.2:3b', ...args, '--host', vs.standIn.url, ...store],
    env,
    120_000,
  );
  assert.equal(r.code, 0, r.stderr);
  return r;
}
