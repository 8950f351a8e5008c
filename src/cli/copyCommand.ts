// `ollama-bench copy --from STORE --to STORE`: every collection of one store into another
// (embedded folder ↔ MongoDB URI), by _id, with progress on stderr and a check at the end that
// the target holds every source document; exit 1 when it does not.
import type { Command } from 'commander';
import { copyStore, describeCopy } from '../core/transfer/copyStores';
import type { OpenedStore } from '../core/repositories/openedStore';
import { resolveStoreSpec } from '../core/store/storeLocation';
import { EXIT_CODES } from './exitCodes';
import { openStoreFromOptions, jsonOption } from './options';

interface CopyOptions {
  from: string;
  to: string;
  database?: string;
  json?: boolean;
}

export function registerCopyCommand(program: Command): void {
  program
    .command('copy')
    .description(
      'Copy every collection from one store to another (a folder or a mongodb:// URI); documents already there (same _id) are skipped.',
    )
    .requiredOption('--from <path|uri>', 'the store to read')
    .requiredOption('--to <path|uri>', 'the store to write')
    .option('--database <name>', 'MongoDB database name on either side (default: ollama_bench)')
    .addOption(jsonOption('print the per-collection counts as JSON'))
    .action(async (opts: CopyOptions) => {
      if (resolveStoreSpec(opts.from) === resolveStoreSpec(opts.to))
        throw new Error('--from and --to name the same store; nothing to copy');
      let from: OpenedStore | undefined;
      let to: OpenedStore | undefined;
      try {
        from = await openStoreFromOptions({ store: opts.from, database: opts.database });
        to = await openStoreFromOptions({ store: opts.to, database: opts.database });
        const target = to.description;
        let last = '';
        const report = await copyStore(from, to, (p) => {
          const line = `copy: ${p.collection} ${p.done}/${p.total}`;
          if (line !== last) process.stderr.write(`${line}\n`);
          last = line;
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        const message = describeCopy(report, target);
        (report.missing || opts.json ? process.stderr : process.stdout).write(`${message}\n`);
        if (report.missing) process.exitCode = EXIT_CODES.failed;
      } finally {
        await to?.close();
        await from?.close();
      }
    });
}
