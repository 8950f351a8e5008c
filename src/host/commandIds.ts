// Every command id the extension contributes, in one place: package.json, menus, handlers and tests
// name them through this map so a rename cannot leave one behind.
export const CommandIds = {
  /** Registered by the benchmark engine (src/host/bench); takes an optional model name to preselect. */
  runBenchmark: 'ollamaBench.runBenchmark',
  refreshModels: 'ollamaBench.refreshModels',
  setOllamaHost: 'ollamaBench.setOllamaHost',
  /** Tree-only: runs runBenchmark with the clicked model preselected. */
  benchmarkModel: 'ollamaBench.benchmarkModel',
  /** Tree-only. */
  copyModelName: 'ollamaBench.copyModelName',
  /** The suite library; each takes an optional suite name. */
  editTestSuite: 'ollamaBench.editTestSuite',
  deleteTestSuite: 'ollamaBench.deleteTestSuite',
  searchTestSuites: 'ollamaBench.searchTestSuites',
  /** Every collection of the embedded store into MongoDB (the configured one or another). */
  copyResultsToMongo: 'ollamaBench.copyResultsToMongo',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

/** View ids, as declared under contributes.views. */
export const ViewIds = {
  models: 'ollamaBench.models',
} as const;

/** Context keys that drive the Models view's welcome content (see contributes.viewsWelcome). */
export const ContextKeys = {
  /** 'loading' | 'ok' | 'empty' | 'unreachable' | 'badHost' */
  modelsState: 'ollamaBench.models.state',
  /** The OllamaError kind while unreachable: 'not-running' | 'wrong-address' | 'timeout' | … */
  modelsProblem: 'ollamaBench.models.problem',
} as const;
