// `ollama-bench suites list|show|delete`: the saved test suites (the suite library), with their
// authorship and run statistics. Deleting asks first unless --yes; sessions that ran a deleted
// suite keep their own copy of its options (session.options.suite_options).
import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { BUILTIN_SUITES } from '../core/bench/suites';
import { textTable } from '../core/report/textTable';
import type { SuiteDefinition } from '../shared/dto';
import { addStoreOption, withStore, type StoreOptionValues, jsonOption } from './options';

export function suiteTable(suites: readonly SuiteDefinition[]): string {
  const rows = suites.map((s) => {
    const x = s.execution_stats;
    return [
      s.name,
      s.kind,
      String(s.usage_count ?? 0),
      x?.runs ? `${Math.round(x.success_rate * 100)}%` : '–',
      x?.runs ? `${(x.avg_duration_ms / 1000).toFixed(1)}s` : '–',
      s.created_by ?? '–',
      s.description.length > 48 ? `${s.description.slice(0, 47)}…` : s.description,
    ];
  });
  return textTable([
    ['NAME', 'KIND', 'RUNS', 'SUCCESS', 'AVG', 'CREATED BY', 'DESCRIPTION'],
    ...rows,
  ]);
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function registerSuitesCommand(program: Command): void {
  const suites = program.command('suites').description('List, show and delete saved test suites.');

  addStoreOption(suites.command('list').description('List saved test suites.'))
    .option(
      '--search <text>',
      'only suites whose name, description or tags hold any of these words',
    )
    .addOption(jsonOption('print the suite documents'))
    .action(async (opts: StoreOptionValues & { search?: string; json?: boolean }) => {
      await withStore(opts, async (store) => {
        const list =
          opts.search !== undefined
            ? await store.suites.search(opts.search)
            : await store.suites.list();
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        if (!list.length)
          process.stdout.write(
            opts.search !== undefined
              ? `No saved suite matches "${opts.search}".\n`
              : 'No saved test suites yet.\n',
          );
        else process.stdout.write(`${suiteTable(list)}\n`);
        process.stdout.write(`Built-in: ${BUILTIN_SUITES.map((s) => s.name).join(', ')}\n`);
      });
    });

  addStoreOption(
    suites.command('show').description('Print one suite as JSON.').argument('<name>'),
  ).action(async (name: string, opts: StoreOptionValues) => {
    await withStore(opts, async (store) => {
      const builtin = BUILTIN_SUITES.find((s) => s.name.toLowerCase() === name.toLowerCase());
      const suite = builtin ?? (await store.suites.list()).find((s) => s.name === name);
      if (!suite) throw new Error(`no saved test suite named "${name}" (see: suites list)`);
      process.stdout.write(`${JSON.stringify(suite, null, 2)}\n`);
    });
  });

  addStoreOption(
    suites
      .command('delete')
      .description('Delete a saved suite; sessions that ran it keep their copy of its options.')
      .argument('<name>'),
  )
    .option('--yes', 'do not ask')
    .addOption(jsonOption('print {"deleted": true|false}'))
    .action(async (name: string, opts: StoreOptionValues & { yes?: boolean; json?: boolean }) => {
      if (BUILTIN_SUITES.some((s) => s.name.toLowerCase() === name.toLowerCase()))
        throw new Error(`"${name}" is a built-in suite; it cannot be deleted`);
      await withStore(opts, async (store) => {
        if (!(await store.suites.list()).some((s) => s.name === name))
          throw new Error(`no saved test suite named "${name}" (see: suites list)`);
        if (!opts.yes) {
          if (!process.stdin.isTTY)
            throw new Error(`add --yes to delete "${name}" without a prompt`);
          if (!(await confirm(`Delete the test suite "${name}"? [y/N] `))) {
            process.stderr.write('Not deleted.\n');
            return;
          }
        }
        const deleted = await store.suites.delete(name);
        process.stdout.write(
          opts.json
            ? `${JSON.stringify({ deleted })}\n`
            : `Deleted test suite "${name}"; sessions that ran it keep their copy of its options.\n`,
        );
      });
    });
}
