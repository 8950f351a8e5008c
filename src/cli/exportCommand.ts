// `ollama-bench export --format csv|json|md [--out F]`: the history's sessions in a file or on stdout.
import { refuseKernelPath } from '../core/paths/kernelPathGuard';
import type { Command } from 'commander';
import { writeFileSync, renameSync } from 'node:fs';
import { exportSessions } from '../core/export/formats';
import { InputError } from '../core/failures/inputError';
import { EXPORT_FORMATS, isExportFormat } from '../shared/exportFormats';
import {
  addHistoryFilterOptions,
  historyQueryFrom,
  type HistoryOptionValues,
} from './historyCommand';
import { withStore } from './options';

export function registerExportCommand(program: Command): void {
  addHistoryFilterOptions(
    program
      .command('export')
      .description('Export sessions as CSV, JSON or Markdown, with the same filters as history.'),
    500,
  )
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: HistoryOptionValues & { format: string; out?: string }) => {
      const { format } = opts;
      if (!isExportFormat(format)) {
        throw new InputError(
          `--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${format}"`,
        );
      }
      const query = historyQueryFrom(opts);
      await withStore(opts, async (store) => {
        const page = await store.sessions.querySessions(query);
        const text = exportSessions(page.items, format);
        if (!opts.out) {
          process.stdout.write(text);
          return;
        }
        // Written beside and renamed, so a failed export never leaves half a file under the name.
        refuseKernelPath(opts.out, 'the export file (--out)');
        const tmp = `${opts.out}.tmp-${process.pid}`;
        writeFileSync(tmp, text);
        renameSync(tmp, opts.out);
        process.stderr.write(`Exported ${page.items.length} session(s) to ${opts.out}\n`);
      });
    });
}
