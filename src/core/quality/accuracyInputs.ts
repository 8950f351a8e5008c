// The ranking criterion `accuracy`: each model's latest complete evaluation on the criterion's
// set (its `suite` names the set, `core` by default), in percent. Quality does not depend on the
// machine, so one evaluation serves every machine's ranking. Evaluations of different contents of
// a set (another hash) or of different subsets (another limit) are not comparable: such a ranking
// is refused. Where no model has been evaluated on the set at all, the criterion is left out (the
// ranking is by speed alone, as before any eval); where some have, the others are "not ranked"
// with the command that evaluates them.
import type { ModelEvaluation } from '../../shared/evaluation';
import type { RankFigure } from '../../shared/rank/rankFigures';
import type { NotRankedModel } from '../../shared/rank/rankingReport';
import type { RankRow } from '../../shared/rank/scoreRanking';
import { InputError } from '../failures/inputError';

export const ACCURACY: RankFigure = 'accuracy';

/** The set an accuracy criterion reads when a use case or --weights names none. */
export const DEFAULT_ACCURACY_SET = 'core';

/** The suite a figure is measured by when --weights adds it to a use case that lacks it. */
export const defaultSuiteOf = (figure: RankFigure): string =>
  figure === ACCURACY ? DEFAULT_ACCURACY_SET : 'A';

export const evalCommand = (model: string, set: string) =>
  `ollama-bench eval --models ${model} --set ${set}`;

/** What a stored ranking depends on beyond the sessions: the evaluations it read. */
export const accuracyMark = (evaluations: readonly ModelEvaluation[]) =>
  evaluations
    .map((e) => `${e.model}@${e.evaluated_at}`)
    .sort()
    .join(',');

/**
 * Adds each row's accuracy (percent) or moves the row to `notRanked`. Throws an InputError when
 * the evaluations are of different versions or subsets of the set.
 */
export function applyAccuracy<R extends RankRow>(
  rows: R[],
  notRanked: NotRankedModel[],
  set: string,
  evaluations: readonly ModelEvaluation[],
): { rows: R[]; notRanked: NotRankedModel[] } {
  const byModel = new Map(evaluations.map((e) => [e.model, e]));
  const concerned = [...rows.map((r) => r.model), ...notRanked.map((n) => n.model)]
    .map((m) => byModel.get(m))
    .filter((e): e is ModelEvaluation => e !== undefined);
  const versions = new Map<string, string[]>();
  for (const e of concerned) {
    const version = `${e.set.hash.slice(0, 12)} (${e.set.items} items)`;
    versions.set(version, [...(versions.get(version) ?? []), e.model]);
  }
  if (versions.size > 1)
    throw new InputError(
      `accuracy: the models were evaluated on different versions of set "${set}" (${[...versions]
        .map(([v, models]) => `${models.join(', ')} on ${v}`)
        .join('; ')}); evaluate them again on one: ${evalCommand(
        concerned.map((e) => e.model).join(','),
        set,
      )}`,
    );
  const kept: R[] = [];
  const moved: NotRankedModel[] = notRanked.map((n) =>
    byModel.has(n.model)
      ? n
      : {
          model: n.model,
          reason: `${n.reason}; no accuracy on set ${set}: run \`${evalCommand(n.model, set)}\``,
        },
  );
  for (const row of rows) {
    const e = byModel.get(row.model);
    if (e) {
      row.inputs[ACCURACY] = e.accuracy * 100;
      kept.push(row);
    } else
      moved.push({
        model: row.model,
        reason: `no accuracy on set ${set}: run \`${evalCommand(row.model, set)}\``,
      });
  }
  moved.sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  return { rows: kept, notRanked: moved };
}
