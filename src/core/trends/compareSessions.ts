// A candidate session against its baseline, test by test: the verdict on the chosen figure, and
// what changed in between. Reads through the OpenedStore contract only, so the CLI's `compare`,
// the extension's after-session check and the HTML report all judge the same way.
import { InputError } from '../failures/inputError';
import type { SessionDoc, TestResultDoc } from '../../shared/dto';
import { figureValues, type TrendFigure } from '../../shared/trendFigures';
import type { OpenedStore } from '../repositories/openedStore';
import { chooseBaseline, PINNED_BASELINE_TAG, resultSlots, type ResultSlot } from './baseline';
import { contextChanges, type ContextChanges } from './contextChanges';
import { DEFAULT_VERDICT_SETTINGS, judge, type VerdictSettings } from './verdict';
import type { ComparisonReport, ComparisonRow } from '../../shared/trends';

export type { ComparisonReport, ComparisonRow };

/** Bad input a user can fix (unknown session, nothing comparable). */
export class ComparisonInputError extends InputError {
  override readonly name = 'ComparisonInputError';
}

export type BaselineSpec =
  /** The default: previous comparable results, or the pinned session. */
  | { kind: 'auto' }
  | { kind: 'session'; sessionId: string }
  /** The newest earlier session that ran this model. */
  | { kind: 'latest'; model: string };

export interface CompareOptions {
  figure: TrendFigure;
  settings?: VerdictSettings;
}

/** "last" or a session id → the session; an unknown id is a ComparisonInputError. */
export async function resolveCandidate(store: OpenedStore, spec: string): Promise<SessionDoc> {
  if (spec === 'last') {
    const page = await store.sessions.querySessions({
      filter: { statuses: ['completed', 'cancelled', 'error'] },
      pageSize: 1,
    });
    const s = page.items[0];
    if (!s) throw new ComparisonInputError('there is no finished session in the store yet');
    return s;
  }
  return requireSession(store, spec);
}

/** Parses --baseline: a session id, or latest:MODEL. */
export function parseBaselineSpec(text: string | undefined): BaselineSpec {
  if (text === undefined || text === '' || text === 'auto') return { kind: 'auto' };
  if (text.startsWith('latest:')) {
    const model = text.slice('latest:'.length).trim();
    if (!model)
      throw new ComparisonInputError('latest: needs a model name, e.g. latest:llama3.2:3b');
    return { kind: 'latest', model };
  }
  return { kind: 'session', sessionId: text };
}

async function requireSession(store: OpenedStore, id: string): Promise<SessionDoc> {
  let s: SessionDoc | undefined;
  try {
    s = await store.sessions.getSession(id);
  } catch {
    s = undefined;
  }
  if (!s) throw new ComparisonInputError(`no session with id "${id}" (see ollama-bench history)`);
  return s;
}

/** Repetitions of one model's test in one session, read once per session. */
class RepetitionReader {
  private readonly cache = new Map<string, Promise<TestResultDoc[]>>();
  constructor(private readonly store: OpenedStore) {}

  async values(slot: ResultSlot, figure: TrendFigure): Promise<number[]> {
    let results = this.cache.get(slot.sessionId);
    if (!results) {
      results = this.store.sessions.getTestResults(slot.sessionId);
      this.cache.set(slot.sessionId, results);
    }
    const r = (await results).find(
      (x) => x.model_name === slot.model && x.test_type === slot.test && x.status === 'completed',
    );
    return figureValues(r?.metrics, figure);
  }
}

/** Earlier sessions that ran the model on the same machine, plus every pinned one. */
async function historyFor(store: OpenedStore, candidate: SessionDoc, model: string) {
  const filter = {
    models: [model],
    ...(candidate.hardware_config_id ? { hardwareConfigId: candidate.hardware_config_id } : {}),
  };
  const [recent, pinned] = await Promise.all([
    store.sessions.querySessions({
      filter: { ...filter, until: candidate.start_time },
      pageSize: 100,
    }),
    store.sessions.querySessions({
      filter: { ...filter, tags: [PINNED_BASELINE_TAG] },
      pageSize: 20,
    }),
  ]);
  const byId = new Map<string, SessionDoc>();
  for (const s of [...recent.items, ...pinned.items]) if (s._id) byId.set(s._id, s);
  return byId;
}

export async function compareSession(
  store: OpenedStore,
  candidate: SessionDoc,
  baseline: BaselineSpec,
  options: CompareOptions,
): Promise<ComparisonReport> {
  const settings = options.settings ?? DEFAULT_VERDICT_SETTINGS;
  const reader = new RepetitionReader(store);
  let slots = resultSlots(candidate);
  const plan: { slot: ResultSlot; base: ResultSlot[]; sessions: Map<string, SessionDoc> }[] = [];
  let pinned = false;

  if (baseline.kind === 'auto') {
    const histories = new Map<string, Map<string, SessionDoc>>();
    for (const slot of slots) {
      let history = histories.get(slot.model);
      if (!history) {
        history = await historyFor(store, candidate, slot.model);
        histories.set(slot.model, history);
      }
      const others = [...history.values()].flatMap(resultSlots);
      const choice = chooseBaseline(slot, others);
      pinned ||= choice.pinned && choice.slots.length > 0;
      if (choice.slots.length) plan.push({ slot, base: choice.slots, sessions: history });
    }
  } else {
    let base: SessionDoc;
    if (baseline.kind === 'latest') {
      slots = slots.filter((s) => s.model === baseline.model);
      if (!slots.length)
        throw new ComparisonInputError(
          `the candidate session has no completed test of ${baseline.model}`,
        );
      const page = await store.sessions.querySessions({
        filter: { models: [baseline.model], until: candidate.start_time },
        pageSize: 50,
      });
      const found = page.items.find(
        (s) => s._id !== candidate._id && resultSlots(s).some((x) => x.model === baseline.model),
      );
      if (!found)
        throw new ComparisonInputError(
          `no earlier session with a completed test of ${baseline.model} to compare with`,
        );
      base = found;
    } else {
      base = await requireSession(store, baseline.sessionId);
      if (base._id === candidate._id)
        throw new ComparisonInputError('the baseline and the candidate are the same session');
    }
    const baseSlots = resultSlots(base);
    // No id, no slots: resultSlots skips a session without one.
    const sessions = new Map<string, SessionDoc>(base._id ? [[base._id, base]] : []);
    for (const slot of slots) {
      const match = baseSlots.find((b) => b.model === slot.model && b.test === slot.test);
      if (match) plan.push({ slot, base: [match], sessions });
    }
  }

  const comparisons: ComparisonRow[] = [];
  const changed: ContextChanges = {};
  const baselineSessions = new Set<string>();
  const models = [...new Set(plan.map((p) => p.slot.model))];
  for (const { slot, base, sessions } of plan) {
    const candidateValues = await reader.values(slot, options.figure);
    const baseValues = (
      await Promise.all(base.map((b) => reader.values(b, options.figure)))
    ).flat();
    const { reason, ...verdict } = judge(options.figure, baseValues, candidateValues, settings);
    comparisons.push({
      model: slot.model,
      test: slot.test,
      ...verdict,
      ...(reason ? { reason } : {}),
    });
    for (const b of base) baselineSessions.add(b.sessionId);
    // What changed since the newest session the baseline was drawn from.
    const [first] = base;
    const newest = first && sessions.get(first.sessionId);
    if (newest) {
      const c = contextChanges(newest, candidate, models, [slot.test]);
      for (const [k, v] of Object.entries(c)) changed[k] ??= v;
    }
  }
  return {
    candidate_session: candidate._id ?? '',
    baseline_sessions: [...baselineSessions],
    pinned,
    comparisons,
    changed,
  };
}

/** The shape `compare --json` prints (CI scripts read it: keep it stable), with the session ids beside it. */
export function comparisonJson(report: ComparisonReport): Record<string, unknown> {
  return {
    comparisons: report.comparisons.map((c) => ({
      model: c.model,
      test: c.test,
      figure: c.figure,
      baseline: c.baseline,
      candidate: c.candidate,
      delta_pct: c.delta_pct,
      p_value: c.p_value,
      verdict: c.verdict,
      ...(c.reason ? { reason: c.reason } : {}),
    })),
    changed: report.changed,
    candidate_session: report.candidate_session,
    baseline_sessions: report.baseline_sessions,
  };
}
