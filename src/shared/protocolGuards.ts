// Runtime guards for the messages of protocol.ts. A webview is input, not trusted code: the host
// parses every message into a fresh object of known fields, bounded in size, and drops (and logs)
// anything else; the webviews check what the host sent lightly (the host is trusted).
import type { HistoryFilter, HistoryQuery } from './history';
import { HISTORY_FILTER_KEYS } from './history';
import { EXPORT_FORMATS } from './exportFormats';
import { DEFAULT_MATRIX_FIGURE, isMatrixFigure } from './planMatrix';
import {
  DASHBOARD_VIEWS,
  MAX_RANKING_MARKDOWN,
  PROTOCOL_LIMITS,
  SESSION_STATUSES,
  SORT_FIELDS,
  type CompareRequest,
  type DashboardState,
  type DashboardToHost,
  type HostToDashboard,
  type HostToLive,
  type LiveToHost,
  type MatrixRequest,
} from './protocol';
import { TREND_FIGURES } from './trendFigures';
import type { TrendRequest } from './trends';
import { MACHINE_SORT_KEYS, type MachinesRequest } from './machines';

/** The outcome of parsing: a clean message, or why it was refused. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

class Invalid extends Error {}

function fail(message: string): never {
  throw new Invalid(message);
}

function record(v: unknown, where: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${where} is not an object`);
  for (const key of Object.keys(v)) {
    if (!allowed.includes(key)) fail(`${where} has an unknown field "${key.slice(0, 40)}"`);
  }
  return v as Record<string, unknown>;
}

function str(v: unknown, where: string, max: number = PROTOCOL_LIMITS.maxString): string {
  if (typeof v !== 'string') fail(`${where} is not a string`);
  if (v.length > max) fail(`${where} is longer than ${max} characters`);
  return v;
}

function nonEmpty(v: unknown, where: string): string {
  const s = str(v, where);
  if (!s.trim()) fail(`${where} is empty`);
  return s;
}

function int(v: unknown, where: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    fail(`${where} is not a whole number from ${min} to ${max}`);
  return v;
}

function oneOf<T extends string>(v: unknown, where: string, values: readonly T[]): T {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    fail(`${where} is not one of ${values.join(', ')}`);
  return v as T;
}

function list<T>(
  v: unknown,
  where: string,
  item: (x: unknown, where: string) => T,
  max: number = PROTOCOL_LIMITS.maxList,
): T[] {
  if (!Array.isArray(v)) fail(`${where} is not a list`);
  if (v.length > max) fail(`${where} has more than ${max} items`);
  return v.map((x, i) => item(x, `${where}[${i}]`));
}

function isoDate(v: unknown, where: string): string {
  const s = str(v, where, 40);
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) || isNaN(Date.parse(s)))
    fail(`${where} is not an ISO date`);
  return s;
}

function sessionId(v: unknown, where: string): string {
  const s = nonEmpty(v, where);
  if (s.length > 64 || !/^[\w-]+$/.test(s)) fail(`${where} is not a session id`);
  return s;
}

function filterOf(v: unknown, where: string): HistoryFilter {
  const o = record(v, where, HISTORY_FILTER_KEYS);
  const f: HistoryFilter = {};
  if (o.models !== undefined) f.models = list(o.models, `${where}.models`, nonEmpty);
  if (o.testTypes !== undefined) f.testTypes = list(o.testTypes, `${where}.testTypes`, nonEmpty);
  if (o.statuses !== undefined)
    f.statuses = list(o.statuses, `${where}.statuses`, (x, w) => oneOf(x, w, SESSION_STATUSES));
  if (o.tags !== undefined) f.tags = list(o.tags, `${where}.tags`, nonEmpty);
  if (o.cpuModel !== undefined) f.cpuModel = nonEmpty(o.cpuModel, `${where}.cpuModel`);
  if (o.gpuModel !== undefined) f.gpuModel = nonEmpty(o.gpuModel, `${where}.gpuModel`);
  if (o.hardwareConfigId !== undefined)
    f.hardwareConfigId = sessionId(o.hardwareConfigId, `${where}.hardwareConfigId`);
  if (o.since !== undefined) f.since = isoDate(o.since, `${where}.since`);
  if (o.until !== undefined) f.until = isoDate(o.until, `${where}.until`);
  if (o.text !== undefined) f.text = str(o.text, `${where}.text`, PROTOCOL_LIMITS.maxText);
  if (o.planId !== undefined) f.planId = sessionId(o.planId, `${where}.planId`);
  return f;
}

function queryOf(v: unknown, where: string): HistoryQuery {
  const o = record(v, where, ['filter', 'sort', 'page', 'pageSize']);
  const q: HistoryQuery = { filter: filterOf(o.filter, `${where}.filter`) };
  if (o.sort !== undefined) {
    const s = record(o.sort, `${where}.sort`, ['field', 'direction']);
    q.sort = {
      field: oneOf(s.field, `${where}.sort.field`, SORT_FIELDS),
      direction: oneOf(s.direction, `${where}.sort.direction`, ['asc', 'desc'] as const),
    };
  }
  if (o.page !== undefined) q.page = int(o.page, `${where}.page`, 0, PROTOCOL_LIMITS.maxPage);
  if (o.pageSize !== undefined)
    q.pageSize = int(o.pageSize, `${where}.pageSize`, 1, PROTOCOL_LIMITS.maxPageSize);
  return q;
}

function idsOf(v: unknown, where: string, min = 0): string[] {
  const ids = list(v, where, sessionId, PROTOCOL_LIMITS.maxIds);
  if (ids.length < min) fail(`${where} needs at least ${min} session(s)`);
  return [...new Set(ids)];
}

function compareOf(v: unknown, where: string): CompareRequest {
  const by = record(v, where, ['by', 'ids', 'models', 'filter']).by;
  if (by === 'sessions') {
    const o = record(v, where, ['by', 'ids']);
    const ids = idsOf(o.ids, `${where}.ids`, 2);
    if (ids.length > 20) fail(`${where}.ids: compare at most 20 sessions`);
    return { by, ids };
  }
  if (by === 'models') {
    const o = record(v, where, ['by', 'models', 'filter']);
    const models = [...new Set(list(o.models, `${where}.models`, nonEmpty, 20))];
    if (models.length < 2) fail(`${where}.models needs at least 2 models`);
    return { by, models, filter: filterOf(o.filter, `${where}.filter`) };
  }
  return fail(`${where}.by is not "sessions" or "models"`);
}

/** Trends: what the Trends view asks for. */
function trendRequestOf(v: unknown, where: string): TrendRequest {
  const o = record(v, where, ['model', 'test', 'figure']);
  const r: TrendRequest = {
    figure: oneOf(
      o.figure,
      `${where}.figure`,
      Object.keys(TREND_FIGURES) as (keyof typeof TREND_FIGURES)[],
    ),
  };
  if (o.model !== undefined) r.model = nonEmpty(o.model, `${where}.model`);
  if (o.test !== undefined) r.test = nonEmpty(o.test, `${where}.test`);
  return r;
}

/** Machines tab: the model, test and sort it asks for. */
function machinesRequestOf(v: unknown, where: string): MachinesRequest {
  const o = record(v, where, ['model', 'suite', 'sort']);
  const r: MachinesRequest = { sort: oneOf(o.sort, `${where}.sort`, MACHINE_SORT_KEYS) };
  if (o.model !== undefined) r.model = nonEmpty(o.model, `${where}.model`);
  if (o.suite !== undefined) r.suite = nonEmpty(o.suite, `${where}.suite`);
  return r;
}

function matrixRequestOf(v: unknown, where: string): MatrixRequest {
  const o = record(v, where, ['plan', 'figure']);
  const figure = o.figure ?? DEFAULT_MATRIX_FIGURE;
  if (!isMatrixFigure(figure)) fail(`${where}.figure is not a matrix figure`);
  return o.plan === undefined
    ? { figure }
    : { plan: str(nonEmpty(o.plan, `${where}.plan`), `${where}.plan`, 200), figure };
}

function guard<T>(parse: () => T): Parsed<T> {
  try {
    return { ok: true, value: parse() };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, error: err.message };
    // Anything else (a getter throwing, a proxy) is malformed input too, not a host failure.
    return { ok: false, error: `unreadable message (${String(err).slice(0, 80)})` };
  }
}

function typeOf(v: unknown): unknown {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as { type?: unknown }).type
    : undefined;
}

/** Parses what the live panel sent; only the known messages with exactly their fields pass. */
export function parseLiveMessage(v: unknown): Parsed<LiveToHost> {
  return guard<LiveToHost>(() => {
    const type = typeOf(v);
    switch (type) {
      case 'ready':
      case 'cancel':
        record(v, 'message', ['type']);
        return { type };
      case 'openDashboard': {
        const o = record(v, 'message', ['type', 'sessionId']);
        return o.sessionId === undefined
          ? { type }
          : { type, sessionId: sessionId(o.sessionId, 'sessionId') };
      }
      default:
        return fail(`unknown message type ${JSON.stringify(type)?.slice(0, 40)}`);
    }
  });
}

/** Parses what the dashboard sent; only the known messages with exactly their fields pass. */
export function parseDashboardMessage(v: unknown): Parsed<DashboardToHost> {
  return guard<DashboardToHost>((): DashboardToHost => {
    const type = typeOf(v);
    switch (type) {
      case 'ready':
        record(v, 'message', ['type']);
        return { type };
      case 'query': {
        const o = record(v, 'message', ['type', 'requestId', 'query']);
        return {
          type,
          requestId: int(o.requestId, 'requestId', 0, Number.MAX_SAFE_INTEGER),
          query: queryOf(o.query, 'query'),
        };
      }
      case 'openSession':
      case 'editTags':
      case 'pinBaseline':
      case 'exportReport': {
        const o = record(v, 'message', ['type', 'id']);
        return { type, id: sessionId(o.id, 'id') };
      }
      case 'compare': {
        const o = record(v, 'message', ['type', 'request']);
        return { type, request: compareOf(o.request, 'request') };
      }
      case 'export': {
        const o = record(v, 'message', ['type', 'format', 'ids', 'filter', 'destination']);
        return {
          type,
          format: oneOf(o.format, 'format', EXPORT_FORMATS),
          ids: idsOf(o.ids, 'ids'),
          filter: filterOf(o.filter, 'filter'),
          destination: oneOf(o.destination, 'destination', ['file', 'clipboard'] as const),
        };
      }
      case 'delete': {
        const o = record(v, 'message', ['type', 'ids']);
        return { type, ids: idsOf(o.ids, 'ids', 1) };
      }
      case 'trends': {
        const o = record(v, 'message', ['type', 'request']);
        return { type, request: trendRequestOf(o.request, 'request') };
      }
      case 'planMatrix': {
        const o = record(v, 'message', ['type', 'request']);
        return { type, request: matrixRequestOf(o.request, 'request') };
      }
      case 'exportMatrix': {
        const o = record(v, 'message', ['type', 'request', 'format', 'destination']);
        const request = matrixRequestOf(o.request, 'request');
        if (request.plan === undefined) fail('request.plan is missing');
        return {
          type,
          request: request as Required<MatrixRequest>,
          format: oneOf(o.format, 'format', ['csv', 'md'] as const),
          destination: oneOf(o.destination, 'destination', ['file', 'clipboard'] as const),
        };
      }

      case 'rankings': {
        const o = record(v, 'message', ['type', 'useCase']);
        return o.useCase === undefined
          ? { type }
          : { type, useCase: nonEmpty(o.useCase, 'useCase') };
      }
      case 'tune':
      case 'copyModelfile':
      case 'createTunedModel':
        record(v, 'message', ['type']);
        return { type };
      case 'machines': {
        const o = record(v, 'message', ['type', 'request']);
        return { type, request: machinesRequestOf(o.request, 'request') };
      }
      case 'exportRanking': {
        const o = record(v, 'message', ['type', 'markdown']);
        return { type, markdown: str(o.markdown, 'markdown', MAX_RANKING_MARKDOWN) };
      }
      case 'quality':
        record(v, 'message', ['type']);
        return { type };
      default:
        return fail(`unknown message type ${JSON.stringify(type)?.slice(0, 40)}`);
    }
  });
}

/** Restores a persisted dashboard state; anything unreadable yields undefined (start fresh). */
export function parseDashboardState(v: unknown): DashboardState | undefined {
  const parsed = guard<DashboardState>(() => {
    const o = record(v, 'state', [
      'query',
      'selected',
      'view',
      'detailId',
      'compare',
      'trends',
      'matrix',
      'rankingUseCase',
      'machines',
    ]);
    const state: DashboardState = {
      query: queryOf(o.query, 'state.query'),
      selected: idsOf(o.selected ?? [], 'state.selected'),
      view: oneOf(o.view ?? 'list', 'state.view', DASHBOARD_VIEWS),
    };
    if (o.rankingUseCase !== undefined)
      state.rankingUseCase = nonEmpty(o.rankingUseCase, 'state.rankingUseCase');
    if (o.detailId !== undefined) state.detailId = sessionId(o.detailId, 'state.detailId');
    if (o.compare !== undefined) state.compare = compareOf(o.compare, 'state.compare');
    if (o.trends !== undefined) state.trends = trendRequestOf(o.trends, 'state.trends');
    if (o.matrix !== undefined) state.matrix = matrixRequestOf(o.matrix, 'state.matrix');
    if (o.machines !== undefined) state.machines = machinesRequestOf(o.machines, 'state.machines');
    return state;
  });
  return parsed.ok ? parsed.value : undefined;
}

/** The webview's light check of what the host sent (the host is trusted; this catches bugs). */
export function isHostToLive(v: unknown): v is HostToLive {
  const t = typeOf(v);
  return t === 'init' || t === 'batch';
}

export function isHostToDashboard(v: unknown): v is HostToDashboard {
  const t = typeOf(v);
  return (
    typeof t === 'string' &&
    [
      'init',
      'page',
      'detail',
      'compare',
      'options',
      'showSession',
      'changed',
      'error',
      'notice',
      'showCompare',
      'trends',
      'planMatrix',
      'showPlan',
      'rankings',
      'showRankings',
      'tune',
      'showTune',
      'quality',
      'showQuality',
      'machines',
    ].includes(t)
  );
}
