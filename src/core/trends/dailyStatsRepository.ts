// daily_model_stats: per machine × model × test × options key and UTC day, n / mean / p50 / p95 /
// min / max of tokens/s, prompt tokens/s and TTFT over every repetition of that day's comparable
// results. A row also keeps the ids of the sessions that count in it (those with a repetition of
// that model and test that day) and each figure's values, sorted (dailyValues.ts), so a session
// that lands is folded in: its own results are read and merged into the rows of its days, and
// storing N sessions costs N folds, whatever the days already hold. A row is recomputed from
// scratch (every session of the day, every result of those) only when a session it already
// counts lands again or goes (deleted, pruned), and for rows kept before they held their values.
// Folds are compare-and-set on the row's revision, so processes landing sessions on the same day
// at once each count theirs. Plain finds only: the same on the embedded store and on every
// MongoDB server, with or without $group.
import type { Document } from 'bson';
import type { SessionDoc } from '../../shared/dto';
import type { DailyModelStats, DailyStatsFilter } from '../../shared/trends';
import { optionsKey } from './comparableKey';
import { dayKeyId, dayKeys, type DayKey } from './dayKey';
import {
  addValues,
  dailyFigures,
  hasRepetitions,
  joinValues,
  resultValues,
  storedValues,
  type DailyValues,
} from './dailyValues';
import { idToString, toObjectIdOr } from '../store/bsonMapping';
import { HistoryFilterError } from '../sessions/historyQuery';
import { DUPLICATE_KEY, errorCode, type StoreCollection } from '../store/storeCollection';

export { dayKeys } from './dayKey';

const DAY = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** Session ids asked for in one $in. */
const ID_BATCH = 500;
/** Folds tried on a row other processes keep changing, before it is recomputed instead. */
const FOLD_TRIES = 5;

export interface DailyStatsCollections {
  sessions: StoreCollection;
  results: StoreCollection;
  dailyStats: StoreCollection;
}

/** What one session adds to one row: its id and its results' values. */
interface Contribution {
  sessionId: string;
  values: DailyValues;
}

const RESULT_FIELDS: Record<string, 1> = {
  session_id: 1,
  model_name: 1,
  test_type: 1,
  'metrics.repetitions': 1,
  // The workload figures a day keeps beside the repetitions' (trendFigures.ts).
  'metrics.ttft_warm_ms': 1,
  'metrics.goodput_rps': 1,
  'metrics.max_sustainable_rps': 1,
  'metrics.rate_levels': 1,
};

const contributionKey = (sessionId: string, model: unknown, testType: unknown) =>
  `${sessionId}|${String(model)}|${String(testType)}`;

export class DailyStatsRepository {
  constructor(private readonly c: DailyStatsCollections) {}

  /** optionsKey of a stored session and test type, by session _id: a landed session's options never change. */
  private readonly optionKeys = new Map<string, Map<string, string>>();

  /** Brings the rows of the session's days up to date (call when a session lands or goes). */
  async refreshForSession(session: SessionDoc): Promise<void> {
    await this.refreshForSessions([session]);
  }

  /**
   * Brings the rows of the sessions' days up to date: each session that has landed and is not
   * yet counted is folded into its rows; a row that already counts one of them is recomputed.
   * A deleted session counts in no row afterwards (its results are gone), so the rows that
   * counted it are recomputed without it.
   */
  async refreshForSessions(landed: readonly SessionDoc[]): Promise<void> {
    // One session named twice counts once.
    const sessions = [...new Map(landed.map((s) => [s._id ?? '', s])).values()];
    const rows = new Map<string, { key: DayKey; sessions: SessionDoc[] }>();
    for (const s of sessions)
      for (const key of dayKeys(s)) {
        const id = dayKeyId(key);
        const row = rows.get(id) ?? { key, sessions: [] };
        row.sessions.push(s);
        rows.set(id, row);
      }
    if (!rows.size) return;
    const found = await this.resultsOf(sessions);
    for (const [id, row] of rows) {
      const contributions: Contribution[] = [];
      for (const s of row.sessions) {
        const values = found.get(contributionKey(s._id ?? '', row.key.model, row.key.test_type));
        if (values) contributions.push({ sessionId: s._id ?? '', values });
      }
      await this.foldInto(id, row.key, row.sessions, contributions);
    }
  }

  /** The values of the sessions' completed results, by session × model × test. */
  private async resultsOf(sessions: readonly SessionDoc[]): Promise<Map<string, DailyValues>> {
    const ids = sessions.flatMap((s) => (s._id ? [toObjectIdOr(s._id)] : []));
    const out = new Map<string, DailyValues>();
    for (let i = 0; i < ids.length; i += ID_BATCH) {
      const results = await this.c.results
        .find(
          { session_id: { $in: ids.slice(i, i + ID_BATCH) }, status: 'completed' },
          { projection: RESULT_FIELDS },
        )
        .toArray();
      for (const r of results) {
        if (!hasRepetitions(r)) continue;
        const key = contributionKey(idToString(r.session_id), r.model_name, r.test_type);
        out.set(key, addValues(out.get(key) ?? {}, resultValues(r)));
      }
    }
    return out;
  }

  private async foldInto(
    _id: string,
    key: DayKey,
    sessions: readonly SessionDoc[],
    contributions: readonly Contribution[],
  ): Promise<void> {
    for (let attempt = 0; attempt < FOLD_TRIES; attempt++) {
      const row = await this.c.dailyStats.findOne({ _id });
      const counted: unknown = row?.session_ids;
      if (row && !Array.isArray(counted)) return this.recompute(key);
      const ids = new Set((counted as unknown[] | undefined)?.map(String) ?? []);
      if (sessions.some((s) => ids.has(s._id ?? ''))) return this.recompute(key);
      if (!contributions.length) return;
      const values = addValues(
        storedValues(row?.values),
        joinValues(contributions.map((c) => c.values)),
      );
      for (const c of contributions) ids.add(c.sessionId);
      const revision = typeof row?.revision === 'number' ? row.revision : 0;
      const next = this.rowDocument(_id, key, [...ids], values, revision + 1);
      if (row) {
        const { matchedCount } = await this.c.dailyStats.replaceOne({ _id, revision }, next);
        if (matchedCount) return;
        continue;
      }
      try {
        await this.c.dailyStats.insertOne(next);
        return;
      } catch (err) {
        if (errorCode(err) !== DUPLICATE_KEY) throw err;
      }
    }
    await this.recompute(key);
  }

  private rowDocument(
    _id: string,
    key: DayKey,
    sessionIds: string[],
    values: DailyValues,
    revision: number,
  ): Document {
    return {
      _id,
      ...key,
      sessions: sessionIds.length,
      figures: dailyFigures(values),
      session_ids: sessionIds,
      values,
      revision,
      updated_at: new Date(),
    };
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

  /** The row of one day key from every session of that day and every result of those. */
  async recompute(key: DayKey): Promise<void> {
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
    const counted = new Set<string>();
    const found: DailyValues[] = [];
    for (let i = 0; i < ids.length; i += ID_BATCH) {
      const results = await this.c.results
        .find(
          {
            session_id: { $in: ids.slice(i, i + ID_BATCH) },
            model_name: key.model,
            test_type: key.test_type,
            status: 'completed',
          },
          { projection: RESULT_FIELDS },
        )
        .toArray();
      for (const r of results) {
        if (!hasRepetitions(r)) continue;
        counted.add(idToString(r.session_id));
        found.push(resultValues(r));
      }
    }
    const values = joinValues(found);
    const _id = dayKeyId(key);
    if (!counted.size) {
      await this.c.dailyStats.deleteMany({ _id });
      return;
    }
    const row = await this.c.dailyStats.findOne({ _id });
    const revision = typeof row?.revision === 'number' ? row.revision : 0;
    await this.c.dailyStats.replaceOne(
      { _id },
      this.rowDocument(_id, key, [...counted], values, revision + 1),
      { upsert: true },
    );
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
      .find(q, {
        sort: { day: 1, model: 1, test_type: 1, _id: 1 },
        projection: {
          machine: 1,
          model: 1,
          test_type: 1,
          options_key: 1,
          day: 1,
          sessions: 1,
          figures: 1,
          updated_at: 1,
        },
      })
      .toArray();
    // What the row keeps for folding stays here (a server may not apply the projection).
    return docs.map(
      ({ _id, updated_at, session_ids: _ids, values: _values, revision: _rev, ...rest }) => ({
        ...(rest as Omit<DailyModelStats, 'updated_at'>),
        updated_at: updated_at instanceof Date ? updated_at.toISOString() : String(updated_at),
      }),
    );
  }
}
