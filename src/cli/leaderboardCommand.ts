// `ollama-bench leaderboard --out board.html [--store S] [--sort F] [FILES…]`: one self-contained
// HTML page ranking machines per model, from a store and any bundles or archives. Bundles are
// verified first: a modified one is refused. Without files the store is read; with files, only
// when --store is given.
import type { Command } from 'commander';
import { renameSync, writeFileSync } from 'node:fs';
import { version } from '../../package.json';
import { InputError } from '../core/failures/inputError';
import {
  leaderboard,
  mergeSources,
  sourceOfEntries,
  type LeaderboardSource,
} from '../core/machines/leaderboardData';
import { renderLeaderboard } from '../core/machines/leaderboardHtml';
import { loadMachinesInput } from '../core/machines/machinesData';
import { verifyBundles } from '../core/machines/verifyBundles';
import { refuseKernelPath } from '../core/paths/kernelPathGuard';
import { readImportFile } from '../core/transfer/importFiles';
import { isMachineSortKey, MACHINE_SORT_KEYS } from '../shared/machines';
import { addStoreOption, withStore, type StoreOptionValues } from './options';

interface LeaderboardOptionValues extends StoreOptionValues {
  out: string;
  sort: string;
}

export function registerLeaderboardCommand(program: Command): void {
  const command = program
    .command('leaderboard')
    .description(
      'Write an offline leaderboard (one self-contained HTML page): per model the machines ranked, per machine its models; from a store and any bundles.',
    )
    .argument('[files...]', 'bundles (ollama-bench bundle) or archives to include')
    .requiredOption('--out <file.html>', 'where to write the page')
    .option('--sort <figure>', `rank by: ${MACHINE_SORT_KEYS.join(', ')}`, 'tokens_per_second');
  addStoreOption(command).action(async (files: string[], opts: LeaderboardOptionValues) => {
    if (!isMachineSortKey(opts.sort))
      throw new InputError(
        `--sort must be one of ${MACHINE_SORT_KEYS.join(', ')}, not "${opts.sort}"`,
      );
    await verifyBundles(files);
    const sources: LeaderboardSource[] = [];
    const names: string[] = [];
    if (opts.store !== undefined || !files.length) {
      const stored = await withStore(opts, (store) => loadMachinesInput(store));
      sources.push({ sessions: stored.sessions, hardware: stored.hardware.values() });
      names.push('the store');
    }
    for (const file of files) {
      sources.push(sourceOfEntries(await readImportFile(file)));
      names.push(file.split(/[/\\]/).pop() ?? file);
    }
    const input = mergeSources(sources);
    const html = renderLeaderboard(leaderboard(input, opts.sort), {
      toolVersion: version,
      generatedAt: new Date().toISOString(),
      sources: names,
    });
    refuseKernelPath(opts.out, 'the leaderboard file (--out)');
    const tmp = `${opts.out}.tmp-${process.pid}`;
    writeFileSync(tmp, html);
    renameSync(tmp, opts.out);
    process.stderr.write(`Wrote ${opts.out} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KB)\n`);
  });
}
