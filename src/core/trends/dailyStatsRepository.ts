// daily_model_stats: per machine × model × test × options key and UTC day, n / mean / p50 / p95 /
// min / max of tokens/s, prompt tokens/s and TTFT over every repetition of that day's comparable
// results. Recomputed for the days a session touches when it lands (or is deleted), by an
// aggregation on test_results: MongoDB's $group, which the embedded engine (mingo) answers the
// same. Percentiles are the one part computed here, from the $push'ed values: $percentile needs
// MongoDB 7 and its 'approximate' method differs from the interpolated percentiles every other
// view shows, so p50/p95 are computed the same way for both backends. A server that lacks $group
// (code 238, e.g. jongodb) gets the whole figure computed here from a plain find.
import type { Document } from 'bson';
import type { SessionDoc } from '../../shared/dto';
import { DAILY_FIGURES } from '../../shared/trendFigures';
import type {
  DailyFigure,
  DailyFigureStats,
  DailyModelStats,
  DailyStatsFilter,
} from '../../shared/trends';
import { mean, percentile } from '../bench/stats';
import { optionsKey } from './comparableKey';
import { idToString, toObjectIdOr } from '../store/bsonMapping';
import { HistoryFilterError } from '../sessions/historyQuery';
import { NOT_IMPLEMENTED, errorCode, type StoreCollection } from '../store/storeCollection';

const DAY = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export interface DailyStatsCollections {
  sessions: StoreCollection;
  results: StoreCollection;
  dailyStats: StoreCollection;
}

interface DayKey {
  machine: string;
  model: string;
  test_type: string;
  options_key: string;
  day: string;
}

const dayOf = (iso: string) => iso.slice(0, 10);
const keyId = (k: DayKey) =>
  [k.machine, k.model, k.test_type, k.options_key, k.day].map(encodeURIComponent).join('|');

/** The days a session's completed tests fall on, one key per model × test. */
export function dayKeys(session: SessionDoc): DayKey[] {
  const keys = new Map<string, DayKey>();
  for (const m of session.models) {
    for (const t of m.tests) {
      if (t.status !== 'completed') continue;
      const k: DayKey = {
        machine: session.hardware_config_id ?? '',
        model: m.name,
        test_type: t.type,
        options_key: optionsKey(session.options, t.type, t.metrics?.loaded_context_length),
        day: dayOf(session.start_time),
      };
      keys.set(keyId(k), k);
    }
  }
  return [...keys.values()];
}

function figureStats(values: number[], group?: Document, figure?: string): DailyFigureStats {
  // $avg/$min/$max from the pipeline where it ran; the same from the values otherwise.
  return {
    n: values.length,
    mean: typeof group?.[`${figure}_mean`] === 'number' ? group[`${figure}_mean`] : mean(values),
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    min:
      typeof group?.[`${figure}_min`] === 'number' ? group[`${figure}_min`] : Math.min(...values),
    max:
      typeof group?.[`${figure}_max`] === 'number' ? group[`${figure}_max`] : Math.max(...values),
  };
}

const numbers = (xs: unknown): number[] =>
  Array.isArray(xs)
    ? xs.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    : [];

export class DailyStatsRepository {
  constructor(private readonly c: DailyStatsCollections) {}

  /** optionsKey of a stored session and test type, by session _id: a landed session's options never change. */
  private readonly optionKeys = new Map<string, Map<string, string>>();

  /** Recomputes every day the session's results fall on (call when a session lands). */
  async refreshForSession(session: SessionDoc): Promise<void> {
    await this.refreshForSessions([session]);
  }

  /**
   * Recomputes every day the sessions' results fall on, each day key once however many of the
   * sessions share it (an import lands hundreds of sessions of one day at a time).
   */
  async refreshForSessions(sessions: readonly SessionDoc[]): Promise<void> {
    const keys = new Map<string, DayKey>();
    for (const s of sessions) for (const k of dayKeys(s)) keys.set(keyId(k), k);
    for (const key of keys.values()) await this.refresh(key);
  }

  /** Whether a stored session of the key's machine and day counts for the key. */
  private counts(doc: Document, key: DayKey): boolean {
    const models: Document[] = Array.isArray(doc.models) ? doc.models : [];
    const test = models
      .filter((m) => m.name === key.model && Array.isArray(m.tests))
      .flatMap((m) => m.tests as Document[])
      .find((t) => t.type === key.test_type && t.status === 'completed');
    if (!test) return false;
    // A test Ollama loaded with less context than asked is keyed by the loaded context.
    const loaded: unknown = (test.metrics as Document | undefined)?.loaded_context_length;
    if (typeof loaded === 'number')
      return (
        optionsKey(doc.options as SessionDoc['options'], key.test_type, loaded) === key.options_key
      );
    const id = idToString(doc._id);
    let byType = this.optionKeys.get(id);
    if (!byType) this.optionKeys.set(id, (byType = new Map()));
    let k = byType.get(key.test_type);
    if (k === undefined) {
      k = optionsKey(doc.options as SessionDoc['options'], key.test_type);
      byType.set(key.test_type, k);
    }
    return k === key.options_key;
  }

  /** The pipeline of one day key: every repetition of the comparable results of that day. */
  static pipeline(sessionIds: unknown[], key: DayKey): Document[] {
    const group: Document = { _id: null, sessions: { $addToSet: '$session_id' } };
    for (const f of DAILY_FIGURES) {
      const path = `$metrics.repetitions.${f}`;
      group[`${f}_values`] = { $push: path };
      group[`${f}_mean`] = { $avg: path };
      group[`${f}_min`] = { $min: path };
      group[`${f}_max`] = { $max: path };
    }
    return [
      {
        $match: {
          session_id: { $in: sessionIds },
          model_name: key.model,
          test_type: key.test_type,
          status: 'completed',
        },
      },
      { $unwind: '$metrics.repetitions' },
      { $group: group },
    ];
  }

  private async refresh(key: DayKey): Promise<void> {
    const start = new Date(`${key.day}T00:00:00.000Z`);
    const sessionQuery: Document = {
      start_time: { $gte: start, $lt: new Date(start.getTime() + DAY) },
      'models.name': key.model,
      // Only sessions that landed: a running one's figures are not final.
      status: { $ne: 'running' },
    };
    // A session without an inventory has no hardware_config_id: null matches a missing field.
    sessionQuery.hardware_config_id = key.machine ? toObjectIdOr(key.machine) : null;
    const docs = await this.c.sessions
      .find(sessionQuery, { projection: { _id: 1, models: 1, options: 1 } })
      .toArray();
    const ids = docs.filter((d) => this.counts(d, key)).map((d) => d._id);
    const _id = keyId(key);
    if (!ids.length) {
      await this.c.dailyStats.deleteMany({ _id });
      return;
    }
    let group: Document | undefined;
    try {
      [group] = await this.c.results.aggregate(DailyStatsRepository.pipeline(ids, key)).toArray();
    } catch (err) {
      if (errorCode(err) !== NOT_IMPLEMENTED) throw err;
      group = await this.groupInJs(ids, key);
    }
    const figures: Partial<Record<DailyFigure, DailyFigureStats>> = {};
    for (const f of DAILY_FIGURES) {
      const values = numbers(group?.[`${f}_values`]);
      if (values.length) figures[f] = figureStats(values, group, f);
    }
    const sessions = Array.isArray(group?.sessions) ? group.sessions.length : 0;
    if (!sessions) {
      await this.c.dailyStats.deleteMany({ _id });
      return;
    }
    await this.c.dailyStats.replaceOne(
      { _id },
      { _id, ...key, sessions, figures, updated_at: new Date() },
      { upsert: true },
    );
  }

  /** The $group above, for servers without accumulators. */
  private async groupInJs(ids: unknown[], key: DayKey): Promise<Document | undefined> {
    const results = await this.c.results
      .find({
        session_id: { $in: ids },
        model_name: key.model,
        test_type: key.test_type,
        status: 'completed',
      })
      .toArray();
    if (!results.length) return undefined;
    const out: Document = { sessions: [...new Set(results.map((r) => idToString(r.session_id)))] };
    for (const f of DAILY_FIGURES) {
      out[`${f}_values`] = results.flatMap((r) =>
        numbers((r.metrics?.repetitions ?? []).map((x: Document) => x[f])),
      );
    }
    return out;
  }

  async query(filter: DailyStatsFilter = {}): Promise<DailyModelStats[]> {
    if (!filter || typeof filter !== 'object')
      throw new HistoryFilterError('a daily statistics filter must be an object');
    const q: Document = {};
    for (const [field, name] of [
      ['model', 'model'],
      ['test_type', 'testType'],
      ['machine', 'machine'],
    ] as const) {
      const v = filter[name];
      if (v === undefined) continue;
      if (typeof v !== 'string') throw new HistoryFilterError(`${name} must be text`);
      q[field] = v;
    }
    const day: Document = {};
    for (const [op, name] of [
      ['$gte', 'since'],
      ['$lte', 'until'],
    ] as const) {
      const v = filter[name];
      if (v === undefined) continue;
      if (typeof v !== 'string' || !DAY_PATTERN.test(v))
        throw new HistoryFilterError(`${name} must be a day as YYYY-MM-DD, not "${String(v)}"`);
      day[op] = v;
    }
    if (Object.keys(day).length) q.day = day;
    const docs = await this.c.dailyStats
      .find(q, { sort: { day: 1, model: 1, test_type: 1, _id: 1 } })
      .toArray();
    return docs.map(({ _id, updated_at, ...rest }) => ({
      ...(rest as Omit<DailyModelStats, 'updated_at'>),
      updated_at: updated_at instanceof Date ? updated_at.toISOString() : String(updated_at),
    }));
  }
}
