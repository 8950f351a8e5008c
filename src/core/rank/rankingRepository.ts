// Rankings over the store's collections: the `use_cases` a user edits (the defaults until they
// do), the like-for-like inputs of one machine, and `model_rankings`, the stored result of a use
// case's own ranking — used again until a comparable result lands on that machine, the use case
// changes, or it expires. Written once in MongoDB's language, so both backends behave the same.
import { ObjectId, type Document } from 'bson';
import type { ModelEvaluation } from '../../shared/evaluation';
import type { RankFigure } from '../../shared/rank/rankFigures';
import { isWorkloadRankFigure, workloadRankFields } from '../../shared/workloadRankFigures';
import type { NotRankedModel, RankedModel, RankingReport } from '../../shared/rank/rankingReport';
import { normaliseWeights, scoreRanking } from '../../shared/rank/scoreRanking';
import type { UseCase } from '../../shared/rank/useCase';
import { ACCURACY, accuracyMark, applyAccuracy } from '../quality/accuracyInputs';
import { idToString, toObjectIdOr } from '../store/bsonMapping';
import type { StoreCollection } from '../store/storeCollection';
import { visitMatches } from '../store/visitMatches';
import {
  comparableInputs,
  remedian,
  type InputMode,
  type RankableSession,
} from './comparableInputs';
import { DEFAULT_USE_CASES } from './defaultUseCases';
import { checkDepthCriteria } from './depthCriterion';
import {
  RankUsageError,
  resolveCriteria,
  validateUseCase,
  type ResolvedCriterion,
} from './useCaseRules';

export interface RankingCollections {
  sessions: StoreCollection;
  results: StoreCollection;
  hardwareConfigs: StoreCollection;
  useCases: StoreCollection;
  rankings: StoreCollection;
}

export interface RankRequest {
  useCase: string;
  /** A hardware fingerprint. */
  machine: string;
  /** Replaces the use case's weights (then nothing is stored). */
  weights?: Map<RankFigure, number>;
  /** Default median3: the median of the last 3 comparable results per figure. */
  mode?: InputMode;
  now?: Date;
}

export interface RankOutcome {
  report: RankingReport;
  /** Taken from model_rankings as stored (nothing new since it was computed). */
  cached: boolean;
  /** Per figure: the suite and setting compared, for the table's header line. */
  settings: Partial<Record<RankFigure, { suite: string; num_ctx: number; num_predict?: number }>>;
}

/** How long a stored ranking stands without a new comparable result (a day). */
export const RANKING_TTL_MS = 86_400_000;

/** Each model's latest complete evaluation on the eval set of this name (the quality feature's). */
export type AccuracySource = (set: string) => Promise<ModelEvaluation[]>;

export class RankingRepository {
  constructor(
    private readonly c: RankingCollections,
    private readonly accuracySource: AccuracySource = async () => [],
  ) {}

  // ---- use cases ----

  /** The defaults, each replaced by a stored use case of the same name, then the user's own. */
  async listUseCases(): Promise<UseCase[]> {
    const stored = await this.c.useCases.find({}, { sort: { name: 1 } }).toArray();
    const byName = new Map<string, UseCase>(
      DEFAULT_USE_CASES.map((u) => [u.name, structuredClone(u)]),
    );
    for (const d of stored) {
      const { _id, created_at, updated_at, ...rest } = d;
      const u = { ...(rest as UseCase), _id: idToString(_id) };
      if (created_at instanceof Date) u.created_at = created_at.toISOString();
      if (updated_at instanceof Date) u.updated_at = updated_at.toISOString();
      if (byName.has(u.name)) u.builtin = true;
      byName.set(u.name, u);
    }
    return [...byName.values()];
  }

  async getUseCase(name: string): Promise<UseCase> {
    const all = await this.listUseCases();
    const hit = all.find((u) => u.name === name);
    if (!hit)
      throw new RankUsageError(
        `unknown use case "${name}" (known: ${all.map((u) => u.name).join(', ')})`,
      );
    return hit;
  }

  /** Upsert by name (a default's name edits that default). */
  async saveUseCase(input: unknown): Promise<string> {
    const u = validateUseCase(input);
    const now = new Date();
    const { builtin: _b, ...fields } = u;
    const existing = await this.c.useCases.findOne({ name: u.name });
    if (existing) {
      await this.c.useCases.replaceOne(
        { _id: existing._id },
        { ...fields, created_at: existing.created_at ?? now, updated_at: now },
      );
      return idToString(existing._id);
    }
    const _id = new ObjectId();
    await this.c.useCases.insertOne({ ...fields, _id, created_at: now, updated_at: now });
    return idToString(_id);
  }

  /** Removes a stored use case (a default comes back as shipped). */
  async deleteUseCase(name: string): Promise<boolean> {
    const { deletedCount } = await this.c.useCases.deleteMany({ name });
    await this.c.rankings.deleteMany({ use_case: name });
    return deletedCount > 0;
  }

  // ---- machines ----

  /** The hardware config of a fingerprint, or undefined when no session of it is stored. */
  async machine(fingerprint: string): Promise<Document | null> {
    return this.c.hardwareConfigs.findOne({ fingerprint });
  }

  // ---- rankings ----

  async rank(req: RankRequest): Promise<RankOutcome> {
    const useCase = await this.getUseCase(req.useCase);
    const config = await this.machine(req.machine);
    if (!config) {
      const known = await this.c.hardwareConfigs.find({}).toArray();
      throw new Error(
        `no results stored for machine ${req.machine}${known.length ? ` (machines with results: ${known.map((k) => k.fingerprint).join(', ')})` : ' (the store holds no machine yet: run a benchmark first)'}`,
      );
    }
    const now = req.now ?? new Date();
    const hasGpu = Array.isArray(config.gpu) && config.gpu.length > 0;
    const { criteria, accuracy } = await this.withAccuracy(
      resolveCriteria(useCase, { weights: req.weights, hasGpu }),
    );
    const mode = req.mode ?? 'median3';
    const storable = !req.weights && mode === 'median3';
    // A stored ranking that read evaluations stands only while they are the latest.
    const signature =
      JSON.stringify(criteria) + (accuracy ? `|${accuracyMark(accuracy.evaluations)}` : '');
    if (storable) {
      const stored = await this.storedRanking(
        useCase.name,
        req.machine,
        config._id,
        signature,
        now,
      );
      if (stored)
        return { report: { ...stored, criteria: strip(criteria) }, cached: true, settings: {} };
    }
    const source = storable ? await this.sourceMark(config._id) : '';
    const sessions: RankableSession[] = [];
    await visitMatches(
      this.c.sessions,
      { hardware_config_id: config._id },
      rankableProjection(criteria),
      (d) => sessions.push(rankable(d)),
    );
    checkDepthCriteria(sessions, criteria);
    const inputs = comparableInputs(
      sessions,
      criteria.filter((c) => c.figure !== ACCURACY),
      mode,
    );
    if (criteria.some((c) => c.figure === 'ttft_ms')) await this.ttftP90(inputs);
    if (accuracy)
      Object.assign(
        inputs,
        applyAccuracy(inputs.rows, inputs.notRanked, accuracy.set, accuracy.evaluations),
      );
    const ranking = inputs.rows.length ? scoreRanking(inputs.rows, strip(criteria)) : [];
    const report: RankingReport = {
      use_case: useCase.name,
      machine: req.machine,
      criteria: strip(criteria),
      ranking,
      not_ranked: inputs.notRanked,
    };
    if (storable) {
      const ids = new Map(inputs.rows.map((r) => [r.model, r.sessionIds]));
      await this.storeRanking(report, ids, signature, source, now);
    }
    const settings: RankOutcome['settings'] = {};
    for (const [figure, s] of Object.entries(inputs.settings)) {
      if (!s) continue;
      settings[figure as RankFigure] = {
        suite: s.suite,
        num_ctx: s.num_ctx,
        num_predict: s.num_predict,
      };
    }
    return { report, cached: false, settings };
  }

  /**
   * The accuracy criterion's evaluations. Where no model has one on its set, the criterion is
   * left out (unless it is the only one) and the others' weights normalised again.
   */
  private async withAccuracy(criteria: ResolvedCriterion[]): Promise<{
    criteria: ResolvedCriterion[];
    accuracy?: { set: string; evaluations: ModelEvaluation[] };
  }> {
    const c = criteria.find((x) => x.figure === ACCURACY);
    if (!c) return { criteria };
    const evaluations = await this.accuracySource(c.suite);
    const others = criteria.filter((x) => x !== c);
    if (!evaluations.length && others.length) return { criteria: normaliseWeights(others) };
    return { criteria, accuracy: { set: c.suite, evaluations } };
  }

  /** ttft_ms is ranked by its p90 where the test result holds one (the session keeps the p50). */
  private async ttftP90(inputs: ReturnType<typeof comparableInputs>): Promise<void> {
    const obs = [...inputs.picked.values()]
      .flatMap((m) => m.ttft_ms ?? [])
      .flatMap((o) => (o.resultId ? [{ o, resultId: o.resultId }] : []));
    if (!obs.length) return;
    const ids = [...new Set(obs.map((x) => x.resultId))].map(toObjectIdOr);
    const docs = await this.c.results
      .find({ _id: { $in: ids } }, { projection: { 'metrics.stats.ttft_ms.p90': 1 } })
      .toArray();
    const p90 = new Map<string, number>();
    for (const d of docs) {
      const v = d.metrics?.stats?.ttft_ms?.p90;
      if (typeof v === 'number' && Number.isFinite(v)) p90.set(idToString(d._id), v);
    }
    for (const { o, resultId } of obs) {
      const v = p90.get(resultId);
      if (v !== undefined) o.value = v;
    }
    remedian(inputs, 'ttft_ms');
  }

  /** What a stored ranking was computed from: the machine's session count and latest write. */
  private async sourceMark(configId: unknown): Promise<string> {
    const [count, [latest]] = await Promise.all([
      this.c.sessions.countDocuments({ hardware_config_id: configId }),
      this.c.sessions
        .find({ hardware_config_id: configId }, { sort: { updated_at: -1 }, limit: 1 })
        .toArray(),
    ]);
    const at = latest?.updated_at instanceof Date ? latest.updated_at.toISOString() : '';
    return `${count}|${at}`;
  }

  private async storedRanking(
    useCase: string,
    machine: string,
    configId: unknown,
    signature: string,
    now: Date,
  ): Promise<Omit<RankingReport, 'criteria'> | undefined> {
    const docs = await this.c.rankings.find({ use_case: useCase, machine }).toArray();
    const [first] = docs;
    if (!first) return undefined;
    const calculated = first.calculated_at as Date;
    const fresh = docs.every(
      (d) =>
        d.signature === signature &&
        d.expires_at instanceof Date &&
        d.expires_at.getTime() > now.getTime() &&
        d.calculated_at instanceof Date &&
        d.calculated_at.getTime() === calculated.getTime(),
    );
    if (!fresh) return undefined;
    // A result that landed, changed or went on this machine since: recompute.
    if (first.source !== (await this.sourceMark(configId))) return undefined;
    const ranked = docs
      .filter((d) => typeof d.rank_position === 'number')
      .sort((a, b) => a.rank_position - b.rank_position || (a.model < b.model ? -1 : 1));
    const ranking: RankedModel[] = ranked.map((d) => ({
      model: d.model,
      score: d.composite_score,
      rank: d.rank_position,
      pareto: d.pareto === true,
      breakdown: d.score_breakdown ?? {},
      inputs: d.inputs ?? {},
    }));
    const notRanked: NotRankedModel[] = docs
      .filter((d) => typeof d.rank_position !== 'number')
      .sort((a, b) => (a.model < b.model ? -1 : 1))
      .map((d) => ({ model: d.model, reason: d.reason }));
    return { use_case: useCase, machine, ranking, not_ranked: notRanked };
  }

  private async storeRanking(
    report: RankingReport,
    sessionIds: Map<string, string[]>,
    signature: string,
    source: string,
    now: Date,
  ): Promise<void> {
    const base = {
      use_case: report.use_case,
      machine: report.machine,
      signature,
      source,
      calculated_at: now,
      expires_at: new Date(now.getTime() + RANKING_TTL_MS),
    };
    const docs: Document[] = [
      ...report.ranking.map((m) => ({
        ...base,
        _id: new ObjectId(),
        model: m.model,
        composite_score: m.score,
        rank_position: m.rank,
        score_breakdown: m.breakdown,
        pareto: m.pareto,
        inputs: m.inputs,
        input_session_ids: (sessionIds.get(m.model) ?? []).map(toObjectIdOr),
      })),
      ...report.not_ranked.map((m) => ({
        ...base,
        _id: new ObjectId(),
        model: m.model,
        composite_score: null,
        rank_position: null,
        reason: m.reason,
      })),
    ];
    await this.c.rankings.deleteMany({ use_case: report.use_case, machine: report.machine });
    if (docs.length) await this.c.rankings.insertMany(docs, { ordered: true });
  }

  /** model_rankings as stored for one use case and machine (for tests and the record). */
  async storedRankings(useCase: string, machine: string): Promise<Document[]> {
    return this.c.rankings
      .find({ use_case: useCase, machine }, { sort: { rank_position: 1, model: 1 } })
      .toArray();
  }
}

const strip = (criteria: readonly ResolvedCriterion[]) =>
  criteria.map(({ figure, weight, direction }) => ({ figure, weight, direction }));

/** Only what a ranking reads of a session (a 10 000-session store copies far less). */
function rankableProjection(criteria: readonly ResolvedCriterion[]): Record<string, 1> {
  const p: Record<string, 1> = {
    start_time: 1,
    'options.num_ctx': 1,
    'options.suite_options': 1,
    'options.suite_concurrency': 1,
    'models.name': 1,
    'models.load_time': 1,
    'models.tests.type': 1,
    'models.tests.status': 1,
    'models.tests.result_id': 1,
    'models.tests.metrics.flags': 1,
    // The context Ollama loaded is part of a test's comparable setting.
    'models.tests.metrics.loaded_context_length': 1,
  };
  for (const c of criteria)
    for (const field of isWorkloadRankFigure(c.figure) ? workloadRankFields(c.figure) : [c.figure])
      p[`models.tests.metrics.${field}`] = 1;
  return p;
}

/**
 * A stored session as the ranking reads it, without copying its models: they may be the store's
 * own (visitMatches), which the ranking only reads.
 */
function rankable(d: Document): RankableSession {
  return {
    id: d._id,
    start: d.start_time instanceof Date ? d.start_time.getTime() : Date.parse(String(d.start_time)),
    options: d.options ?? {},
    models: Array.isArray(d.models) ? d.models : [],
  };
}
