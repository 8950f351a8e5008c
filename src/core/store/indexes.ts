// The indexes of the data model (docs/ARCHITECTURE.md): one per lookup key, plus compound ones for
// the dashboard's filters and sorts. MongoDB builds all of them; the embedded engine enforces the
// unique ones (it scans in memory, so the others would only cost memory).
import { CollectionNames, type CollectionName, type SortSpec } from './storeCollection';

export interface IndexSpec {
  keys: SortSpec;
  unique?: boolean;
  name?: string;
}

export const INDEXES: Partial<Record<CollectionName, IndexSpec[]>> = {
  [CollectionNames.hardwareConfigs]: [
    { keys: { fingerprint: 1 }, unique: true },
    { keys: { 'cpu.model': 1 } },
    { keys: { 'gpu.model': 1 } },
    { keys: { created_at: 1 } },
  ],
  [CollectionNames.models]: [{ keys: { name: 1 }, unique: true }, { keys: { tags: 1 } }],
  [CollectionNames.sessions]: [
    { keys: { hardware_config_id: 1 } },
    { keys: { start_time: -1, _id: -1 } },
    { keys: { status: 1, start_time: -1 } },
    { keys: { tags: 1 } },
    { keys: { 'models.name': 1, start_time: -1 } },
    { keys: { 'models.tests.type': 1, start_time: -1 } },
    { keys: { 'summary.best_tokens_per_second': -1 } },
    // A plan config's stored session, looked up before each run (exactly-once completion).
    { keys: { config_id: 1, status: 1 } },
  ],
  [CollectionNames.results]: [
    { keys: { session_id: 1 } },
    { keys: { model_id: 1 } },
    { keys: { test_type: 1 } },
    { keys: { created_at: 1 } },
  ],
  [CollectionNames.suites]: [{ keys: { name: 1 }, unique: true }],
  // Trends: the Trends chart reads one model and test over time (_id is the day key itself).
  [CollectionNames.dailyStats]: [{ keys: { model: 1, test_type: 1, day: 1 } }],
  // Benchmark plans: the queue's claim order, a plan's progress, the stale-heartbeat sweep.
  [CollectionNames.plans]: [{ keys: { name: 1 }, unique: true }],
  [CollectionNames.configs]: [
    { keys: { key: 1 }, unique: true },
    { keys: { status: 1, priority: 1, created_at: 1 } },
    { keys: { plan_id: 1, status: 1 } },
    { keys: { status: 1, heartbeat_at: 1 } },
  ],
  // Rankings per use case (src/core/rank/rankingRepository.ts).
  [CollectionNames.useCases]: [{ keys: { name: 1 }, unique: true }],
  [CollectionNames.rankings]: [{ keys: { use_case: 1, machine: 1, rank_position: 1 } }],
  // Evals (src/core/quality/evaluationRepository.ts): a plan's skip check, a set's latest scores.
  [CollectionNames.modelEvaluations]: [
    { keys: { key: 1, complete: 1 } },
    { keys: { 'set.name': 1, evaluated_at: -1 } },
  ],
};

/** Indexes of the bucketed sample layout (time-series collections index their own time field). */
export const BUCKET_SAMPLE_INDEXES: IndexSpec[] = [
  { keys: { session_id: 1 } },
  { keys: { result_id: 1 } },
  { keys: { end: 1 } },
];

/** The suite library's text search (MongoDB's $text); the embedded store matches words instead. */
export const SUITE_TEXT_INDEX = {
  keys: { name: 'text', description: 'text', tags: 'text' },
  name: 'suite_text',
} as const;
