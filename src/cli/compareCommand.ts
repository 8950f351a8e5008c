// `ollama-bench compare`: a CI gate. The candidate's tests against their baseline with the
// Mann-Whitney U test; exit 0 when nothing regressed, 1 on a regression, 2 on bad input (unknown
// session, nothing comparable, a bad option), so a pipeline can fail on exactly a regression.
import type { Command } from 'commander';
import {
  ComparisonInputError,
  compareSession,
  comparisonJson,
  parseBaselineSpec,
  resolveCandidate,
} from '../core/trends/compareSessions';
import { comparisonTable } from '../core/trends/comparisonText';
import { checkVerdictSettings, DEFAULT_VERDICT_SETTINGS } from '../core/trends/verdict';
import { isTrendFigure, TREND_FIGURES, type TrendFigure } from '../shared/trendFigures';
import { EXIT_CODES } from './exitCodes';
import {
  addJsonOption,
  addStoreOption,
  withStore,
  type JsonOptionValues,
  type StoreOptionValues,
} from './options';

/** Exit codes of `compare`, the contract a CI job relies on. */
export const CompareExit = {
  ok: EXIT_CODES.ok,
  regression: EXIT_CODES.failed,
  badInput: EXIT_CODES.usage,
} as const;

interface CompareOptionValues extends StoreOptionValues, JsonOptionValues {
  baseline?: string;
  candidate: string;
  figure: string;
  alpha: string;
  minEffect: string;
}

function parseNumber(text: string, option: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n))
    throw new ComparisonInputError(`${option} must be a number, not "${text}"`);
  return n;
}

export function registerCompareCommand(program: Command): void {
  const command = program
    .command('compare')
    .description(
      'Compare a session with its baseline (Mann-Whitney U on the repetitions); exit 0 no regression, 1 regression, 2 bad input.',
    )
    .option(
      '--baseline <id|latest:MODEL>',
      'a session id, or latest:MODEL for the newest earlier session of that model (default: the previous comparable results, up to 5 sessions back, or the pinned baseline)',
    )
    .option('--candidate <id|last>', 'the session to judge', 'last')
    .option(
      '--figure <figure>',
      `what to compare: ${Object.keys(TREND_FIGURES).join(', ')}`,
      'tokens_per_second',
    )
    .option('--alpha <p>', 'significance level', String(DEFAULT_VERDICT_SETTINGS.alpha))
    .option(
      '--min-effect <percent>',
      'smallest change of the median that counts',
      String(DEFAULT_VERDICT_SETTINGS.minEffectPct),
    );
  addJsonOption(command, 'print the comparisons as JSON');
  // A bad option is bad input (2), never a "regression" (1), for a CI job reading the code.
  command.exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : CompareExit.badInput));
  addStoreOption(command).action(async (opts: CompareOptionValues) => {
    try {
      if (!isTrendFigure(opts.figure))
        throw new ComparisonInputError(
          `--figure must be one of ${Object.keys(TREND_FIGURES).join(', ')}, not "${opts.figure}"`,
        );
      const figure: TrendFigure = opts.figure;
      const settings = checkVerdictSettings({
        alpha: parseNumber(opts.alpha, '--alpha'),
        minEffectPct: parseNumber(opts.minEffect, '--min-effect'),
      });
      const baseline = parseBaselineSpec(opts.baseline);
      const report = await withStore(opts, async (store) => {
        const candidate = await resolveCandidate(store, opts.candidate);
        return compareSession(store, candidate, baseline, { figure, settings });
      });
      if (!report.comparisons.length)
        throw new ComparisonInputError(
          `nothing comparable: session ${report.candidate_session} has no completed test with a baseline (same machine, model, test and options)`,
        );
      process.stdout.write(
        opts.json
          ? `${JSON.stringify(comparisonJson(report), null, 2)}\n`
          : comparisonTable(report),
      );
      const regressed = report.comparisons.some((c) => c.verdict === 'regression');
      process.exitCode = regressed ? CompareExit.regression : CompareExit.ok;
    } catch (err) {
      // Every failure is reported as bad input: exit 1 means a regression and nothing else.
      process.stderr.write(
        `ollama-bench compare: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      process.exitCode = CompareExit.badInput;
    }
  });
}
