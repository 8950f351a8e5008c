// `ollama-bench import FILE…`: JSON exports and .jsonl.gz archives into the store, by _id (a
// document already there is skipped). Every file is checked before the store is even opened: a
// malformed one exits 2, naming the file and where, and nothing is written.
import type { Command } from 'commander';
import { TransferFormatError } from '../core/transfer/archiveFormat';
import { readImportFiles, writeImport } from '../core/transfer/importFiles';
import { exitCodeFor } from './exitCodes';
import { addStoreOption, withStore, type StoreOptionValues, jsonOption } from './options';

export function registerImportCommand(program: Command): void {
  addStoreOption(
    program
      .command('import')
      .description(
        'Import JSON exports (export --format json) and .jsonl.gz archives; documents already stored (same _id) are skipped.',
      )
      .argument('<files...>', 'JSON export or .jsonl.gz archive files'),
  )
    .addOption(jsonOption('print {"added": n, "skipped": m}'))
    .action(async (files: string[], opts: StoreOptionValues & { json?: boolean }) => {
      let batch;
      try {
        batch = await readImportFiles(files);
      } catch (err) {
        if (!(err instanceof TransferFormatError)) throw err;
        process.stderr.write(`ollama-bench import: ${err.message}. Nothing was imported.\n`);
        process.exitCode = exitCodeFor(err);
        return;
      }
      await withStore(opts, async (store) => {
        const n = await writeImport(store, batch);
        process.stdout.write(
          opts.json
            ? `${JSON.stringify({ added: n.added, skipped: n.skipped })}\n`
            : `added ${n.added}, skipped ${n.skipped}\n`,
        );
      });
    });
}
