// What openStore hands back: one backend (its collections, integrity, outage journal) and every
// feature's repository built over those collections. This is the one place that knows them all:
// it wires what one feature must hear from another (a session that lands refreshes the trends'
// daily statistics; retention deletes through the sessions repository) so that neither the
// backends nor the repositories know each other.
import { EvaluationRepository } from '../quality/evaluationRepository';
import { PlanRepository } from '../plans/planRepository';
import { RankingRepository } from '../rank/rankingRepository';
import { RetentionRepository } from '../retention/retentionRepository';
import { SessionRepository } from '../sessions/sessionRepository';
import type { RunWriteTarget } from '../store/runWrites';
import type { BackendKind, StoreBackend } from '../store/storeBackend';
import { SuiteRepository } from '../suites/suiteRepository';
import { RawDocuments } from '../transfer/rawDocuments';
import { DailyStatsRepository } from '../trends/dailyStatsRepository';

export interface OpenedStore {
  readonly kind: BackendKind;
  /** Human-readable description for logs and errors (password redacted). */
  readonly description: string;
  /** Collections, integrity, the outage journal (pendingWrites, flushJournal). */
  readonly backend: StoreBackend;
  /** Machines, models, sessions, their results and samples, history queries. */
  readonly sessions: SessionRepository;
  /**
   * What a run writes (and tag edits), as the backend takes them: on MongoDB through the outage
   * journal, which holds them while the server is away; elsewhere the sessions repository itself.
   */
  readonly runWrites: RunWriteTarget;
  /** The saved test suites (custom_suites). */
  readonly suites: SuiteRepository;
  /** Raw documents for import, copy and archives. */
  readonly documents: RawDocuments;
  /** Benchmark plans: the plan and config collections, as a work queue. */
  readonly plans: PlanRepository;
  /** Use cases and rankings per use case. */
  readonly rankings: RankingRepository;
  /** daily_model_stats, kept up to date as sessions land or go. */
  readonly dailyStats: DailyStatsRepository;
  /** Downsampling, archive and deletion of old data; its last run. */
  readonly retention: RetentionRepository;
  /** model_evaluations: models' scores on eval sets. */
  readonly evaluations: EvaluationRepository;
  close(): Promise<void>;
}

/** Every repository over `backend`'s collections, wired together. */
export async function repositoriesOver(backend: StoreBackend): Promise<OpenedStore> {
  const c = backend.collections;
  const dailyStats = new DailyStatsRepository(c);
  const sessions = new SessionRepository(c, backend.description, backend.sampleLayout, (changed) =>
    dailyStats.refreshForSessions(changed),
  );
  const runWrites = await backend.guardRunWrites(sessions);
  const evaluations = new EvaluationRepository(c.modelEvaluations);
  return {
    kind: backend.kind,
    description: backend.description,
    backend,
    sessions,
    runWrites,
    suites: new SuiteRepository(c.suites, backend.textSearch),
    // Imported sessions and results count in daily_model_stats like ones run here.
    documents: new RawDocuments(c, backend.sampleLayout, async (sessionIds) => {
      const landed = await sessions.landedSessions(sessionIds);
      await dailyStats.refreshForSessions(landed);
    }),
    plans: new PlanRepository(
      { plans: c.plans, configs: c.configs, sessions: c.sessions },
      backend.atomicFindAndModify ? 'find-and-modify' : 'compare-and-set',
    ),
    rankings: new RankingRepository(
      {
        sessions: c.sessions,
        results: c.results,
        hardwareConfigs: c.hardwareConfigs,
        useCases: c.useCases,
        rankings: c.rankings,
      },
      // The criterion `accuracy` reads the evaluations' latest scores.
      (set) => evaluations.latestPerModel(set),
    ),
    dailyStats,
    retention: new RetentionRepository(c, backend.sampleLayout, (ids) =>
      sessions.deleteSessions(ids),
    ),
    evaluations,
    close: () => backend.close(),
  };
}
