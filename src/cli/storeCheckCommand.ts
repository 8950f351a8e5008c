// `ollama-bench store check [--repair] [--json]`: verifies an embedded store's logs (checksums,
// JSON, unique indexes, test results ⇄ sessions), says what it found, and with --repair rewrites
// the damaged logs keeping every good record. Exit 0: clean (or repaired); 1: damage left.
import type { Command } from 'commander';
import { isMongoUri } from '../core/store/mongo/connectionString';
import { resolveStoreSpec } from '../core/store/storeLocation';
import { checkStore, type StoreCheckReport } from '../core/store/embedded/storeCheck';
import { describeDamage } from '../core/store/storeIntegrity';
import { EXIT_CODES } from './exitCodes';
import { addStoreOption, type StoreOptionValues, jsonOption } from './options';

export function storeCheckText(report: StoreCheckReport): string {
  const out: string[] = [`Checked the embedded store at ${report.folder}`];
  if (report.unlocked) out.push(`(without its write lock: ${report.unlocked})`);
  for (const log of report.logs) {
    const unverified = log.unverified
      ? `, ${log.unverified} written before checksums (unverified)`
      : '';
    out.push(`  ${log.file}: ${log.records} record(s)${unverified}`);
  }
  if (!report.damage.length) {
    out.push('No damage found.');
    return `${out.join('\n')}\n`;
  }
  out.push('Damage:', ...describeDamage(report.damage).map((l) => `  ${l}`));
  const backups = report.logs.filter((l) => l.backup);
  if (backups.length) {
    out.push(
      report.repaired ? 'Repaired:' : 'Rewritten, but damage remains:',
      ...backups.map((l) => `  ${l.file} rewritten; the damaged file is kept as ${l.backup}`),
    );
    if (report.damage.some((d) => d.kind === 'missing'))
      out.push('  missing logs are no longer expected (what they held cannot be recovered)');
  } else if (report.repaired) {
    out.push('Repaired: missing logs are no longer expected (what they held cannot be recovered)');
  } else {
    out.push('Run `ollama-bench store check --repair` to rewrite the damaged logs without them.');
  }
  return `${out.join('\n')}\n`;
}

export function registerStoreCheckCommand(program: Command): void {
  const store = program
    .command('store')
    .description('Look after the embedded store (see `store check`).');
  addStoreOption(
    store
      .command('check')
      .description(
        'Verify an embedded store: checksums, JSON, unique keys, results ⇄ sessions. Exit 1 when damage is found.',
      ),
  )
    .option(
      '--repair',
      'rewrite damaged logs keeping every good record (the old file kept as .bak)',
    )
    .addOption(jsonOption('print the report as JSON'))
    .action(async (opts: StoreOptionValues & { repair?: boolean; json?: boolean }) => {
      const target = resolveStoreSpec(opts.store);
      if (isMongoUri(target))
        throw new Error(
          '`store check` verifies an embedded store folder; MongoDB checks its own data (db.collection.validate() in mongosh).',
        );
      const report = await checkStore(target, { repair: opts.repair });
      process.stdout.write(
        opts.json ? `${JSON.stringify(report, null, 2)}\n` : storeCheckText(report),
      );
      if (report.damage.length && !report.repaired) process.exitCode = EXIT_CODES.failed;
    });
}
