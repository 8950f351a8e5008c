// The dashboard's message handler: every message the webview sends is parsed by the protocol's
// guards first (a malformed one is logged and dropped), then answered from the store. It imports
// no `vscode`: the panel passes the few VS Code capabilities in, so a unit test (and the fuzz test)
// drives it with a store in memory.
import { buildCompareView, modelSubjects, sessionSubjects } from '../../core/dashboard/compare';
import { toDetailResult } from '../../core/dashboard/detailView';
import { machineDetail } from '../../core/dashboard/machineDetail';
import { loadFilterOptions } from '../../core/dashboard/filterOptions';
import { toRowsPage } from '../../core/dashboard/sessionRow';
import { exportSessions } from '../../core/export/formats';
// Trends: verdicts in the detail, the Trends view, Pin as Baseline, Export → HTML report.
import { version } from '../../../package.json';
import { renderHtmlReport } from '../../core/report/htmlReport';
import { loadReportInput } from '../../core/report/reportData';
import { togglePinnedBaseline } from '../../core/trends/pinBaseline';
import { checkSession } from '../../core/trends/sessionCheck';
import { buildTrendView } from '../../core/trends/trendView';
import { buildMachinesView } from '../../core/machines/machinesData';
import type { VerdictSettings } from '../../core/trends/verdict';
import { loadPlanMatrix } from '../../core/plans/planMatrixView';
import type { OpenedStore } from '../../core/repositories/openedStore';
import { integrityNotes } from '../../core/store/storeIntegrity';
import { matrixCsv, matrixMarkdown } from '../../shared/planMatrix';
import { lastRetentionRunOf, retentionRunText } from '../../core/retention/retentionText';
import type { SessionDoc } from '../../shared/dto';
import type { ExportFormat } from '../../shared/exportFormats';
import type { HistoryFilter } from '../../shared/history';
import {
  type CompareRequest,
  type DashboardToHost,
  type HostToDashboard,
  type SessionMachine,
} from '../../shared/protocol';
import { parseDashboardMessage } from '../../shared/protocolGuards';

import { answerRankings, type RankingsCaps } from './rankingsMessages';
import { answerTune, type TuneCaps } from './tuneMessages';
import { qualityView } from '../../core/quality/qualityView';

export const DEFAULT_PAGE_SIZE = 50;
/** Sessions one export or one model comparison reads at most. */
export const MAX_EXPORT_SESSIONS = 10_000;
const MODEL_COMPARE_SESSIONS = 500;

export interface MessageLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface DashboardCaps {
  getStore(): Promise<OpenedStore>;
  post(message: HostToDashboard): void;
  log: MessageLog;
  /** A modal confirmation; true to go ahead. */
  confirmDelete(count: number): Promise<boolean>;
  /** Asks for a session's tags; undefined when the user backs out. */
  askTags(current: readonly string[]): Promise<string[] | undefined>;
  /** Writes an export where the user chooses; returns where, or undefined when cancelled. */
  saveExport(content: string, format: ExportFormat, count: number): Promise<string | undefined>;
  copyToClipboard(text: string): Promise<void>;
  /** The store's sessions changed here (deleted, re-tagged): other views refresh. */
  sessionsChanged(): void;
  /** A session to open once the webview is ready (asked for by a command). */
  takePendingSession(): string | undefined;
  /** Trends: sessions to compare once the webview is ready (a notification's Open Comparison). */
  takePendingCompare?(): string[] | undefined;
  /** Trends: the regression test's settings (alpha, minimum effect); the defaults without. */
  verdictSettings?(): VerdictSettings;
  /** Trends: writes an HTML report where the user chooses; returns where, or undefined. */
  saveReport?(html: string, sessionId: string): Promise<string | undefined>;
  /** Benchmark plans: a plan whose matrix to show once the webview is ready. */
  takePendingPlan?(): string | undefined;
  /** The Quality tab was asked for before the webview was ready. */
  takePendingQuality?(): boolean;
  /** The Rankings tab (absent: the tab says it is not available). */
  rankings?: RankingsCaps;
  /** The Tune view (absent: not available). */
  tune?: TuneCaps;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createDashboardHandler(caps: DashboardCaps): (raw: unknown) => Promise<void> {
  return async (raw) => {
    const parsed = parseDashboardMessage(raw);
    if (!parsed.ok) {
      caps.log.warn(`Dashboard: refused a malformed message: ${parsed.error}`);
      return;
    }
    const msg = parsed.value;
    try {
      await handle(caps, msg);
    } catch (err) {
      caps.log.error(`Dashboard: ${msg.type} failed: ${messageOf(err)}`);
      caps.post({
        type: 'error',
        message: `Could not ${describe(msg)}: ${messageOf(err)}`,
        ...(msg.type === 'query' ? { requestId: msg.requestId } : {}),
      });
    }
  };
}

function describe(msg: DashboardToHost): string {
  switch (msg.type) {
    case 'ready':
      return 'load the dashboard';
    case 'query':
      return 'read the sessions';
    case 'openSession':
      return 'open the session';
    case 'compare':
      return 'compare';
    case 'export':
      return 'export';
    case 'delete':
      return 'delete';
    case 'editTags':
      return 'edit the tags';
    case 'trends':
      return 'show the trends';
    case 'pinBaseline':
      return 'pin the baseline';
    case 'exportReport':
      return 'write the HTML report';
    case 'planMatrix':
      return 'show the plan';
    case 'exportMatrix':
      return 'export the plan';
    case 'rankings':
      return 'rank the models';
    case 'exportRanking':
      return 'export the ranking';
    case 'tune':
      return 'show the tune';
    case 'copyModelfile':
      return 'copy the Modelfile';
    case 'createTunedModel':
      return 'create the tuned model';
    case 'quality':
      return 'show the models’ quality';
    case 'machines':
      return 'compare the machines';
  }
}

async function handle(caps: DashboardCaps, msg: DashboardToHost): Promise<void> {
  const store = await caps.getStore();
  switch (msg.type) {
    case 'ready': {
      const showSession = caps.takePendingSession();
      const integrity = await store.backend.integrity();
      const storeWarnings = integrity ? integrityNotes(integrity, 'The store') : [];
      const showCompare = caps.takePendingCompare?.();
      caps.post({
        type: 'init',
        options: await loadFilterOptions(store),
        storeDescription: store.description,
        ...(showSession ? { showSession } : {}),
        ...(storeWarnings.length ? { storeWarnings } : {}),
        ...(showCompare ? { showCompare } : {}),
        retention: retentionRunText(await lastRetentionRunOf(store).catch(() => undefined)),
      });
      const plan = caps.takePendingPlan?.();
      if (plan) caps.post({ type: 'showPlan', plan });
      const rankings = caps.rankings?.takePending?.();
      if (rankings) caps.post({ type: 'showRankings', ...rankings });
      if (caps.tune?.takePending?.()) caps.post({ type: 'showTune' });
      if (caps.takePendingQuality?.()) caps.post({ type: 'showQuality' });
      return;
    }
    // ---- benchmark plans ----
    case 'planMatrix': {
      const plans = (await store.plans.listPlans()).map((p) => p.name);
      const wanted = msg.request.plan;
      const plan = wanted && plans.includes(wanted) ? wanted : plans.at(-1);
      if (wanted && plan !== wanted)
        caps.post({ type: 'notice', message: `Plan ${wanted} no longer exists.` });
      caps.post({
        type: 'planMatrix',
        plans,
        ...(plan ? { matrix: await loadPlanMatrix(store, plan, msg.request.figure) } : {}),
      });
      return;
    }
    case 'exportMatrix': {
      const matrix = await loadPlanMatrix(store, msg.request.plan, msg.request.figure);
      const content = msg.format === 'csv' ? matrixCsv(matrix) : matrixMarkdown(matrix);
      const what = `the matrix of plan ${matrix.plan} as ${msg.format === 'csv' ? 'CSV' : 'Markdown'}`;
      if (msg.destination === 'clipboard') {
        await caps.copyToClipboard(content);
        caps.post({ type: 'notice', message: `Copied ${what} to the clipboard.` });
        return;
      }
      const where = await caps.saveExport(content, msg.format, matrix.rows.length);
      if (where) caps.post({ type: 'notice', message: `Exported ${what} to ${where}.` });
      return;
    }
    case 'query': {
      const page = await store.sessions.querySessions({
        ...msg.query,
        pageSize: msg.query.pageSize ?? DEFAULT_PAGE_SIZE,
      });
      caps.post({ type: 'page', requestId: msg.requestId, page: toRowsPage(page) });
      return;
    }
    case 'openSession': {
      const session = await store.sessions.getSession(msg.id);
      if (!session) {
        caps.post({ type: 'error', message: `Session ${msg.id} no longer exists.` });
        return;
      }
      const [results, hardware, verdicts] = await Promise.all([
        store.sessions.getTestResults(msg.id),
        session.hardware_config_id
          ? store.sessions.getHardwareConfig(session.hardware_config_id)
          : Promise.resolve(undefined),
        // Trends: the verdict per test; a detail without it is still worth showing.
        checkSession(store, session, caps.verdictSettings?.()).then(
          (c) => c.reports,
          (err: unknown) => {
            caps.log.warn(`Dashboard: no verdicts for ${msg.id}: ${messageOf(err)}`);
            return undefined;
          },
        ),
      ]);
      caps.post({
        type: 'detail',
        detail: {
          session,
          results: results.map((r) => toDetailResult(r)),
          ...(hardware ? { hardware } : {}),
          ...(verdicts ? { verdicts } : {}),
          ...machineOf(session, results),
        },
      });
      return;
    }
    case 'compare':
      caps.post({ type: 'compare', view: await compare(store, msg.request) });
      return;
    case 'export': {
      const sessions = msg.ids.length
        ? await sessionsById(store, msg.ids)
        : await sessionsMatching(store, msg.filter, MAX_EXPORT_SESSIONS);
      if (!sessions.length) {
        caps.post({ type: 'notice', message: 'Nothing to export: no session matches.' });
        return;
      }
      const content = exportSessions(sessions, msg.format);
      if (msg.destination === 'clipboard') {
        await caps.copyToClipboard(content);
        caps.post({
          type: 'notice',
          message: `Copied ${sessions.length} session(s) as ${msg.format.toUpperCase()} to the clipboard.`,
        });
        return;
      }
      const where = await caps.saveExport(content, msg.format, sessions.length);
      if (where) {
        caps.log.info(`Exported ${sessions.length} session(s) to ${where}`);
        caps.post({
          type: 'notice',
          message: `Exported ${sessions.length} session(s) to ${where}.`,
        });
      }
      return;
    }
    case 'delete': {
      if (!(await caps.confirmDelete(msg.ids.length))) return;
      const n = await store.sessions.deleteSessions(msg.ids);
      caps.log.info(`Deleted ${n} session(s) from the dashboard`);
      caps.post({ type: 'notice', message: `Deleted ${n} session(s).` });
      caps.post({ type: 'changed' });
      caps.sessionsChanged();
      return;
    }
    case 'editTags': {
      const session = await store.sessions.getSession(msg.id);
      if (!session) {
        caps.post({ type: 'error', message: `Session ${msg.id} no longer exists.` });
        return;
      }
      const tags = await caps.askTags(session.tags);
      if (!tags) return;
      await store.runWrites.setSessionTags(msg.id, tags);
      caps.post({ type: 'changed' });
      caps.sessionsChanged();
      return;
    }
    // ---- machines side by side ----
    case 'machines':
      caps.post({ type: 'machines', view: await buildMachinesView(store, msg.request) });
      return;
    // ---- trends ----
    case 'trends':
      caps.post({ type: 'trends', view: await buildTrendView(store, msg.request) });
      return;
    case 'pinBaseline': {
      const pinned = await togglePinnedBaseline(store, msg.id);
      caps.post({
        type: 'notice',
        message: pinned
          ? 'Pinned as baseline: later sessions of its models and tests on this machine are judged against it.'
          : 'No longer the pinned baseline: later sessions are judged against the previous comparable results again.',
      });
      caps.post({ type: 'changed' });
      caps.post({ type: 'showSession', id: msg.id });
      caps.sessionsChanged();
      return;
    }
    case 'exportReport': {
      if (!caps.saveReport) throw new Error('this view cannot save files');
      const html = renderHtmlReport(await loadReportInput(store, msg.id, [], version));
      const where = await caps.saveReport(html, msg.id);
      if (where) {
        caps.log.info(`Wrote the HTML report of ${msg.id} to ${where}`);
        caps.post({ type: 'notice', message: `Wrote the HTML report to ${where}.` });
      }
      return;
    }
    // Rankings tab (rankingsMessages.ts).
    case 'rankings':
      await answerRankings(store, caps.rankings, caps.post, msg.useCase);
      return;
    case 'exportRanking':
      if (!caps.rankings) throw new Error('rankings are not available here');
      await caps.rankings.openMarkdown(msg.markdown);
      return;
    // Tune view (tuneMessages.ts).
    case 'tune':
    case 'copyModelfile':
    case 'createTunedModel':
      await answerTune(msg, caps.tune, caps.post, caps.copyToClipboard);
      return;
    // Quality view (src/core/quality/qualityView.ts).
    case 'quality':
      caps.post({ type: 'quality', view: await qualityView(store.evaluations) });
      return;
  }
}

async function sessionsById(store: OpenedStore, ids: readonly string[]): Promise<SessionDoc[]> {
  const found = await Promise.all(ids.map((id) => store.sessions.getSession(id)));
  return found.filter((s): s is SessionDoc => s !== undefined);
}

/** Every session the filter matches (newest first), page by page, up to `limit`. */
export async function sessionsMatching(
  store: OpenedStore,
  filter: HistoryFilter,
  limit: number,
): Promise<SessionDoc[]> {
  const out: SessionDoc[] = [];
  const pageSize = 200;
  for (let page = 0; out.length < limit; page++) {
    const p = await store.sessions.querySessions({
      filter,
      sort: { field: 'start_time', direction: 'desc' },
      page,
      pageSize,
    });
    out.push(...p.items);
    if (p.items.length < pageSize || out.length >= p.total) break;
  }
  return out.slice(0, limit);
}

async function compare(store: OpenedStore, request: CompareRequest) {
  if (request.by === 'sessions') {
    const sessions = await sessionsById(store, request.ids);
    if (sessions.length < 2) throw new Error('fewer than two of the chosen sessions still exist');
    return buildCompareView(sessionSubjects(sessions));
  }
  const sessions = await sessionsMatching(
    store,
    { ...request.filter, models: request.models },
    MODEL_COMPARE_SESSIONS,
  );
  return buildCompareView(modelSubjects(request.models, sessions));
}

function machineOf(
  session: SessionDoc,
  results: Parameters<typeof machineDetail>[1],
): { machine?: SessionMachine } {
  const machine = machineDetail(session, results);
  return machine ? { machine } : {};
}
