// Benchmark plans in the store: `benchmark_plans` (one per name) and `benchmark_configs` (one per
// point of a plan's matrix), a work queue shared by every worker on every machine. Workers
// coordinate only through atomic steps on these documents — a claim is one findOneAndUpdate, every
// later step is conditional on the claim still being the worker's — so there is no coordinator
// process: the same code runs over MongoDB and over the embedded store's cross-process lock.
import { ObjectId, type Document } from 'bson';
import type { SuiteDefinition } from '../../shared/dto';
import {
  ANY_MACHINE,
  CONFIG_STATUSES,
  cutError,
  type BenchmarkConfig,
  type BenchmarkPlan,
  type ClaimedBy,
  type ConfigStatus,
  type CreatePlanResult,
  type PlanCounts,
  type PlanDimensions,
  type PlanInput,
  type PlanStatus,
} from '../../shared/plans';
import { fromStored, idToString, toObjectIdOr } from '../store/bsonMapping';
import { DUPLICATE_KEY, errorCode, type StoreCollection } from '../store/storeCollection';
import { completedFields, type CompletedOutcome } from './completedConfig';
import { checkPlanInput, configKey, expandMatrix, PlanInputError } from './planMatrix';
import { planEtaSeconds } from './planEta';
import { resetStaleConfigs, type StaleReport } from './staleConfigs';

export type { StaleReport } from './staleConfigs';

/** Plan names an "unknown plan" error lists before it points at `plan list`. */
const SHOWN_PLAN_NAMES = 5;

const PlanFields = { dates: ['created_at', 'updated_at'], ids: ['_id'] };
const ConfigFields = {
  dates: ['created_at', 'started_at', 'heartbeat_at', 'completed_at'],
  ids: ['_id', 'plan_id', 'session_id', 'result_ids[]', 'lost_session_ids[]'],
};

export { DEFAULT_HEARTBEAT_MS, DEFAULT_STALE_AFTER_MS } from './planTiming';

/** The part of the driver's ChangeStream the view uses. */
interface ChangeStreamLike {
  on(event: 'change' | 'error', listener: (arg: unknown) => void): unknown;
  close(): Promise<void>;
}

export interface PlanCollections {
  plans: StoreCollection;
  configs: StoreCollection;
  /** To mark a lost worker's session interrupted. */
  sessions: StoreCollection;
}

export interface ClaimRequest {
  worker: ClaimedBy;
  /** Only configs of this plan. */
  planId?: string;
}

const configDto = (doc: Document) => fromStored<BenchmarkConfig>(doc, ConfigFields);
const planDto = (doc: Document) => fromStored<BenchmarkPlan>(doc, PlanFields);

function mergeDimensions(a: PlanDimensions, b: PlanDimensions): PlanDimensions {
  const union = <T>(x: T[] = [], y: T[] = []) => [...new Set([...x, ...y])];
  const merged: PlanDimensions = {
    ...b,
    models: union(a.models, b.models),
    suites: union(a.suites, b.suites),
    num_ctx: union(a.num_ctx, b.num_ctx),
  };
  const concurrency = union(a.concurrency, b.concurrency);
  if (concurrency.length) merged.concurrency = concurrency;
  return merged;
}

/**
 * How a claim is made atomic. `find-and-modify`: one findOneAndUpdate (the embedded store runs it
 * under its cross-process lock; MongoDB runs it atomically). `compare-and-set`: find the next
 * candidates, then a conditional updateOne on each ({_id, status: pending}); it relies only on
 * single-document atomicity, which every MongoDB-wire server keeps — jongodb's findOneAndUpdate
 * is a read then a write (8 clients claiming 150 documents got 154–166 claims), its conditional
 * updateOne is not.
 */
export type ClaimStrategy = 'find-and-modify' | 'compare-and-set';

const CLAIM_ORDER = { priority: 1, created_at: 1, _id: 1 } as const;
/** Candidates a compare-and-set claim tries before it looks again. */
const CLAIM_CANDIDATES = 16;

export class PlanRepository {
  constructor(
    private readonly c: PlanCollections,
    private readonly strategy: ClaimStrategy = 'find-and-modify',
    private readonly now: () => Date = () => new Date(),
  ) {}

  // ---- plans ----

  /**
   * The plan's matrix, stored: the plan upserted by name, then only the points whose key is new.
   * Safe to run twice, or on two machines at once (the unique key settles any race).
   */
  async createPlan(raw: PlanInput, custom: readonly SuiteDefinition[]): Promise<CreatePlanResult> {
    const { input, suites } = checkPlanInput(raw, custom);
    const points = expandMatrix(input, suites);
    const dimensions: PlanDimensions = {
      models: input.models,
      suites: input.suites,
      num_ctx: input.num_ctx,
      repetitions: input.repetitions,
      seed: input.seed,
      keep_alive: input.keep_alive,
      ...(input.concurrency ? { concurrency: input.concurrency } : {}),
      ...(input.num_predict !== undefined ? { num_predict: input.num_predict } : {}),
      ...(input.workload && Object.keys(input.workload).length ? { workload: input.workload } : {}),
    };
    const plan = await this.upsertPlan(input.name, dimensions, input.description);
    const planId = plan._id;
    const existingKeys = new Set(
      (await this.c.configs.find({ plan_id: planId }).toArray()).map((d) => String(d.key)),
    );
    const now = this.now();
    const fresh = points
      .map((p) => ({ point: p, key: configKey(idToString(planId), p) }))
      .filter(({ key }) => !existingKeys.has(key))
      .map(({ point, key }, i) => ({
        _id: new ObjectId(),
        plan_id: planId,
        ...point,
        key,
        status: 'pending',
        priority: input.priority,
        // Distinct, increasing times keep the matrix's order among equal priorities.
        created_at: new Date(now.getTime() + i),
        retry_count: 0,
        max_retries: input.max_retries,
        result_ids: [],
      }));
    let added = 0;
    if (fresh.length) {
      try {
        await this.c.configs.insertMany(fresh, { ordered: false });
        added = fresh.length;
      } catch (err) {
        if (errorCode(err) !== DUPLICATE_KEY) throw err;
        // Another process planned some of the same points meanwhile: add the rest one by one.
        for (const doc of fresh) {
          if (await this.c.configs.findOne({ key: doc.key })) continue;
          try {
            await this.c.configs.insertOne(doc);
            added++;
          } catch (e) {
            if (errorCode(e) !== DUPLICATE_KEY) throw e;
          }
        }
      }
    }
    const total = await this.c.configs.countDocuments({ plan_id: planId });
    return {
      plan_id: idToString(planId),
      name: input.name,
      added,
      existing: total - added,
      total,
    };
  }

  /** How many configs creating this plan would add, and how many exist already (for the form). */
  async previewPlan(
    raw: PlanInput,
    custom: readonly SuiteDefinition[],
  ): Promise<{ total: number; existing: number }> {
    const { input, suites } = checkPlanInput(raw, custom);
    const points = expandMatrix(input, suites);
    const plan = await this.c.plans.findOne({ name: input.name });
    if (!plan) return { total: points.length, existing: 0 };
    const keys = new Set(
      (await this.c.configs.find({ plan_id: plan._id }).toArray()).map((d) => String(d.key)),
    );
    const planId = idToString(plan._id);
    return {
      total: points.length,
      existing: points.filter((p) => keys.has(configKey(planId, p))).length,
    };
  }

  private async upsertPlan(
    name: string,
    dimensions: PlanDimensions,
    description: string | undefined,
  ): Promise<Document> {
    const now = this.now();
    const existing = await this.c.plans.findOne({ name });
    if (existing) {
      const merged = mergeDimensions(existing.dimensions as PlanDimensions, dimensions);
      await this.c.plans.updateOne(
        { _id: existing._id },
        {
          $set: {
            dimensions: merged,
            updated_at: now,
            ...(description ? { description } : {}),
          },
        },
      );
      return existing;
    }
    const doc = {
      _id: new ObjectId(),
      name,
      ...(description ? { description } : {}),
      dimensions,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.c.plans.insertOne(doc);
      return doc;
    } catch (err) {
      if (errorCode(err) !== DUPLICATE_KEY) throw err;
      return this.upsertPlan(name, dimensions, description);
    }
  }

  async listPlans(): Promise<BenchmarkPlan[]> {
    const docs = await this.c.plans.find({}, { sort: { created_at: 1, _id: 1 } }).toArray();
    return docs.map(planDto);
  }

  async getPlan(name: string): Promise<BenchmarkPlan | undefined> {
    const doc = await this.c.plans.findOne({ name });
    return doc ? planDto(doc) : undefined;
  }

  /** The plan by name, or an error that lists the plans there are. */
  async requirePlan(name: string): Promise<BenchmarkPlan> {
    const plan = await this.getPlan(name);
    if (plan) return plan;
    const names = (await this.listPlans()).map((p) => p.name);
    const shown = names.slice(0, SHOWN_PLAN_NAMES).join(', ');
    const more = names.length > SHOWN_PLAN_NAMES ? `, … (${names.length} in all: plan list)` : '';
    throw new PlanInputError(
      `No plan named "${name}". ${names.length ? `Plans: ${shown}${more}.` : 'There are no plans yet: create one with `ollama-bench plan create`.'}`,
    );
  }

  async configsOf(planId: string): Promise<BenchmarkConfig[]> {
    const docs = await this.c.configs
      .find({ plan_id: toObjectIdOr(planId) }, { sort: { priority: 1, created_at: 1, _id: 1 } })
      .toArray();
    return docs.map(configDto);
  }

  async getConfig(id: string): Promise<BenchmarkConfig | undefined> {
    const doc = await this.c.configs.findOne({ _id: toObjectIdOr(id) });
    return doc ? configDto(doc) : undefined;
  }

  async status(name?: string): Promise<PlanStatus[]> {
    const plans = name ? [await this.requirePlan(name)] : await this.listPlans();
    const out: PlanStatus[] = [];
    for (const plan of plans) {
      const configs = await this.configsOf(plan._id);
      const counts = Object.fromEntries(CONFIG_STATUSES.map((s) => [s, 0])) as PlanCounts;
      const machines: PlanStatus['machines'] = {};
      for (const c of configs) {
        counts[c.status]++;
        const host = c.claimed_by?.hostname;
        if (!host || !(['running', 'completed', 'failed'] as string[]).includes(c.status)) continue;
        machines[host] ??= { running: 0, completed: 0, failed: 0 };
        machines[host][c.status as 'running' | 'completed' | 'failed']++;
      }
      out.push({
        name: plan.name,
        plan_id: plan._id,
        counts,
        total: configs.length,
        eta_s: planEtaSeconds(configs),
        machines,
      });
    }
    return out;
  }

  /** Pending configs of the plan → cancelled. Returns how many. */
  async cancelPlan(name: string): Promise<number> {
    const plan = await this.requirePlan(name);
    const r = await this.c.configs.updateMany(
      { plan_id: toObjectIdOr(plan._id), status: 'pending' },
      { $set: { status: 'cancelled', completed_at: this.now() } },
    );
    return r.matchedCount;
  }

  /** Failed configs of the plan → pending again, with a fresh retry budget. */
  async retryFailed(name: string): Promise<number> {
    const plan = await this.requirePlan(name);
    const r = await this.c.configs.updateMany(
      { plan_id: toObjectIdOr(plan._id), status: 'failed' },
      {
        $set: { status: 'pending', retry_count: 0 },
        $unset: { error_message: '', claimed_by: '', completed_at: '', heartbeat_at: '' },
      },
    );
    return r.matchedCount;
  }

  /** The plan and its configs; sessions and results stay. Returns how many configs went. */
  async deletePlan(name: string): Promise<number> {
    const plan = await this.requirePlan(name);
    const r = await this.c.configs.deleteMany({ plan_id: toObjectIdOr(plan._id) });
    await this.c.plans.deleteMany({ _id: toObjectIdOr(plan._id) });
    return r.deletedCount;
  }

  // ---- the queue ----

  /**
   * One atomic step: the first pending config this worker may run (machine `any` or its own,
   * optionally of one plan), lowest priority then oldest, becomes running and the worker's.
   */
  async claim(req: ClaimRequest): Promise<BenchmarkConfig | undefined> {
    const now = this.now();
    const machines = req.worker.fingerprint ? [ANY_MACHINE, req.worker.fingerprint] : [ANY_MACHINE];
    const filter: Document = { status: 'pending', machine: { $in: machines } };
    if (req.planId) filter.plan_id = toObjectIdOr(req.planId);
    const update = {
      $set: {
        status: 'running',
        claimed_by: { ...req.worker },
        started_at: now,
        heartbeat_at: now,
      },
      $unset: { error_message: '', completed_at: '' },
    };
    if (this.strategy === 'find-and-modify') {
      const doc = await this.c.configs.findOneAndUpdate(filter, update, {
        sort: CLAIM_ORDER,
        returnDocument: 'after',
      });
      return doc ? configDto(doc) : undefined;
    }
    // Compare-and-set: the next candidates in claim order, each taken only if still pending.
    // A lost race moves on to the next one; an empty queue ends it.
    for (;;) {
      const candidates = await this.c.configs
        .find(filter, { sort: CLAIM_ORDER, limit: CLAIM_CANDIDATES })
        .toArray();
      if (!candidates.length) return undefined;
      for (const candidate of candidates) {
        const r = await this.c.configs.updateOne({ _id: candidate._id, status: 'pending' }, update);
        if (!r.matchedCount) continue;
        const doc = await this.c.configs.findOne({ _id: candidate._id });
        if (doc) return configDto(doc);
      }
    }
  }

  /** Only while the claim is still this worker's (a stale reset may have taken it back). */
  private mine(configId: string, workerId: string): Document {
    return {
      _id: toObjectIdOr(configId),
      status: 'running',
      'claimed_by.worker_id': workerId,
    };
  }

  /** Returns false when the claim is no longer this worker's. */
  async heartbeat(configId: string, workerId: string): Promise<boolean> {
    const r = await this.c.configs.updateOne(this.mine(configId, workerId), {
      $set: { heartbeat_at: this.now() },
    });
    return r.matchedCount > 0;
  }

  /** The session running the config, linked as soon as it exists (a lost run stays findable). */
  async linkSession(configId: string, workerId: string, sessionId: string): Promise<void> {
    await this.c.configs.updateOne(this.mine(configId, workerId), {
      $set: { session_id: toObjectIdOr(sessionId), heartbeat_at: this.now() },
    });
  }

  async complete(configId: string, workerId: string, outcome: CompletedOutcome): Promise<boolean> {
    const r = await this.c.configs.updateOne(this.mine(configId, workerId), {
      $set: { status: 'completed', completed_at: this.now(), ...completedFields(outcome) },
    });
    return r.matchedCount > 0;
  }

  /**
   * Exactly once: a config whose completed session is stored (its worker died between the two
   * writes) is marked completed with it, never run again; returns that session's id.
   */
  async completeFromStoredSession(configId: string, workerId: string): Promise<string | undefined> {
    const done = await this.c.sessions.findOne({
      config_id: toObjectIdOr(configId),
      status: 'completed',
    });
    if (!done) return undefined;
    const sessionId = idToString(done._id);
    const resultIds = (Array.isArray(done.models) ? (done.models as Document[]) : [])
      .flatMap((m) => (Array.isArray(m.tests) ? (m.tests as Document[]) : []))
      .filter((t) => t.result_id !== undefined && t.result_id !== null)
      .map((t) => idToString(t.result_id));
    return (await this.complete(configId, workerId, { sessionId, resultIds }))
      ? sessionId
      : undefined;
  }

  async fail(
    configId: string,
    workerId: string,
    message: string,
    outcome?: { sessionId: string; resultIds: string[] },
  ): Promise<boolean> {
    const r = await this.c.configs.updateOne(this.mine(configId, workerId), {
      $set: {
        status: 'failed',
        completed_at: this.now(),
        error_message: cutError(message),
        ...(outcome
          ? {
              session_id: toObjectIdOr(outcome.sessionId),
              result_ids: outcome.resultIds.map(toObjectIdOr),
            }
          : {}),
      },
    });
    return r.matchedCount > 0;
  }

  /**
   * The claim given back untouched (Ollama unreachable, the worker stopped): pending again, no
   * retry counted. Its session (cancelled or cut short) is kept, but no longer the config's.
   */
  async putBack(configId: string, workerId: string, reason?: string): Promise<boolean> {
    const r = await this.c.configs.updateOne(this.mine(configId, workerId), {
      $set: { status: 'pending', ...(reason ? { error_message: cutError(reason) } : {}) },
      $unset: { claimed_by: '', started_at: '', heartbeat_at: '', session_id: '' },
    });
    return r.matchedCount > 0;
  }

  /**
   * Running configs whose heartbeat is older than olderThanMs were lost with their worker: back
   * to pending with retry_count + 1, or failed once past max_retries. Their sessions are marked
   * interrupted. Each config is taken back with a conditional update, so two workers resetting at
   * once count one loss.
   */
  resetStale(olderThanMs: number): Promise<StaleReport> {
    return resetStaleConfigs(this.c, olderThanMs, this.now());
  }

  /**
   * Follows every change to the queue through a MongoDB change stream (replica sets, Atlas), so
   * a view sees other machines' progress as it happens. Undefined where there is no way to ask
   * (the embedded store); onEnd says why when the server refuses or drops the stream (a
   * standalone server, jongodb) — poll then.
   */
  follow(onChange: () => void, onEnd: (reason: string) => void): { close(): void } | undefined {
    const configs = this.c.configs as StoreCollection & {
      watch?: (pipeline: Document[]) => ChangeStreamLike;
    };
    if (typeof configs.watch !== 'function') return undefined;
    let stream: ChangeStreamLike;
    try {
      stream = configs.watch([]);
    } catch (err) {
      onEnd(err instanceof Error ? err.message : String(err));
      return undefined;
    }
    let open = true;
    const close = () => {
      if (!open) return;
      open = false;
      void stream.close().catch(() => undefined);
    };
    stream.on('change', () => onChange());
    stream.on('error', (err: unknown) => {
      if (!open) return;
      close();
      onEnd(err instanceof Error ? err.message : String(err));
    });
    return { close };
  }

  /** Configs of one status, for tests and the view. */
  async countByStatus(planId: string, status: ConfigStatus): Promise<number> {
    return this.c.configs.countDocuments({ plan_id: toObjectIdOr(planId), status });
  }
}
