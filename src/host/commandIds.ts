// Every command id the extension contributes, in one place: package.json, menus, handlers and tests
// name them through this map so a rename cannot leave one behind. test/unit/commands.test.ts checks
// it against package.json's contributes.commands and against CommandsByController.
export const CommandIds = {
  /** Takes an optional model name to preselect. */
  runBenchmark: 'ollamaBench.runBenchmark',
  newTestSuite: 'ollamaBench.newTestSuite',
  /** Asks before stopping; the status bar item and the live panel's Cancel run it. */
  cancelBenchmark: 'ollamaBench.cancelBenchmark',
  refreshModels: 'ollamaBench.refreshModels',
  setOllamaHost: 'ollamaBench.setOllamaHost',
  /** Tree-only: runs runBenchmark with the clicked model preselected. */
  benchmarkModel: 'ollamaBench.benchmarkModel',
  /** Tree-only. */
  copyModelName: 'ollamaBench.copyModelName',
  showLive: 'ollamaBench.showLive',
  /** Takes an optional session id (or a Sessions tree element) to open its detail. */
  openDashboard: 'ollamaBench.openDashboard',
  refreshSessions: 'ollamaBench.refreshSessions',
  setMongoConnection: 'ollamaBench.setMongoConnection',
  useEmbeddedStore: 'ollamaBench.useEmbeddedStore',
  /** The suite library; each takes an optional suite name. */
  editTestSuite: 'ollamaBench.editTestSuite',
  deleteTestSuite: 'ollamaBench.deleteTestSuite',
  searchTestSuites: 'ollamaBench.searchTestSuites',
  /** Every collection of the embedded store into MongoDB (the configured one or another). */
  copyResultsToMongo: 'ollamaBench.copyResultsToMongo',
  // Trends.
  /** Takes a session id (or a Sessions tree item); without one, asks which session. */
  pinBaseline: 'ollamaBench.pinBaseline',
  /** Takes (baseline id, candidate id): a regression notification's Open Comparison. */
  openComparison: 'ollamaBench.openComparison',
  // Benchmark plans (src/host/plans): the queue, and this window as one of its workers.
  newPlan: 'ollamaBench.newPlan',
  runPlan: 'ollamaBench.runPlan',
  stopWorker: 'ollamaBench.stopWorker',
  retryFailed: 'ollamaBench.retryFailed',
  resetStale: 'ollamaBench.resetStale',
  cancelPlan: 'ollamaBench.cancelPlan',
  refreshPlans: 'ollamaBench.refreshPlans',
  showPlanMatrix: 'ollamaBench.showPlanMatrix',
  // Rankings per use case: the dashboard's Rankings tab (optional use case name) and the advice.
  openRankings: 'ollamaBench.openRankings',
  /** The dashboard's Tune view: the last tune of this window. */
  openTune: 'ollamaBench.openTune',
  recommendModel: 'ollamaBench.recommendModel',
  // Quality (src/host/quality): scores on eval sets, and the dashboard's Quality tab.
  evaluateModels: 'ollamaBench.evaluateModels',
  openQuality: 'ollamaBench.openQuality',
  /** Opens the Getting Started walkthrough. */
  openGettingStarted: 'ollamaBench.openGettingStarted',
  // Tune (src/host/tune): takes a model name or a Models tree item; the last tune's tuned model.
  tuneModel: 'ollamaBench.tuneModel',
  createTunedModel: 'ollamaBench.createTunedModel',
  /** Machines side by side: sessions into a result bundle (src/host/machines). */
  shareResults: 'ollamaBench.shareResults',
} as const;

export type CommandName = keyof typeof CommandIds;
export type CommandId = (typeof CommandIds)[CommandName];

/**
 * Which host controller registers which commands. Registration goes through this table only
 * (src/host/registerCommands.ts registers exactly a controller's list and the compiler makes the
 * controller supply a handler for each), so it is what the extension registers, known without
 * loading VS Code.
 */
export const CommandsByController = {
  models: ['refreshModels', 'setOllamaHost', 'benchmarkModel', 'copyModelName'],
  bench: [
    'runBenchmark',
    'newTestSuite',
    'cancelBenchmark',
    'editTestSuite',
    'deleteTestSuite',
    'searchTestSuites',
  ],
  webviews: [
    'showLive',
    'openDashboard',
    'refreshSessions',
    'openComparison',
    'openRankings',
    'openTune',
    'openQuality',
  ],
  store: ['setMongoConnection', 'useEmbeddedStore', 'copyResultsToMongo'],
  trends: ['pinBaseline'],
  // Benchmark plans.
  plans: [
    'newPlan',
    'runPlan',
    'stopWorker',
    'retryFailed',
    'resetStale',
    'cancelPlan',
    'refreshPlans',
    'showPlanMatrix',
  ],
  // Rankings per use case (src/host/rank).
  rank: ['recommendModel'],
  // Quality: Evaluate Models… (src/host/quality).
  quality: ['evaluateModels'],
  // The Getting Started walkthrough (src/host/gettingStarted).
  gettingStarted: ['openGettingStarted'],
  tune: ['tuneModel', 'createTunedModel'],
  // Machines side by side (src/host/machines).
  machines: ['shareResults'],
} as const satisfies Record<string, readonly CommandName[]>;

export type ControllerName = keyof typeof CommandsByController;
export type CommandsOf<C extends ControllerName> = (typeof CommandsByController)[C][number];

/** View ids, as declared under contributes.views. */
export const ViewIds = {
  models: 'ollamaBench.models',
  sessions: 'ollamaBench.sessions',
  plans: 'ollamaBench.plans',
} as const;

/** The Getting Started walkthrough's id, as declared under contributes.walkthroughs. */
export const WALKTHROUGH_ID = 'ollamaBench.gettingStarted';

/** Context keys that package.json's `when` clauses read. */
export const ContextKeys = {
  /** 'loading' | 'ok' | 'empty' | 'unreachable' | 'badHost' (the Models view's welcome content) */
  modelsState: 'ollamaBench.models.state',
  /** The OllamaError kind while unreachable: 'not-running' | 'wrong-address' | 'timeout' | … */
  modelsProblem: 'ollamaBench.models.problem',
  /** True while a session runs (enables Cancel Running Benchmark). */
  benchmarkRunning: 'ollamaBench.benchmark.running',
  /** True while this window runs a plan as a worker. */
  planWorkerRunning: 'ollamaBench.plans.workerRunning',
} as const;
