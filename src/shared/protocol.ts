// Messages between the host and the two webview panels (live metrics, results dashboard), as
// discriminated unions. The runtime guards for what a webview sends are in protocolGuards.ts.
// Plain types only: no vscode, no Node, no DOM.
import type { TuneView } from './tuneView';
import type { ModelEvaluation } from './evaluation';
import type {
  HardwareConfig,
  HardwareSample,
  SessionDoc,
  SessionStatus,
  TestResultDoc,
  TestStatus,
  ValidityFlag,
} from './dto';
import type { LogLevel } from './events';
import type { RankingReport } from './rank/rankingReport';
import type { MachineChartGroup } from './machineCharts';
import type { ExportFormat } from './exportFormats';
import type { ComparisonReport, TrendRequest, TrendView } from './trends';
import type { MachinesRequest, MachinesView } from './machines';
import type { MatrixFigure, PlanMatrix } from './planMatrix';
import type { HistoryFilter, HistoryQuery, HistorySortField } from './history';

/** Bounds on what a webview may send; anything larger is rejected, not truncated. */
export const PROTOCOL_LIMITS = {
  /** Characters of one string field (model names, tags, ids, dates). */
  maxString: 256,
  /** Characters of the free-text filter. */
  maxText: 200,
  /** Items of one list (models, tags, test types, statuses). */
  maxList: 100,
  /** Session ids one message may name (selection, delete, export, compare). */
  maxIds: 1000,
  maxPageSize: 200,
  maxPage: 1_000_000,
} as const;

export const SESSION_STATUSES: readonly SessionStatus[] = [
  'running',
  'completed',
  'error',
  'cancelled',
  'interrupted',
];
export const SORT_FIELDS: readonly HistorySortField[] = [
  'start_time',
  'status',
  'duration',
  'model',
  'tokens_per_second',
];
// ---------------------------------------------------------------- live panel

export type LiveStatus = 'idle' | 'running' | 'done';

/** One model × test: how far it got and, once done, its headline figures. */
export interface LiveProgressRow {
  model: string;
  test: string;
  status: TestStatus;
  done: number;
  total: number;
  tokens_per_second?: number;
  prompt_tokens_per_second?: number;
  ttft_ms?: number;
  flags: ValidityFlag[];
  error?: string;
}

/** A per-repetition figure; t in ms since the session started. */
export interface LivePoint {
  t: number;
  value: number;
  model: string;
  test: string;
  rep: number;
}

/** One hardware tick, t in ms since the session started. Absent = not readable, never 0. */
export interface LiveHardwarePoint {
  t: number;
  cpu?: number;
  ram?: number;
  ramTotal?: number;
  gpu?: number;
  vram?: number;
  vramTotal?: number;
}

/** A span of the session on the time axis: a model's cold load, or one test. */
export interface LivePhase {
  kind: 'load' | 'test';
  label: string;
  start: number;
  end?: number;
}

export interface LiveLogLine {
  t: number;
  level: LogLevel;
  message: string;
}

export interface LiveSnapshot {
  status: LiveStatus;
  sessionId?: string;
  /** Epoch ms of session-started; the time axis counts from here. */
  startedAt?: number;
  models: string[];
  suites: string[];
  repetitions: number;
  progress: LiveProgressRow[];
  tokens: LivePoint[];
  ttft: LivePoint[];
  /** Thinned above a few thousand points (src/shared/hardwareThinning.ts): every peak kept. */
  hardware: LiveHardwarePoint[];
  /** How many samples `hardware` stands for, when it was thinned; absent when it holds them all. */
  hardwareSamples?: number;
  phases: LivePhase[];
  logs: LiveLogLine[];
  /** The stored session once it is done. */
  session?: SessionDoc;
  /** The raw samples (bounded) for the machine's chart groups; absent before the first. */
  samples?: HardwareSample[];
}

/** What changed since the last batch: small lists whole, series as new points only. */
export interface LiveDelta {
  /** Set when a new session started: the webview starts over from this snapshot. */
  reset?: LiveSnapshot;
  status: LiveStatus;
  progress: LiveProgressRow[];
  phases: LivePhase[];
  tokens: LivePoint[];
  ttft: LivePoint[];
  hardware: LiveHardwarePoint[];
  logs: LiveLogLine[];
  session?: SessionDoc;
  /** New raw samples since the last batch (the machine's chart groups). */
  samples?: HardwareSample[];
}

export type HostToLive =
  { type: 'init'; snapshot: LiveSnapshot } | { type: 'batch'; delta: LiveDelta };

export type LiveToHost =
  { type: 'ready' } | { type: 'cancel' } | { type: 'openDashboard'; sessionId?: string };

// ---------------------------------------------------------------- dashboard

/** A sessions-table row: what the list shows, not the whole document. */
export interface SessionRow {
  id: string;
  start_time: string;
  end_time?: string;
  status: SessionStatus;
  models: string[];
  tests: string[];
  tags: string[];
  machine?: string;
  duration_ms?: number;
  /** Best tokens/s of any test in the session. */
  best_tokens_per_second?: number;
  flags: ValidityFlag[];
}

export interface RowsPage {
  items: SessionRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** Values the filter controls offer. */
export interface FilterOptions {
  models: string[];
  testTypes: string[];
  tags: string[];
  cpuModels: string[];
  gpuModels: string[];
  /** Benchmark plans, newest last: the sessions of one can be listed. */
  plans?: { id: string; name: string }[];
}

export type CompareRequest =
  { by: 'sessions'; ids: string[] } | { by: 'models'; models: string[]; filter: HistoryFilter };

export type CompareFigure =
  | 'tokens_per_second'
  | 'prompt_tokens_per_second'
  | 'ttft_ms'
  // The machine's evidence: energy per token, where both sides measured it.
  | 'joules_per_token'
  | 'tokens_per_joule'
  // Workloads: a shared prefix's warm TTFT, a rate test's goodput and highest sustainable rate.
  | 'ttft_warm_ms'
  | 'goodput_rps'
  | 'max_sustainable_rps';

export interface CompareSubject {
  key: string;
  label: string;
  model: string;
  sessionId?: string;
  /** Sessions that contributed (model comparisons average over them). */
  sessions: number;
}

export interface CompareRow {
  /** The like-for-like key's readable form, e.g. "A · num_predict 256 · num_ctx 4096". */
  test: string;
  figure: CompareFigure;
  /** One per subject; absent when the subject has no such figure. */
  values: (number | null)[];
  /** Relative change against the first subject (0.1 = +10 %); null for the first or a missing. */
  deltas: (number | null)[];
  better: 'higher' | 'lower';
}

export interface CompareView {
  subjects: CompareSubject[];
  rows: CompareRow[];
  /** Tests left out because not every subject ran them alike. */
  skipped: { test: string; reason: string }[];
  /** Flags of a compared test that carry a reason (serialized, ctx_reduced), per subject. */
  flagNotes?: { subject: string; test: string; flag: ValidityFlag; reason: string }[];
  /** Session comparisons: the run conditions that differ between the subjects (one value each). */
  conditions?: { condition: string; values: string[] }[];
}

/** A test result as the detail view shows it: hardware series prepared, raw samples left out. */
export type DetailResult = Omit<TestResultDoc, 'samples'> & {
  /** t in ms since the test's first sample; at most a few thousand points. */
  hardware: LiveHardwarePoint[];
};

/** Every figure the sampler recorded in the session, grouped for charts, with the tests as phases. */
export interface SessionMachine {
  groups: MachineChartGroup[];
  /** ms since the charts' origin. */
  phases: LivePhase[];
}

export interface SessionDetail {
  session: SessionDoc;
  results: DetailResult[];
  hardware?: HardwareConfig;
  /** Trends: each test against its baseline, one report per figure (absent when none could run). */
  verdicts?: ComparisonReport[];
  /** Absent when the session has no hardware samples. */
  machine?: SessionMachine;
}

export type DashboardView =
  | 'list'
  | 'detail'
  | 'compare'
  | 'trends'
  | 'matrix'
  | 'rankings'
  | 'tune'
  | 'quality'
  | 'machines';
// Benchmark plans: the matrix view of one plan (rows models, columns the other dimensions).
export const DASHBOARD_VIEWS = [
  'list',
  'detail',
  'compare',
  'trends',
  'matrix',
  'rankings',
  'tune',
  'quality',
  // Machines side by side: one model and test across machines.
  'machines',
] as const;

export interface MatrixRequest {
  /** The plan's name; absent: the most recent plan. */
  plan?: string;
  figure: MatrixFigure;
}

// ---- Rankings tab (src/core/rank): the host ranks, the webview re-weights without a round trip ----

export interface RankingsView {
  useCases: { name: string; title: string; description: string }[];
  useCase: string;
  /** The machine ranked (fingerprint) and how it reads in a list. */
  machine?: string;
  machineLabel?: string;
  report?: RankingReport;
  /** Why there is no report (no results on any machine yet, …). */
  problem?: string;
  /** Each model's latest accuracy on the eval set `core`, in percent (the Quality column). */
  quality?: Record<string, number>;
}

// ---- Quality view (src/core/quality): models' scores on eval sets, by category, with failures ----

export interface QualityView {
  /** Each model's latest evaluation per set (newest first). */
  evaluations: ModelEvaluation[];
}

/** Markdown of a ranking can be long; it is still bounded. */
export const MAX_RANKING_MARKDOWN = 200_000;

/** What the dashboard keeps across hide/show (getState) and reload (the panel serializer). */
export interface DashboardState {
  query: HistoryQuery;
  selected: string[];
  view: DashboardView;
  detailId?: string;
  compare?: CompareRequest;
  /** Trends: the model, test and figure the Trends view shows. */
  trends?: TrendRequest;
  matrix?: MatrixRequest;
  /** The Rankings tab's use case. */
  rankingUseCase?: string;
  /** The Machines tab's model, test and sort. */
  machines?: MachinesRequest;
}

export type HostToDashboard =
  | {
      type: 'init';
      options: FilterOptions;
      storeDescription: string;
      showSession?: string;
      /** Damage opening the store found (records left out, logs gone), one line each. */
      storeWarnings?: string[];
      /** Trends: a notification's Open Comparison (baseline, candidate). */
      showCompare?: string[];
      /** When retention last ran and what it did (the footer's line). */
      retention?: string;
    }
  | { type: 'page'; requestId: number; page: RowsPage }
  | { type: 'detail'; detail: SessionDetail }
  | { type: 'compare'; view: CompareView }
  | { type: 'options'; options: FilterOptions }
  /** A command asked for one session's detail (Sessions view, live panel, notification). */
  | { type: 'showSession'; id: string }
  /** The store changed (a session ended, another store was chosen): query again. */
  | { type: 'changed' }
  | { type: 'error'; message: string; requestId?: number }
  | { type: 'notice'; message: string }
  // Trends.
  | { type: 'showCompare'; ids: string[] }
  | { type: 'trends'; view: TrendView }
  // Benchmark plans: the plans there are and the chosen one's matrix; a command asks for a plan.
  | { type: 'planMatrix'; plans: string[]; matrix?: PlanMatrix }
  | { type: 'showPlan'; plan: string }
  // Rankings tab: a ranking to show; a command asked for the tab.
  | { type: 'rankings'; view: RankingsView }
  | { type: 'showRankings'; useCase?: string }
  // Tune view: the last tune of this window (none yet: absent); a command asked for the view.
  | { type: 'tune'; view?: TuneView }
  | { type: 'showTune' }
  // Quality view: the evaluations to show.
  | { type: 'quality'; view: QualityView }
  | { type: 'showQuality' }
  // Machines tab: one model and test across machines.
  | { type: 'machines'; view: MachinesView };

export type DashboardToHost =
  | { type: 'ready' }
  | { type: 'query'; requestId: number; query: HistoryQuery }
  | { type: 'openSession'; id: string }
  | { type: 'compare'; request: CompareRequest }
  | {
      type: 'export';
      format: ExportFormat;
      /** Selected ids, or (empty) every session the filter matches. */
      ids: string[];
      filter: HistoryFilter;
      destination: 'file' | 'clipboard';
    }
  | { type: 'delete'; ids: string[] }
  | { type: 'editTags'; id: string }
  // Trends.
  | { type: 'trends'; request: TrendRequest }
  | { type: 'pinBaseline'; id: string }
  | { type: 'exportReport'; id: string }
  // Benchmark plans: a plan's matrix, and its export (CSV or Markdown, to a file or the clipboard).
  | { type: 'planMatrix'; request: MatrixRequest }
  | {
      type: 'exportMatrix';
      request: Required<MatrixRequest>;
      format: 'csv' | 'md';
      destination: 'file' | 'clipboard';
    }
  // Rankings tab: the ranking of a use case (default: the first); the table as Markdown to open.
  | { type: 'rankings'; useCase?: string }
  | { type: 'exportRanking'; markdown: string }
  // Tune view: the last tune; its Modelfile to the clipboard; create the tuned model.
  | { type: 'tune' }
  | { type: 'copyModelfile' }
  | { type: 'createTunedModel' }
  // Quality view: the latest evaluations.
  | { type: 'quality' }
  // Machines tab.
  | { type: 'machines'; request: MachinesRequest };
