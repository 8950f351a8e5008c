// `ollama-bench rank`: which model to run on this machine for a use case. Ranks the models of one
// machine's stored results by TOPSIS over the use case's criteria; prints a table or the
// RankingReport as JSON. Unknown figure or use case: exit 2.
import type { Command } from 'commander';
import { createHardwareMonitor } from '../core/hardware/systemHardwareMonitor';
import {
  fastestAccurateAt,
  parsePercent,
  type AccurateModel,
} from '../core/quality/fastestAccurate';
import type { RankOutcome } from '../core/rank/rankingRepository';
import { parseWeights, RankUsageError } from '../core/rank/useCaseRules';
import { textTableLines } from '../core/report/textTable';
import { formatBytes } from '../shared/byteSize';
import { rankFigureInfo, type RankFigure } from '../shared/rank/rankFigures';
import type { RankingReport } from '../shared/rank/rankingReport';
import {
  addHostOption,
  addJsonOption,
  addStoreOption,
  hostFrom,
  withStore,
  type HostOptionValues,
  type JsonOptionValues,
  type StoreOptionValues,
} from './options';

interface RankOptionValues extends StoreOptionValues, HostOptionValues, JsonOptionValues {
  useCase?: string;
  minAccuracy?: string;
  machine: string;
  weights?: string;
  latest?: boolean;
}

function shownValue(figure: RankFigure, v: number | undefined): string {
  if (v === undefined) return '-';
  if (rankFigureInfo(figure).unit === 'bytes') return formatBytes(v);
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

export function rankingTable(report: RankingReport, settings: RankOutcome['settings']): string {
  const lines = [`Use case ${report.use_case} on machine ${report.machine}`];
  lines.push(
    `Criteria: ${report.criteria
      .map((c) => {
        const s = settings[c.figure];
        const where = s ? `, suite ${s.suite} at num_ctx ${s.num_ctx}` : '';
        return `${c.figure} ${Math.round(c.weight * 100)} % (${c.direction}${where})`;
      })
      .join('; ')}`,
  );
  const header = ['RANK', 'MODEL', 'SCORE', 'PARETO', ...report.criteria.map((c) => c.figure)];
  const rows = report.ranking.map((m) => [
    String(m.rank),
    m.model,
    m.score.toFixed(3),
    m.pareto ? 'yes' : '',
    ...report.criteria.map((c) => shownValue(c.figure, m.inputs[c.figure])),
  ]);
  if (rows.length) {
    lines.push('', ...textTableLines([header, ...rows]));
  } else lines.push('', 'No model has every criterion on this machine yet.');
  if (report.not_ranked.length) {
    lines.push('', 'Not ranked:');
    for (const m of report.not_ranked) lines.push(`  ${m.model}: ${m.reason}`);
  }
  return lines.join('\n');
}

/** --min-accuracy as a percentage; it answers alone, without a use case or weights. */
function minAccuracyFrom(opts: RankOptionValues): number | undefined {
  if (opts.minAccuracy === undefined) return undefined;
  const bar = parsePercent(opts.minAccuracy);
  if (bar === undefined)
    throw new RankUsageError('--min-accuracy takes a percentage from 0 to 100, e.g. 80');
  if (opts.useCase !== undefined || opts.weights !== undefined || opts.latest)
    throw new RankUsageError(
      '--min-accuracy answers alone: leave out --use-case, --weights and --latest',
    );
  return bar;
}

async function machineFrom(opts: RankOptionValues): Promise<string> {
  const machine = opts.machine.trim();
  if (machine !== 'this') return machine;
  return (await createHardwareMonitor({ ollamaHost: hostFrom(opts) }).inventory()).fingerprint;
}

function accurateTable(
  machine: string,
  bar: number,
  answer: { found: AccurateModel[]; evaluated: number },
): string {
  const lines = [
    `Fastest with accuracy >= ${bar} % on the eval set core, on machine ${machine}`,
    '',
  ];
  if (answer.found.length)
    lines.push(
      ...textTableLines([
        ['MODEL', 'TOKENS/S', 'ACCURACY %'],
        ...answer.found.map((m) => [
          m.model,
          m.tokens_per_second.toFixed(1),
          m.accuracy.toFixed(1),
        ]),
      ]),
    );
  else
    lines.push(
      answer.evaluated
        ? `No model reaches ${bar} % (${answer.evaluated} evaluated).`
        : 'No model with results on this machine has been evaluated yet: run ollama-bench eval first.',
    );
  return lines.join('\n');
}

export function registerRankCommand(program: Command): void {
  const command = program
    .command('rank')
    .description(
      "Rank this machine's benchmarked models for a use case (TOPSIS over like-for-like results).",
    )
    .option(
      '--use-case <name>',
      'chat, long-documents, batch, code-completion, small-machine, or one of your own',
    )
    .option('--machine <fingerprint|this>', 'whose results to rank (hardware fingerprint)', 'this')
    .option(
      '--weights <figure=w,...>',
      "replace the use case's weights (positive numbers up to 1e6, normalised to sum 1)",
    )
    .option('--latest', 'rank by the latest comparable result instead of the median of the last 3')
    .option(
      '--min-accuracy <percent>',
      'instead of a use case: the fastest models with at least this accuracy on the eval set core',
    );
  addHostOption(command, 'for --machine this');
  addJsonOption(command, 'print the ranking as JSON');
  addStoreOption(command).action(async (opts: RankOptionValues) => {
    const weights = opts.weights !== undefined ? parseWeights(opts.weights) : undefined;
    const minAccuracy = minAccuracyFrom(opts);
    await withStore(opts, async (store) => {
      const rankings = store.rankings;
      if (minAccuracy !== undefined) {
        const machine = await machineFrom(opts);
        const answer = await fastestAccurateAt(rankings, machine, minAccuracy);
        process.stdout.write(
          opts.json
            ? `${JSON.stringify({ machine, min_accuracy: minAccuracy, models: answer.found }, null, 2)}\n`
            : `${accurateTable(machine, minAccuracy, answer)}\n`,
        );
        return;
      }
      if (!opts.useCase) {
        const names = (await rankings.listUseCases()).map((u) => u.name).join(', ');
        throw new RankUsageError(`--use-case is required (one of: ${names})`);
      }
      await rankings.getUseCase(opts.useCase);
      const machine = await machineFrom(opts);
      const outcome = await rankings.rank({
        useCase: opts.useCase,
        machine,
        weights,
        mode: opts.latest ? 'latest' : 'median3',
      });
      process.stdout.write(
        opts.json
          ? `${JSON.stringify(outcome.report, null, 2)}\n`
          : `${rankingTable(outcome.report, outcome.settings)}\n`,
      );
    });
  });
}
