// `ollama-bench eval`: each model's accuracy on an eval set (`core` or a JSONL file), greedy and
// seeded, stored in model_evaluations. The set is read and checked before anything runs (a bad
// line: exit 2, nothing stored); Ctrl-C keeps the items that finished.
import type { Command } from 'commander';
import { preflight } from '../core/bench/preflight';
import { createOllamaClient } from '../core/ollama/ollamaClient';
import { evalJson, evalTable, percent } from '../core/quality/evalReport';
import { evalModels } from '../core/quality/evalModels';
import { resolveEvalOptions } from '../core/quality/evalOptions';
import { evaluateModel, type GroupProgress } from '../core/quality/evalRunner';
import { CORE_SET, loadEvalSet } from '../core/quality/evalSetSource';
import { InputError } from '../core/failures/inputError';
import type { ModelEvaluation } from '../shared/evaluation';
import { cancelOnSignals, SIGNAL_EXIT_CODES } from './cancelOnSignals';
import {
  addHostOption,
  addJsonOption,
  addStoreOption,
  hostFrom,
  list,
  optionalWholeNumber,
  withStore,
  type HostOptionValues,
  type JsonOptionValues,
  type StoreOptionValues,
} from './options';

interface EvalCommandValues extends StoreOptionValues, HostOptionValues, JsonOptionValues {
  models: string;
  set: string;
  limit?: string;
  think?: boolean;
}

export const groupLine = (p: GroupProgress) =>
  `${p.model}: ${p.category} ${p.correct}/${p.total} correct (${percent(p.total ? p.correct / p.total : 0)}), ${p.done}/${p.of} items`;

export function registerEvalCommand(program: Command): void {
  const command = program
    .command('eval')
    .description(
      "Score models' answers on an eval set (accuracy, per category, failures); stored per model digest and set.",
    )
    .requiredOption('--models <names>', 'comma-separated model names')
    .option('--set <core|file>', 'the shipped set "core" or a JSONL file of your own', CORE_SET)
    .option('--limit <n>', 'ask only n items, taken in turn from each category')
    .option('--think', 'let thinking models think (default: think false)');
  addHostOption(command);
  addJsonOption(command, 'print {set, models:[…]} as JSON');
  addStoreOption(command).action(async (opts: EvalCommandValues) => {
    const names = list(opts.models);
    if (!names.length) throw new InputError('--models needs at least one model name');
    const limit = optionalWholeNumber(opts.limit, '--limit', 1);
    // The set first: a bad line stops everything before Ollama or the store is touched.
    const set = loadEvalSet(opts.set);
    const options = resolveEvalOptions({ think: opts.think === true, limit });
    const host = hostFrom(opts);
    const ready = await preflight(host, names);
    if (!ready.ok) throw new Error(ready.message);
    const client = createOllamaClient(host);
    const models = await evalModels(client, names);
    await withStore(opts, async (store) => {
      const cancel = cancelOnSignals();
      const done: ModelEvaluation[] = [];
      try {
        for (const model of models) {
          if (cancel.signal.aborted) break;
          const evaluation = await evaluateModel(model, set, options, {
            // Ctrl-C aborts the item in flight too, not only the items after it.
            client: createOllamaClient(host, { signal: cancel.signal }),
            signal: cancel.signal,
            onGroup: (p) => process.stderr.write(`${groupLine(p)}\n`),
          });
          if (evaluation.total === 0) break;
          await store.evaluations.insert(evaluation);
          done.push(evaluation);
        }
      } finally {
        cancel.dispose();
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(evalJson(done) ?? null, null, 2)}\n`);
      else process.stdout.write(`${evalTable(done)}\n`);
      const signal = cancel.signalName();
      if (signal) process.exitCode = SIGNAL_EXIT_CODES[signal];
    });
  });
}
