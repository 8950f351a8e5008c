// Sessions, their test results and hardware samples, and the machines and models they name:
// written once in MongoDB's language against the collection contract, so the same queries,
// updates and pipelines run on the official driver and on the embedded mingo engine. Where a
// MongoDB-compatible server lacks an operator (code 238, e.g. $group on jongodb), the figure is
// computed here from a plain find instead, so every backend answers the same.
import { ObjectId, type Document } from 'bson';
import type {
  HardwareConfig,
  HardwareSample,
  ModelInfo,
  SessionDoc,
  TestResultDoc,
} from '../../shared/dto';
import type {
  HistoryFilter,
  HistoryPage,
  HistoryQuery,
  ModelAggregate,
} from '../../shared/history';
import { bestTokensPerSecond } from '../../shared/throughput';
import { fromStored, idToString, toObjectIdOr, toStored } from '../store/bsonMapping';
import type { RunWriteTarget } from '../store/runWrites';
import type { SampleLayout } from '../store/storeBackend';
import { sampleBucket } from '../store/sampleBuckets';
import {
  DUPLICATE_KEY,
  NOT_IMPLEMENTED,
  errorCode,
  type StoreCollections,
} from '../store/storeCollection';
import {
  hardwareQuery,
  HistoryFilterError,
  pageSpec,
  sessionQuery,
  validateHistoryFilter,
} from './historyQuery';
import { aggregateInJs } from './modelAggregatesInJs';
import { HardwareFields, ModelFields, ResultFields, SessionFields } from './sessionFields';

/**
 * Told, and awaited, when sessions land (a final status is written) or go (deleted), so what is
 * derived from finished sessions (the trends' daily statistics) is kept up to date.
 */
export type SessionsChanged = (sessions: SessionDoc[]) => Promise<void>;

function requireId(id: unknown, what: string): ObjectId | string {
  if (typeof id !== 'string' || !id)
    throw new HistoryFilterError(`${what} must be a non-empty id string`);
  return toObjectIdOr(id);
}

/** Figures denormalised into each session so sorting by them is an index-friendly field sort. */
function sessionSummary(s: SessionDoc): Document {
  const start = Date.parse(s.start_time);
  const end = s.end_time ? Date.parse(s.end_time) : NaN;
  const names = s.models.map((m) => m.name.toLowerCase()).sort();
  return {
    duration_ms: Number.isFinite(end) ? end - start : null,
    model: names[0] ?? '',
    best_tokens_per_second: bestTokensPerSecond(s)?.tokensPerSecond ?? null,
  };
}

function storedSession(s: SessionDoc): Document {
  const doc = toStored(s, SessionFields);
  doc.summary = sessionSummary(s);
  return doc;
}

/** A session DTO as the sessions collection stores it (BSON dates and ids, the summary). */
export function storedSessionDocument(s: SessionDoc): Document {
  return storedSession(s);
}

/** A stored session as its DTO. */
export function sessionDto(doc: Document): SessionDoc {
  delete doc.summary;
  return fromStored<SessionDoc>(doc, SessionFields);
}

/** The collections this repository keeps. */
export type SessionCollections = Pick<
  StoreCollections,
  'hardwareConfigs' | 'models' | 'sessions' | 'results' | 'samples'
>;

export class SessionRepository implements RunWriteTarget {
  constructor(
    private readonly c: SessionCollections,
    readonly description: string,
    private readonly sampleLayout: SampleLayout,
    private readonly onSessionsChanged: SessionsChanged = async () => {},
  ) {}

  // ---- hardware configs ----

  async saveHardwareConfig(config: HardwareConfig): Promise<string> {
    if (typeof config.fingerprint !== 'string' || !config.fingerprint) {
      throw new TypeError('a hardware config needs its fingerprint');
    }
    const now = new Date();
    const { _id, created_at: _c, updated_at: _u, ...fields } = toStored(config, HardwareFields);
    const existing = await this.c.hardwareConfigs.findOne({ fingerprint: config.fingerprint });
    if (existing) {
      await this.c.hardwareConfigs.updateOne(
        { _id: existing._id },
        { $set: { ...fields, updated_at: now } },
      );
      return idToString(existing._id);
    }
    const doc = { ...fields, _id: _id ?? new ObjectId(), created_at: now, updated_at: now };
    try {
      await this.c.hardwareConfigs.insertOne(doc);
      return idToString(doc._id);
    } catch (err) {
      // Another window stored the same machine between our look and our insert.
      if (errorCode(err) !== DUPLICATE_KEY) throw err;
      const winner = await this.c.hardwareConfigs.findOne({ fingerprint: config.fingerprint });
      if (!winner) throw err;
      return idToString(winner._id);
    }
  }

  async getHardwareConfig(id: string): Promise<HardwareConfig | undefined> {
    const doc = await this.c.hardwareConfigs.findOne({ _id: requireId(id, 'hardware config id') });
    return doc ? fromStored<HardwareConfig>(doc, HardwareFields) : undefined;
  }

  async listHardwareConfigs(): Promise<HardwareConfig[]> {
    const docs = await this.c.hardwareConfigs
      .find({}, { sort: { created_at: 1, _id: 1 } })
      .toArray();
    return docs.map((d) => fromStored<HardwareConfig>(d, HardwareFields));
  }

  // ---- models ----

  async upsertModel(model: ModelInfo): Promise<string> {
    if (typeof model.name !== 'string' || !model.name)
      throw new TypeError('a model needs its name');
    const now = new Date();
    // Only what describes the model file; load state (loaded, size_vram, expires_at) is transient.
    const described: Document = toStored(
      {
        name: model.name,
        digest: model.digest,
        size: model.size,
        modified_at: model.modified_at,
        family: model.family,
        families: model.families,
        parameter_size: model.parameter_size,
        quantization_level: model.quantization_level,
        format: model.format,
        context_length: model.context_length,
        capabilities: model.capabilities,
      },
      ModelFields,
    );
    const tags = model.name.includes(':')
      ? [model.name.slice(model.name.indexOf(':') + 1)]
      : ['latest'];
    const existing = await this.c.models.findOne({ name: model.name });
    if (!existing) {
      const doc = {
        ...described,
        _id: new ObjectId(),
        tags,
        version: 1,
        versions: [{ version: 1, digest: model.digest, size: model.size, recorded_at: now }],
        created_at: now,
        updated_at: now,
      };
      try {
        await this.c.models.insertOne(doc);
        return idToString(doc._id);
      } catch (err) {
        if (errorCode(err) !== DUPLICATE_KEY) throw err;
        return this.upsertModel(model);
      }
    }
    const set: Document = { ...described, tags, updated_at: now };
    if (existing.digest !== model.digest) {
      // A new digest is a new version of the model: kept in the history, not overwritten.
      const version = (typeof existing.version === 'number' ? existing.version : 1) + 1;
      const versions = Array.isArray(existing.versions) ? existing.versions : [];
      set.version = version;
      set.versions = [
        ...versions,
        { version, digest: model.digest, size: model.size, recorded_at: now },
      ];
    }
    await this.c.models.updateOne({ _id: existing._id }, { $set: set });
    return idToString(existing._id);
  }

  /** The models collection as stored (for tests and the dashboard's model picker). */
  async listModels(): Promise<Document[]> {
    const docs = await this.c.models.find({}, { sort: { name: 1 } }).toArray();
    return docs.map((d) => fromStored<Document>(d, ModelFields));
  }

  // ---- sessions ----

  async insertSession(session: SessionDoc): Promise<string> {
    const doc = storedSession(session);
    if (doc._id === undefined) doc._id = new ObjectId();
    await this.c.sessions.insertOne(doc);
    return idToString(doc._id);
  }

  async updateSession(session: SessionDoc & { _id: string }): Promise<void> {
    const doc = storedSession(session);
    // Upsert: a session whose insert waited in the journal still lands whole.
    await this.c.sessions.replaceOne({ _id: doc._id }, doc, { upsert: true });
    // A session lands when its status is final: what is derived from it is recomputed.
    if (session.status !== 'running') await this.onSessionsChanged([session]);
  }

  /** Those of these sessions (by stored _id) that have landed (any status but running). */
  async landedSessions(ids: unknown[]): Promise<SessionDoc[]> {
    const docs = await this.c.sessions
      .find({ _id: { $in: ids }, status: { $ne: 'running' } })
      .toArray();
    return docs.map(sessionDto);
  }

  async getSession(id: string): Promise<SessionDoc | undefined> {
    const doc = await this.c.sessions.findOne({ _id: requireId(id, 'session id') });
    return doc ? sessionDto(doc) : undefined;
  }

  private async filterQuery(filter: HistoryFilter): Promise<Document> {
    const valid = validateHistoryFilter(filter);
    const hw = hardwareQuery(valid);
    if (!hw) return sessionQuery(valid);
    const configs = await this.c.hardwareConfigs.find(hw).toArray();
    return sessionQuery(
      valid,
      configs.map((d) => d._id),
    );
  }

  async querySessions(query: HistoryQuery): Promise<HistoryPage> {
    if (!query || typeof query !== 'object')
      throw new HistoryFilterError('a history query must be an object');
    const spec = pageSpec(query);
    const q = await this.filterQuery(query.filter);
    const [docs, total] = await Promise.all([
      this.c.sessions.find(q, { sort: spec.sort, skip: spec.skip, limit: spec.limit }).toArray(),
      this.c.sessions.countDocuments(q),
    ]);
    return { items: docs.map(sessionDto), total, page: spec.page, pageSize: spec.pageSize };
  }

  async countSessions(filter: HistoryFilter): Promise<number> {
    return this.c.sessions.countDocuments(await this.filterQuery(filter));
  }

  async deleteSessions(ids: string[]): Promise<number> {
    if (!Array.isArray(ids)) throw new HistoryFilterError('session ids must be a list');
    const oids = ids.map((id) => requireId(id, 'session id'));
    if (!oids.length) return 0;
    // What these sessions fed (the trends' days) is recomputed without them.
    const gone = (await this.c.sessions.find({ _id: { $in: oids } }).toArray()).map(sessionDto);
    const { deletedCount } = await this.c.sessions.deleteMany({ _id: { $in: oids } });
    await this.c.results.deleteMany({ session_id: { $in: oids } });
    await this.c.samples.deleteMany(
      this.sampleLayout === 'timeseries'
        ? { 'meta.session_id': { $in: oids } }
        : { session_id: { $in: oids } },
    );
    await this.onSessionsChanged(gone);
    return deletedCount;
  }

  async setSessionTags(id: string, tags: string[]): Promise<void> {
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) {
      throw new HistoryFilterError('tags must be a list of text values');
    }
    const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
    const { matchedCount } = await this.c.sessions.updateOne(
      { _id: requireId(id, 'session id') },
      { $set: { tags: clean, updated_at: new Date() } },
    );
    if (!matchedCount) throw new Error(`no session with id ${id}`);
  }

  async modelAggregates(filter: HistoryFilter): Promise<ModelAggregate[]> {
    const valid = validateHistoryFilter(filter);
    const q = await this.filterQuery(valid);
    const inner: Document = { 'models.tests.status': 'completed' };
    if (valid.models?.length) inner['models.name'] = { $in: valid.models };
    if (valid.testTypes?.length) inner['models.tests.type'] = { $in: valid.testTypes };
    const pipeline = [
      { $match: q },
      { $unwind: '$models' },
      { $unwind: '$models.tests' },
      { $match: inner },
      {
        $group: {
          _id: { model: '$models.name', test_type: '$models.tests.type' },
          runs: { $sum: 1 },
          best: { $max: '$models.tests.metrics.tokens_per_second' },
          mean: { $avg: '$models.tests.metrics.tokens_per_second' },
          last_run: { $max: '$start_time' },
        },
      },
      { $sort: { '_id.model': 1, '_id.test_type': 1 } },
    ];
    let rows: Document[];
    try {
      rows = await this.c.sessions.aggregate(pipeline).toArray();
    } catch (err) {
      if (errorCode(err) !== NOT_IMPLEMENTED) throw err;
      rows = aggregateInJs(await this.c.sessions.find(q).toArray(), valid);
    }
    return rows.map((r) => {
      const out: ModelAggregate = { model: r._id.model, test_type: r._id.test_type, runs: r.runs };
      if (typeof r.best === 'number') out.best_tokens_per_second = r.best;
      if (typeof r.mean === 'number') out.mean_tokens_per_second = r.mean;
      if (r.last_run instanceof Date) out.last_run = r.last_run.toISOString();
      return out;
    });
  }

  // ---- test results and their hardware samples ----

  async insertTestResult(result: TestResultDoc): Promise<string> {
    const { samples, ...rest } = result;
    const doc = toStored(rest, ResultFields);
    if (doc._id === undefined) doc._id = new ObjectId();
    doc.sample_count = samples?.length ?? 0;
    await this.c.results.insertOne(doc);
    if (samples?.length) await this.insertSamples(doc._id, doc.session_id, samples);
    return idToString(doc._id);
  }

  /** Insert that may repeat (journal replay): any earlier partial copy is replaced whole. */
  async replaceTestResult(result: TestResultDoc & { _id: string }): Promise<string> {
    const id = toObjectIdOr(result._id);
    await this.c.results.deleteMany({ _id: id });
    await this.c.samples.deleteMany(
      this.sampleLayout === 'timeseries' ? { 'meta.result_id': id } : { result_id: id },
    );
    return this.insertTestResult(result);
  }

  private async insertSamples(
    resultId: unknown,
    sessionId: unknown,
    samples: HardwareSample[],
  ): Promise<void> {
    if (this.sampleLayout === 'timeseries') {
      await this.c.samples.insertMany(
        samples.map(({ t, ...figures }) => ({
          t: new Date(t),
          meta: { result_id: resultId, session_id: sessionId },
          ...figures,
        })),
        { ordered: true },
      );
    } else {
      const bucket = sampleBucket(resultId, sessionId, samples);
      if (bucket) await this.c.samples.insertOne(bucket);
    }
  }

  async getTestResults(sessionId: string): Promise<TestResultDoc[]> {
    const sid = requireId(sessionId, 'session id');
    const docs = await this.c.results
      .find({ session_id: sid }, { sort: { created_at: 1, _id: 1 } })
      .toArray();
    const samples = await this.samplesOf(sid);
    return docs.map((d) => {
      const id = idToString(d._id);
      delete d.sample_count;
      const dto = fromStored<TestResultDoc>(d, ResultFields);
      const own = samples.get(id);
      if (own?.length) dto.samples = own;
      return dto;
    });
  }

  private async samplesOf(sid: ObjectId | string): Promise<Map<string, HardwareSample[]>> {
    const out = new Map<string, HardwareSample[]>();
    if (this.sampleLayout === 'timeseries') {
      const docs = await this.c.samples
        .find({ 'meta.session_id': sid }, { sort: { t: 1 } })
        .toArray();
      for (const { t, meta, _id, ...figures } of docs) {
        const key = idToString(meta.result_id);
        const list = out.get(key) ?? [];
        list.push({ t: (t as Date).getTime(), ...figures } as HardwareSample);
        out.set(key, list);
      }
    } else {
      const docs = await this.c.samples.find({ session_id: sid }, { sort: { start: 1 } }).toArray();
      for (const d of docs) {
        const key = idToString(d.result_id);
        out.set(key, [...(out.get(key) ?? []), ...(d.samples as HardwareSample[])]);
      }
    }
    return out;
  }
}
