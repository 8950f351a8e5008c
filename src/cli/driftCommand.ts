// `ollama-bench drift`: how far a quantization's greedy answers drift from a reference model's,
// token by token (share identical, mean first divergence, mean top-5 overlap before it). Refused
// when the server returns no log-probabilities or the two models' families differ.
import type { Command } from 'commander';
import { preflight } from '../core/bench/preflight';
import { InputError } from '../core/failures/inputError';
import { createOllamaClient } from '../core/ollama/ollamaClient';
import { compareDrift, DEFAULT_DRIFT_LIMIT, type DriftReport } from '../core/quality/driftRunner';
import { evalModels } from '../core/quality/evalModels';
import { resolveEvalOptions } from '../core/quality/evalOptions';
import { percent } from '../core/quality/evalReport';
import { CORE_SET, loadEvalSet } from '../core/quality/evalSetSource';
import { cancelOnSignals, SIGNAL_EXIT_CODES } from './cancelOnSignals';
import {
  addHostOption,
  addJsonOption,
  hostFrom,
  wholeNumber,
  type HostOptionValues,
  type JsonOptionValues,
} from './options';

interface DriftCommandValues extends HostOptionValues, JsonOptionValues {
  reference: string;
  candidate: string;
  set: string;
  limit: string;
  think?: boolean;
}

export function driftTable(r: DriftReport): string {
  const lines = [
    `Drift of ${r.candidate} from ${r.reference} on set ${r.set.name} (${r.items} of ${r.set.items} items${r.complete ? '' : ', cancelled'})`,
    `  identical answers:        ${percent(r.identical_share)}`,
    `  mean first divergence:    ${r.mean_first_divergence === null ? '- (none diverged)' : `token ${r.mean_first_divergence.toFixed(1)}`}`,
    `  mean top-5 overlap before: ${r.mean_top5_overlap === null ? '-' : percent(r.mean_top5_overlap)}`,
  ];
  return lines.join('\n');
}

export function registerDriftCommand(program: Command): void {
  const command = program
    .command('drift')
    .description(
      "Compare a candidate's greedy answers with a reference model's token by token (quantization drift; needs logprobs).",
    )
    .requiredOption('--reference <model>', 'the reference model, e.g. llama3.2:3b-instruct-q8_0')
    .requiredOption(
      '--candidate <model>',
      'the model compared with it, e.g. llama3.2:3b-instruct-q4_K_M',
    )
    .option('--set <core|file>', 'the shipped set "core" or a JSONL file of your own', CORE_SET)
    .option(
      '--limit <n>',
      'items compared, taken in turn from each category',
      String(DEFAULT_DRIFT_LIMIT),
    )
    .option('--think', 'let thinking models think (default: think false)');
  addHostOption(command);
  addJsonOption(command, 'print the comparison as JSON').action(
    async (opts: DriftCommandValues) => {
      const limit = wholeNumber(opts.limit, '--limit', 1);
      if (opts.reference.trim() === opts.candidate.trim())
        throw new InputError('--reference and --candidate name the same model');
      const set = loadEvalSet(opts.set);
      const options = resolveEvalOptions({ think: opts.think === true, limit });
      const host = hostFrom(opts);
      const ready = await preflight(host, [opts.reference, opts.candidate]);
      if (!ready.ok) throw new Error(ready.message);
      const client = createOllamaClient(host);
      const [reference, candidate] = await evalModels(client, [opts.reference, opts.candidate]);
      if (!reference || !candidate) throw new InputError('drift needs two models');
      const cancel = cancelOnSignals();
      try {
        const report = await compareDrift(reference, candidate, set, options, {
          // Ctrl-C aborts the item in flight too, not only the items after it.
          client: createOllamaClient(host, { signal: cancel.signal }),
          host,
          signal: cancel.signal,
          onGroup: (p) =>
            process.stderr.write(
              `${p.category}: ${p.correct}/${p.total} identical, ${p.done}/${p.of} items\n`,
            ),
        });
        process.stdout.write(
          opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${driftTable(report)}\n`,
        );
      } finally {
        cancel.dispose();
      }
      const signal = cancel.signalName();
      if (signal) process.exitCode = SIGNAL_EXIT_CODES[signal];
    },
  );
}
