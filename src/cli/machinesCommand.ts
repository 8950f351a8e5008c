// `ollama-bench machines [--model M] [--suite S] [--sort FIGURE] [--json]`: one model and test
// across every machine in the store, like for like, sorted by the chosen figure.
import type { Command } from 'commander';
import { InputError } from '../core/failures/inputError';
import { machinesView } from '../core/machines/machineRows';
import { loadMachinesInput } from '../core/machines/machinesData';
import { machinesJson, machinesText } from '../core/machines/machinesText';
import { isMachineSortKey, MACHINE_SORT_KEYS } from '../shared/machines';
import {
  addJsonOption,
  addStoreOption,
  withStore,
  type JsonOptionValues,
  type StoreOptionValues,
} from './options';

interface MachinesOptionValues extends StoreOptionValues, JsonOptionValues {
  model?: string;
  suite?: string;
  sort: string;
}

export function registerMachinesCommand(program: Command): void {
  const command = program
    .command('machines')
    .description(
      'Compare one model and test across the machines in the store: median and 95 % interval per machine, LocalScore, like for like.',
    )
    .option('--model <name>', 'the model (default: the one the most machines ran)')
    .option('--suite <test>', 'the test, e.g. A (default: the one the most machines ran)')
    .option('--sort <figure>', `sort by: ${MACHINE_SORT_KEYS.join(', ')}`, 'tokens_per_second');
  addJsonOption(
    command,
    'print {model, suite, machines: [{machine_id, hostname, summary, figures {median, ci95}, n, localscore}]}',
  );
  addStoreOption(command).action(async (opts: MachinesOptionValues) => {
    if (!isMachineSortKey(opts.sort))
      throw new InputError(
        `--sort must be one of ${MACHINE_SORT_KEYS.join(', ')}, not "${opts.sort}"`,
      );
    const sort = opts.sort;
    const view = await withStore(opts, async (store) => {
      const input = await loadMachinesInput(store, opts.model ? { models: [opts.model] } : {});
      return machinesView(input.sessions, input.hardware, {
        ...(opts.model ? { model: opts.model } : {}),
        ...(opts.suite ? { suite: opts.suite } : {}),
        sort,
      });
    });
    process.stdout.write(
      opts.json ? `${JSON.stringify(machinesJson(view), null, 2)}\n` : machinesText(view),
    );
  });
}
