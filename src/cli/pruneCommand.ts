// `ollama-bench prune`: the retention policy the extension runs daily, on demand.
import type { Command } from 'commander';
import { DEFAULT_RETENTION } from '../core/store/openedStore';
import { addStoreOption, withStore, type StoreOptionValues } from './storeOption';

function days(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${flag} must be a whole number of days ≥ 0, not "${value}"`);
  return n;
}

export function registerPruneCommand(program: Command): void {
  addStoreOption(
    program
      .command('prune')
      .description(
        'Apply retention: downsample old hardware samples to one-minute means, delete old sessions.',
      ),
  )
    .option(
      '--sample-days <n>',
      'downsample hardware samples older than this (0 = keep all)',
      String(DEFAULT_RETENTION.sampleDays),
    )
    .option(
      '--session-days <n>',
      'delete sessions older than this (0 = keep forever)',
      String(DEFAULT_RETENTION.sessionDays),
    )
    .action(async (opts: StoreOptionValues & { sampleDays: string; sessionDays: string }) => {
      const policy = {
        sampleDays: days(opts.sampleDays, '--sample-days'),
        sessionDays: days(opts.sessionDays, '--session-days'),
      };
      await withStore(opts, async (store) => {
        const r = await store.prune(policy);
        process.stdout.write(
          `Pruned ${store.description}: ${r.sessionsDeleted} session(s) and ${r.resultsDeleted} result(s) deleted, samples of ${r.resultsDownsampled} result(s) downsampled.\n`,
        );
      });
    });
}
