// `ollama-bench report --session ID [--compare ID…] --out FILE.html`: one session as a single
// self-contained HTML file (inline SVG charts, no script, no request), to attach to an issue or
// send in a chat; with --compare, the verdicts against those sessions.
import { refuseKernelPath } from '../core/paths/kernelPathGuard';
import type { Command } from 'commander';
import { renameSync, writeFileSync } from 'node:fs';
import { version } from '../../package.json';
import { renderHtmlReport } from '../core/report/htmlReport';
import { loadReportInput } from '../core/report/reportData';
import { addStoreOption, withStore, type StoreOptionValues } from './options';

interface ReportOptionValues extends StoreOptionValues {
  session: string;
  compare?: string[];
  out: string;
}

export function registerReportCommand(program: Command): void {
  const command = program
    .command('report')
    .description(
      'Write one session as a self-contained HTML report (opens offline in any browser).',
    )
    .requiredOption('--session <id>', 'the session to report')
    .option('--compare <ids...>', 'baseline session(s) to compare with, with verdicts')
    .requiredOption('--out <file.html>', 'where to write the report');
  addStoreOption(command).action(async (opts: ReportOptionValues) => {
    // An unknown session is a ComparisonInputError: bad input, exit 2 (exitCodes.ts).
    const input = await withStore(opts, (store) =>
      loadReportInput(store, opts.session, opts.compare ?? [], version),
    );
    const html = renderHtmlReport(input);
    refuseKernelPath(opts.out, 'the report file (--out)');
    // Written beside and renamed, so a failed write never leaves half a file under the name.
    const tmp = `${opts.out}.tmp-${process.pid}`;
    writeFileSync(tmp, html);
    renameSync(tmp, opts.out);
    process.stderr.write(`Wrote ${opts.out} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KB)\n`);
  });
}
