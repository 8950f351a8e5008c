// Which results a ranking may compare, and the value each model is ranked by. Like for like: one
// machine (the caller passes only its sessions) and, per criterion, one comparable setting — the
// same suite, num_predict, num_ctx and stream counts. Of the settings present, the one most
// models share is used (ties: the most recent). Per model and criterion the value is the median
// of its last 3 comparable results (or the latest only). A model lacking one is "not ranked",
// with what is missing and the command that would fill it.
import { isWorkloadRankFigure, workloadRankValue } from '../../shared/workloadRankFigures';
import { DEFAULT_NUM_CTX } from '../bench/runOptions';
import { median } from '../bench/stats';
import { BUILTIN_SUITES } from '../bench/suites';
import { testNumCtx } from '../../shared/testContext';
import type { SessionTest, SessionModel, RunOptions } from '../../shared/dto';
import type { RankFigure } from '../../shared/rank/rankFigures';
import type { NotRankedModel } from '../../shared/rank/rankingReport';
import type { RankRow } from '../../shared/rank/scoreRanking';
import type { ResolvedCriterion } from './useCaseRules';

/** The part of a stored session a ranking reads. */
export interface RankableSession {
  /** A string id or an ObjectId (String() gives its hex): converted only for the results picked. */
  id: string | { toString(): string };
  /** Epoch ms. */
  start: number;
  options: Pick<RunOptions, 'num_ctx' | 'suite_options' | 'suite_concurrency'>;
  models: (Pick<SessionModel, 'name' | 'load_time'> & { tests: RankableTest[] })[];
}

/** A session test as stored: result_id may still be an ObjectId. */
export type RankableTest = Pick<SessionTest, 'type' | 'status' | 'metrics'> & {
  result_id?: string | { toString(): string };
};

export type InputMode = 'median3' | 'latest';

/** The comparable setting of one criterion. */
export interface Setting {
  suite: string;
  num_predict?: number;
  num_ctx: number;
  streams?: number[];
}

/** One comparable result a model is ranked by. */
export interface Observation {
  value: number;
  sessionId: string;
  start: number;
  resultId?: string;
}

export interface ComparableInputs {
  rows: (RankRow & { sessionIds: string[] })[];
  notRanked: NotRankedModel[];
  /** Per figure: the setting compared (absent: no model has the figure at all). */
  settings: Partial<Record<RankFigure, Setting>>;
  /** Per model and figure: the results picked (newest first), for p90 look-ups and the record. */
  picked: Map<string, Partial<Record<RankFigure, Observation[]>>>;
}

const settingKey = (s: Setting) =>
  `${s.suite}\u0000${s.num_predict ?? ''}\u0000${s.num_ctx}\u0000${s.streams?.join(',') ?? ''}`;

/** A test's setting; where Ollama loaded less context than asked, the loaded one is its num_ctx. */
function settingOf(session: RankableSession, suite: string, loadedCtx?: number): Setting {
  const own = session.options.suite_options?.[suite];
  const streams = session.options.suite_concurrency?.[suite];
  const out: Setting = {
    suite,
    num_ctx: testNumCtx(own?.num_ctx ?? session.options.num_ctx ?? DEFAULT_NUM_CTX, loadedCtx),
  };
  if (own?.num_predict !== undefined) out.num_predict = own.num_predict;
  if (streams?.length) out.streams = [...streams];
  return out;
}

/** settingKey(settingOf(session, suite, loadedCtx)), without building the setting (once per session, suite and loaded context). */
function sessionSettingKey(session: RankableSession, suite: string, loadedCtx?: number): string {
  const own = session.options.suite_options?.[suite];
  const streams = session.options.suite_concurrency?.[suite];
  const numCtx = testNumCtx(own?.num_ctx ?? session.options.num_ctx ?? DEFAULT_NUM_CTX, loadedCtx);
  return `${suite}\u0000${own?.num_predict ?? ''}\u0000${numCtx}\u0000${streams?.length ? streams.join(',') : ''}`;
}

/** The figure of a completed test, as the session document holds it. */
export function figureOf(
  test: Pick<SessionTest, 'metrics' | 'status'>,
  model: Pick<SessionModel, 'load_time'>,
  figure: RankFigure,
): number | undefined {
  if (test.status !== 'completed' || test.metrics?.flags?.includes('implausible')) return undefined;
  if (isWorkloadRankFigure(figure)) return workloadRankValue(test.metrics, figure);
  // Accuracy is no session's figure: the ranking reads it from model_evaluations.
  if (figure === 'accuracy') return undefined;
  const v =
    figure === 'load_time' ? (test.metrics?.load_time ?? model.load_time) : test.metrics?.[figure];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The command that would fill a missing figure. */
export function fillCommand(model: string, setting: Setting): string {
  const parts = [
    `ollama-bench run --models ${model} --suite ${setting.suite}`,
    `--num-ctx ${setting.num_ctx}`,
  ];
  const builtin = BUILTIN_SUITES.find((s) => s.name === setting.suite);
  if (setting.num_predict !== undefined && setting.num_predict !== builtin?.options.num_predict)
    parts.push(`--num-predict ${setting.num_predict}`);
  return parts.join(' ');
}

function describeSetting(s: Setting): string {
  const parts = [`num_ctx ${s.num_ctx}`];
  if (s.num_predict !== undefined) parts.push(`num_predict ${s.num_predict}`);
  if (s.streams) parts.push(`streams ${s.streams.join('/')}`);
  return parts.join(', ');
}

/** sessions: one machine's, any order. */
export function comparableInputs(
  sessions: readonly RankableSession[],
  criteria: readonly ResolvedCriterion[],
  mode: InputMode = 'median3',
): ComparableInputs {
  const keep = mode === 'latest' ? 1 : 3;
  const newestFirst = [...sessions].sort((a, b) => b.start - a.start);
  // One slot per comparable setting; in it, per criterion (by index): model → observations, and
  // the start of the newest session that gave one.
  interface Slot {
    setting: Setting;
    perCriterion: { byModel: Map<string, Observation[]>; newest: number }[];
  }
  const slots = new Map<string, Slot>();
  const models = new Set<string>();
  const bySuite = new Map<string, { j: number; figure: RankFigure }[]>();
  criteria.forEach((c, j) =>
    bySuite.set(c.suite, [...(bySuite.get(c.suite) ?? []), { j, figure: c.figure }]),
  );
  // One setting per suite of the session, looked up once (10 000 sessions × 8 criteria); one map
  // emptied per session rather than one made per session.
  const sessionSlots = new Map<string, Slot>();
  for (const s of newestFirst) {
    sessionSlots.clear();
    for (const m of s.models) {
      models.add(m.name);
      for (const t of m.tests) {
        const wanted = bySuite.get(t.type);
        if (!wanted || t.status !== 'completed' || t.metrics?.flags?.includes('implausible'))
          continue;
        const loaded = t.metrics?.loaded_context_length;
        const slotKey = `${t.type}\u0000${loaded ?? ''}`;
        let slot = sessionSlots.get(slotKey);
        if (!slot) {
          const key = sessionSettingKey(s, t.type, loaded);
          slot = slots.get(key);
          if (!slot) {
            slot = {
              setting: settingOf(s, t.type, loaded),
              perCriterion: criteria.map(() => ({ byModel: new Map(), newest: -Infinity })),
            };
            slots.set(key, slot);
          }
          sessionSlots.set(slotKey, slot);
        }
        for (const { j, figure } of wanted) {
          const entry = slot.perCriterion[j];
          if (!entry) continue; // every slot has one entry per criterion
          let list = entry.byModel.get(m.name);
          // Newest first: once a model has its last `keep` results here, older ones do not count.
          if (list && list.length >= keep) continue;
          const value = figureOf(t, m, figure);
          if (value === undefined) continue;
          if (!list) {
            entry.byModel.set(m.name, (list = []));
            if (entry.newest === -Infinity) entry.newest = s.start;
          }
          const o: Observation = { value, sessionId: String(s.id), start: s.start };
          if (t.result_id) o.resultId = String(t.result_id);
          list.push(o);
        }
      }
    }
  }
  const allSlots = [...slots.values()];
  const settings: Partial<Record<RankFigure, Setting>> = {};
  const chosen = new Map<RankFigure, Map<string, Observation[]>>();
  /** Per criterion: every setting that has the figure, with its models. */
  const present = criteria.map((criterion, j) => ({
    criterion,
    groups: allSlots.flatMap((slot) => {
      const entry = slot.perCriterion[j];
      return entry?.byModel.size
        ? [{ setting: slot.setting, models: entry.byModel, newest: entry.newest }]
        : [];
    }),
  }));
  for (const { criterion: c, groups } of present) {
    const [best] = [...groups].sort((a, b) => b.models.size - a.models.size || b.newest - a.newest);
    if (!best) continue;
    settings[c.figure] = best.setting;
    chosen.set(c.figure, best.models);
  }
  const rows: ComparableInputs['rows'] = [];
  const notRanked: NotRankedModel[] = [];
  const picked: ComparableInputs['picked'] = new Map();
  for (const model of [...models].sort()) {
    const inputs: RankRow['inputs'] = {};
    const ids = new Set<string>();
    const mine: Partial<Record<RankFigure, Observation[]>> = {};
    // What is missing, grouped by the run that would fill it (one command, however many figures).
    const missing = new Map<
      string,
      { setting: Setting; figures: RankFigure[]; elsewhere?: Setting }
    >();
    for (const { criterion: c, groups } of present) {
      const obs = chosen.get(c.figure)?.get(model);
      if (obs?.length) {
        inputs[c.figure] = median(obs.map((o) => o.value));
        mine[c.figure] = obs;
        for (const o of obs) ids.add(o.sessionId);
        continue;
      }
      const setting = settings[c.figure] ?? { suite: c.suite, num_ctx: DEFAULT_NUM_CTX };
      const elsewhere = groups.find((g) => g.models.has(model))?.setting;
      const key = `${settingKey(setting)}|${elsewhere ? settingKey(elsewhere) : ''}`;
      const group = missing.get(key) ?? { setting, figures: [], elsewhere };
      group.figures.push(c.figure);
      missing.set(key, group);
    }
    const reasons = [...missing.values()].map(({ setting, figures, elsewhere }) => {
      const what = `no suite ${setting.suite} result with ${figures.join(', ')} at ${describeSetting(setting)}`;
      const only = elsewhere ? ` (only at ${describeSetting(elsewhere)})` : '';
      return `${what}${only}: run \`${fillCommand(model, setting)}\``;
    });
    if (reasons.length) notRanked.push({ model, reason: reasons.join('; ') });
    else {
      rows.push({ model, inputs, sessionIds: [...ids] });
      picked.set(model, mine);
    }
  }
  return { rows, notRanked, settings, picked };
}

/** Re-takes a figure's medians after some observations' values changed (ttft p90 from results). */
export function remedian(inputs: ComparableInputs, figure: RankFigure): void {
  for (const row of inputs.rows) {
    const obs = inputs.picked.get(row.model)?.[figure];
    if (obs?.length) row.inputs[figure] = median(obs.map((o) => o.value));
  }
}
