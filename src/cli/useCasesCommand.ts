// `ollama-bench use-cases`: the use cases `rank` ranks by — the shipped defaults and a user's own —
// listed, saved from a JSON file (a default's name edits that default) or deleted (a default
// comes back as shipped). A malformed use case is a usage error (exit 2) that says what to fix.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { RankUsageError } from '../core/rank/useCaseRules';
import type { UseCase } from '../shared/rank/useCase';
import { addStoreOption, withStore, type StoreOptionValues, jsonOption } from './options';

interface UseCasesOptionValues extends StoreOptionValues {
  save?: string;
  delete?: string;
  json?: boolean;
}

export function useCasesText(useCases: readonly UseCase[]): string {
  return useCases
    .map((u) => {
      const sum = u.criteria.reduce((s, c) => s + c.weight, 0) || 1;
      const criteria = u.criteria
        .map(
          (c) =>
            `${c.figure} ${Math.round((c.weight / sum) * 100)} %${c.direction ? ` (${c.direction})` : ''} [suite ${c.suite}]`,
        )
        .join(', ');
      return `${u.name}${u.builtin ? '' : ' (yours)'}: ${u.title}\n  ${criteria}`;
    })
    .join('\n');
}

export function registerUseCasesCommand(program: Command): void {
  const command = program
    .command('use-cases')
    .description(
      'List the use cases `rank` ranks by; --save a JSON file to add or edit one, --delete to remove it.',
    )
    .option('--save <file.json>', 'add or replace a use case from a JSON file')
    .option('--delete <name>', 'remove a stored use case (a default returns as shipped)')
    .addOption(jsonOption('print the use cases as JSON'));
  addStoreOption(command).action(async (opts: UseCasesOptionValues) => {
    await withStore(opts, async (store) => {
      const rankings = store.rankings;
      if (opts.save) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(readFileSync(opts.save, 'utf8'));
        } catch (err) {
          throw new RankUsageError(
            `--save: cannot read ${opts.save} as JSON: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
        await rankings.saveUseCase(parsed);
        process.stderr.write(`saved use case ${(parsed as { name: string }).name}\n`);
      }
      if (opts.delete) {
        const gone = await rankings.deleteUseCase(opts.delete);
        process.stderr.write(
          gone
            ? `deleted use case ${opts.delete}\n`
            : `no stored use case ${opts.delete} (nothing deleted)\n`,
        );
      }
      const all = await rankings.listUseCases();
      process.stdout.write(
        opts.json ? `${JSON.stringify(all, null, 2)}\n` : `${useCasesText(all)}\n`,
      );
    });
  });
}
