// `ollama-bench prune`: the retention policy the extension runs daily, on demand. Sessions older
// than --session-days are archived (with --archive) and deleted; hardware samples and result series
// older than --downsample-after become means per --downsample-interval. --dry-run says what would
// happen and changes nothing; --json prints {"archived", "downsampled", "deleted", "archive_file"}.
import { refuseKernelPath } from '../core/paths/kernelPathGuard';
import type { Command } from 'commander';
import { DOWNSAMPLE_INTERVALS, isDownsampleInterval } from '../core/retention/downsample';
import { DEFAULT_RETENTION, type PruneReport } from '../core/retention/retentionPolicy';
import { InputError } from '../core/failures/inputError';
import { expandHome } from '../core/paths/expandHome';
import { addStoreOption, withStore, type StoreOptionValues, jsonOption } from './options';

function days(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InputError(`${flag} must be a whole number of days ≥ 0, not "${value}"`);
  return n;
}

interface PruneOptions extends StoreOptionValues {
  sessionDays: string;
  downsampleAfter: string;
  /** The old name of --downsample-after, still accepted. */
  sampleDays?: string;
  downsampleInterval: string;
  archive?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** The machine-readable answer (`--json`). */
export function pruneJson(r: PruneReport): {
  archived: number;
  downsampled: number;
  deleted: number;
  archive_file: string | null;
} {
  return {
    archived: r.sessionsArchived,
    downsampled: r.resultsDownsampled,
    deleted: r.sessionsDeleted,
    archive_file: r.archiveFile,
  };
}

function sentence(r: PruneReport, description: string): string {
  const would = r.dryRun ? 'would be ' : '';
  const parts = [
    `${r.sessionsArchived} session(s) ${would}archived${r.archiveFile ? ` to ${r.archiveFile}` : ''}`,
    `${r.sessionsDeleted} session(s) and ${r.resultsDeleted} result(s) ${would}deleted`,
    `${r.resultsDownsampled} result(s) ${would}downsampled`,
  ];
  return `${r.dryRun ? 'Dry run on' : 'Pruned'} ${description}: ${parts.join(', ')}.${r.dryRun ? ' Nothing was changed.' : ''}\n`;
}

export function registerPruneCommand(program: Command): void {
  addStoreOption(
    program
      .command('prune')
      .description(
        'Apply retention: archive and delete old sessions, downsample old hardware samples and result series.',
      ),
  )
    .option(
      '--session-days <n>',
      'delete sessions older than this (0 = keep forever)',
      String(DEFAULT_RETENTION.sessionDays),
    )
    .option(
      '--downsample-after <n>',
      'downsample hardware samples and result series older than this many days (0 = keep all)',
      String(DEFAULT_RETENTION.downsampleAfterDays),
    )
    .option('--sample-days <n>', 'old name of --downsample-after')
    .option(
      '--downsample-interval <interval>',
      `one mean per ${Object.keys(DOWNSAMPLE_INTERVALS).join(', ')}`,
      DEFAULT_RETENTION.downsampleInterval,
    )
    .option(
      '--archive <dir>',
      'before deleting, write the sessions and their results to a gzip JSON Lines file here (read back by import)',
    )
    .option('--dry-run', 'say what would be archived, downsampled and deleted; change nothing')
    .addOption(jsonOption('print {"archived", "downsampled", "deleted", "archive_file"}'))
    .action(async (opts: PruneOptions) => {
      if (!isDownsampleInterval(opts.downsampleInterval)) {
        throw new InputError(
          `--downsample-interval must be one of ${Object.keys(DOWNSAMPLE_INTERVALS).join(', ')}, not "${opts.downsampleInterval}"`,
        );
      }
      if (opts.archive)
        refuseKernelPath(expandHome(opts.archive), 'the archive folder (--archive)');
      const policy = {
        sessionDays: days(opts.sessionDays, '--session-days'),
        downsampleAfterDays:
          opts.sampleDays !== undefined
            ? days(opts.sampleDays, '--sample-days')
            : days(opts.downsampleAfter, '--downsample-after'),
        downsampleInterval: opts.downsampleInterval,
        ...(opts.archive ? { archiveDir: expandHome(opts.archive) } : {}),
        dryRun: opts.dryRun === true,
      };
      await withStore(opts, async (store) => {
        const r = await store.retention.prune(policy);
        process.stdout.write(
          opts.json ? `${JSON.stringify(pruneJson(r))}\n` : sentence(r, store.description),
        );
      });
    });
}
