// `ollama-bench import FILE…`: JSON exports and .jsonl.gz archives into the store, by _id (a
// document already there is skipped). Every file is checked before the store is even opened: a
// malformed one exits 2, naming the file and where, and nothing is written. A result bundle
// (`bundle`) is verified against its SHA-256 first: a modified one is refused unless --force.
import type { Command } from 'commander';
import { BundleModifiedError, verifyBundles } from '../core/machines/verifyBundles';
import { TransferFormatError } from '../core/transfer/archiveFormat';
import { readImportFiles, writeImport } from '../core/transfer/importFiles';
import { exitCodeFor } from './exitCodes';
import { addStoreOption, withStore, type StoreOptionValues, jsonOption } from './options';

export function registerImportCommand(program: Command): void {
  addStoreOption(
    program
      .command('import')
      .description(
        'Import JSON exports (export --format json), .jsonl.gz archives and result bundles; documents already stored (same _id) are skipped.',
      )
      .argument('<files...>', 'JSON export, .jsonl.gz archive or bundle files'),
  )
    .addOption(jsonOption('print {"added": n, "skipped": m, "bundles": [{file, verdict, sha256}]}'))
    .option('--force', 'import a bundle even when its content does not match its SHA-256')
    .action(
      async (files: string[], opts: StoreOptionValues & { json?: boolean; force?: boolean }) => {
        let batch;
        let bundles;
        try {
          bundles = await verifyBundles(files, { force: opts.force });
          batch = await readImportFiles(files);
        } catch (err) {
          if (!(err instanceof TransferFormatError) && !(err instanceof BundleModifiedError))
            throw err;
          process.stderr.write(
            `ollama-bench import: ${err.message}${err instanceof TransferFormatError ? '. Nothing was imported.' : ''}\n`,
          );
          process.exitCode = exitCodeFor(err);
          return;
        }
        for (const b of bundles)
          process.stderr.write(
            b.verdict === 'verified'
              ? `${b.file}: bundle verified (sha256 ${b.seal.sha256.slice(0, 12)}…)\n`
              : `${b.file}: modified (the content does not match the bundle's SHA-256); imported anyway (--force)\n`,
          );
        await withStore(opts, async (store) => {
          const n = await writeImport(store, batch);
          process.stdout.write(
            opts.json
              ? `${JSON.stringify({
                  added: n.added,
                  skipped: n.skipped,
                  ...(bundles.length
                    ? {
                        bundles: bundles.map((b) => ({
                          file: b.file,
                          verdict: b.verdict,
                          sha256: b.seal.sha256,
                        })),
                      }
                    : {}),
                })}\n`
              : `added ${n.added}, skipped ${n.skipped}\n`,
          );
        });
      },
    );
}
