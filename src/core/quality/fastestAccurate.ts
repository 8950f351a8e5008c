// "The fastest model with accuracy ≥ X %": of a ranking by tokens/s and accuracy (both read like
// for like, as every ranking reads them), the models at or above the bar, fastest first.
import type { RankFigure } from '../../shared/rank/rankFigures';
import type { RankingReport } from '../../shared/rank/rankingReport';
import { rankMachine, type RankMachine } from '../rank/rankMachine';
import type { OpenedStore } from '../repositories/openedStore';

/** The weights of the ranking this answer is read from. */
export const SPEED_AND_ACCURACY = new Map<RankFigure, number>([
  ['tokens_per_second', 1],
  ['accuracy', 1],
]);

export interface AccurateModel {
  model: string;
  tokens_per_second: number;
  /** Percent. */
  accuracy: number;
}

export function fastestWithAccuracy(report: RankingReport, minPercent: number): AccurateModel[] {
  return report.ranking
    .flatMap((m) => {
      const tps = m.inputs.tokens_per_second;
      const accuracy = m.inputs.accuracy;
      return tps !== undefined && accuracy !== undefined && accuracy >= minPercent
        ? [{ model: m.model, tokens_per_second: tps, accuracy }]
        : [];
    })
    .sort((a, b) => b.tokens_per_second - a.tokens_per_second);
}

export interface AccurateAnswer {
  /** The machine the ranking was read on; undefined when no machine has results yet. */
  machine?: RankMachine;
  /** The models at or above the bar, fastest first. */
  found: AccurateModel[];
  /** How many of the machine's models have both tokens/s and accuracy. */
  evaluated: number;
}

/** The fastest models at or above `minPercent` on one machine (`ollama-bench rank --min-accuracy`). */
export async function fastestAccurateAt(
  rankings: Pick<OpenedStore['rankings'], 'rank'>,
  machine: string,
  minPercent: number,
): Promise<Omit<AccurateAnswer, 'machine'>> {
  const { report } = await rankings.rank({ useCase: 'chat', machine, weights: SPEED_AND_ACCURACY });
  return { found: fastestWithAccuracy(report, minPercent), evaluated: report.ranking.length };
}

/**
 * The same on the machine the Rankings tab reads (this machine where it has results, else the
 * one with the newest): what Recommend a Model… answers.
 */
export async function fastestAccurateOn(
  store: Pick<OpenedStore, 'sessions' | 'rankings'>,
  here: string | undefined,
  minPercent: number,
): Promise<AccurateAnswer> {
  const machine = rankMachine(await store.sessions.listHardwareConfigs(), here);
  if (!machine) return { found: [], evaluated: 0 };
  return { machine, ...(await fastestAccurateAt(store.rankings, machine.fingerprint, minPercent)) };
}

/** The bar as typed ("80", "80 %", "80.5"), or undefined when it is no percentage. */
export function parsePercent(text: string): number | undefined {
  const n = Number(text.trim().replace(/\s*%$/, ''));
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 100 ? n : undefined;
}
