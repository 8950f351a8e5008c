// The protocol's guards: what a webview may send is parsed into fresh objects of known fields,
// bounded; everything else is refused with a reason. And the fuzz test: 10 000 random messages
// through the host's real message handlers, with no throw and no unhandled rejection.
import { seededRandom } from '../../src/core/workloads/seededRandom';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { openStore } from '../../src/core/repositories/openStore';
import {
  createDashboardHandler,
  type DashboardCaps,
} from '../../src/host/panels/dashboardMessages';
import { createLiveHandler } from '../../src/host/panels/liveMessages';
import { PROTOCOL_LIMITS, type HostToDashboard } from '../../src/shared/protocol';
import {
  parseDashboardMessage,
  parseDashboardState,
  parseLiveMessage,
} from '../../src/shared/protocolGuards';
import { sessionDoc } from './dashboardSessions';

describe('parseDashboardMessage', () => {
  it('accepts a well-formed query and returns a fresh, clean copy', () => {
    const raw = {
      type: 'query',
      requestId: 3,
      query: {
        filter: {
          models: ['llama3.2:3b'],
          statuses: ['completed'],
          since: '2025-01-01T00:00:00.000Z',
          text: 'gpu',
        },
        sort: { field: 'tokens_per_second', direction: 'desc' },
        page: 2,
        pageSize: 25,
      },
    };
    const parsed = parseDashboardMessage(raw);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, raw);
    assert.notEqual(parsed.value, raw);
    if (parsed.value.type === 'query')
      assert.notEqual(parsed.value.query.filter.models, raw.query.filter.models);
  });

  const refused: [string, unknown, RegExp][] = [
    ['no object', 'ready', /unknown message type/],
    ['an unknown type', { type: 'eval', code: '1' }, /unknown message type/],
    ['an extra field', { type: 'ready', x: 1 }, /unknown field "x"/],
    [
      'an operator key in a filter',
      { type: 'query', requestId: 1, query: { filter: { $where: 'x' } } },
      /unknown field "\$where"/,
    ],
    [
      'an object where a model name goes',
      { type: 'query', requestId: 1, query: { filter: { models: [{ $ne: 1 }] } } },
      /not a string/,
    ],
    [
      'an unknown status',
      { type: 'query', requestId: 1, query: { filter: { statuses: ['done'] } } },
      /not one of/,
    ],
    [
      'a sort field outside the allow-list',
      {
        type: 'query',
        requestId: 1,
        query: { filter: {}, sort: { field: 'password', direction: 'asc' } },
      },
      /not one of/,
    ],
    [
      'a page size too large',
      { type: 'query', requestId: 1, query: { filter: {}, pageSize: 100_000 } },
      /pageSize/,
    ],
    ['a negative page', { type: 'query', requestId: 1, query: { filter: {}, page: -1 } }, /page/],
    [
      'a fractional request id',
      { type: 'query', requestId: 1.5, query: { filter: {} } },
      /requestId/,
    ],
    [
      'a date that is not one',
      { type: 'query', requestId: 1, query: { filter: { since: 'yesterday' } } },
      /ISO date/,
    ],
    [
      'too long a text',
      {
        type: 'query',
        requestId: 1,
        query: { filter: { text: 'x'.repeat(PROTOCOL_LIMITS.maxText + 1) } },
      },
      /longer than/,
    ],
    [
      'too many models',
      {
        type: 'query',
        requestId: 1,
        query: { filter: { models: Array(PROTOCOL_LIMITS.maxList + 1).fill('m') } },
      },
      /more than/,
    ],
    ['a session id with a slash', { type: 'openSession', id: '../etc' }, /session id/],
    ['delete without ids', { type: 'delete', ids: [] }, /at least 1/],
    [
      'compare of one session',
      { type: 'compare', request: { by: 'sessions', ids: ['a'] } },
      /at least 2/,
    ],
    [
      'compare of one model twice',
      { type: 'compare', request: { by: 'models', models: ['m', 'm'], filter: {} } },
      /at least 2/,
    ],
    [
      'an unknown export format',
      { type: 'export', format: 'xlsx', ids: [], filter: {}, destination: 'file' },
      /format/,
    ],
    [
      'an unknown destination',
      { type: 'export', format: 'csv', ids: [], filter: {}, destination: '/tmp/x' },
      /destination/,
    ],
    ['an array', [], /unknown message type/],
    ['null', null, /unknown message type/],
  ];
  for (const [what, raw, reason] of refused) {
    it(`refuses ${what}`, () => {
      const parsed = parseDashboardMessage(raw);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.error, reason);
    });
  }

  it('refuses a message whose getter throws, without throwing itself', () => {
    const evil = {
      type: 'openSession',
      get id(): string {
        throw new Error('boom');
      },
    };
    const parsed = parseDashboardMessage(evil);
    assert.equal(parsed.ok, false);
  });

  it('deduplicates ids', () => {
    const parsed = parseDashboardMessage({ type: 'delete', ids: ['a', 'a', 'b'] });
    assert.ok(parsed.ok && parsed.value.type === 'delete');
    assert.deepEqual(parsed.value.type === 'delete' && parsed.value.ids, ['a', 'b']);
  });
});

describe('parseLiveMessage and parseDashboardState', () => {
  it('accepts the live messages and refuses others', () => {
    assert.deepEqual(parseLiveMessage({ type: 'cancel' }), { ok: true, value: { type: 'cancel' } });
    assert.deepEqual(parseLiveMessage({ type: 'openDashboard', sessionId: 'abc' }), {
      ok: true,
      value: { type: 'openDashboard', sessionId: 'abc' },
    });
    assert.equal(parseLiveMessage({ type: 'cancel', now: true }).ok, false);
    assert.equal(parseLiveMessage({ type: 'openDashboard', sessionId: 7 }).ok, false);
  });

  it('restores a saved dashboard state and drops an unreadable one', () => {
    const state = {
      query: { filter: { models: ['a'] }, page: 1, pageSize: 25 },
      selected: ['x'],
      view: 'compare',
      compare: { by: 'sessions', ids: ['x', 'y'] },
    };
    assert.deepEqual(parseDashboardState(state), state);
    assert.equal(parseDashboardState({ ...state, view: 'admin' }), undefined);
    assert.equal(parseDashboardState(undefined), undefined);
  });
});

// ---------------------------------------------------------------- fuzz

/** A small seeded PRNG so a failure reproduces. */
const rng = seededRandom;

function randomValue(r: () => number, depth: number): unknown {
  const pick = Math.floor(r() * (depth > 2 ? 7 : 10));
  const strings = [
    '',
    'a',
    'completed',
    'start_time',
    'csv',
    '$where',
    '__proto__',
    'x'.repeat(300),
    '2025-01-01',
    'llama3.2:3b',
    'sessions',
    'models',
    'file',
  ];
  switch (pick) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return r() < 0.5;
    case 3:
      return [0, -1, 1.5, 1e12, NaN, Infinity, 3][Math.floor(r() * 7)];
    case 4:
    case 5:
    case 6:
      return strings[Math.floor(r() * strings.length)];
    case 7:
    case 8:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      const keys = [
        'type',
        'id',
        'ids',
        'query',
        'filter',
        'models',
        'page',
        'pageSize',
        'sort',
        'field',
        'direction',
        'format',
        'destination',
        'request',
        'by',
        'requestId',
        'statuses',
        'text',
        'since',
        '$gt',
        'constructor',
      ];
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 5); i > 0; i--)
        o[keys[Math.floor(r() * keys.length)]!] = randomValue(r, depth + 1);
      return o;
    }
  }
}

const TYPES = [
  'ready',
  'query',
  'openSession',
  'compare',
  'export',
  'delete',
  'editTags',
  'cancel',
  'openDashboard',
  'nope',
];

/** Mostly near-valid shapes (a real type and plausible fields), so guards deep inside get exercised. */
function randomMessage(r: () => number): unknown {
  if (r() < 0.15) return randomValue(r, 0);
  const msg = randomValue(r, 1);
  const base = typeof msg === 'object' && msg !== null && !Array.isArray(msg) ? msg : {};
  const type = TYPES[Math.floor(r() * TYPES.length)];
  if (type === 'query' && r() < 0.5)
    return {
      type,
      requestId: Math.floor(r() * 100),
      query: {
        filter: r() < 0.5 ? {} : { models: [String(randomValue(r, 3))] },
        pageSize: Math.ceil(r() * 300),
      },
    };
  return { ...base, type };
}

describe('fuzz: 10 000 random messages through the host handlers', { timeout: 60_000 }, () => {
  let dir: string;
  let store: OpenedStore & { close(): Promise<void> };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ob-fuzz-'));
    store = await openStore(dir, {});
    for (let i = 0; i < 5; i++)
      await store.sessions.insertSession(
        sessionDoc(`2025-01-0${i + 1}T10:00:00.000Z`, {
          'llama3.2:3b': [{ type: 'A', tps: 40 + i }],
        }),
      );
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never throws, never rejects unhandled, logs what it refuses and answers what it accepts', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on('unhandledRejection', onUnhandled);
    const posted: HostToDashboard[] = [];
    const warnings: string[] = [];
    const log = {
      info: () => undefined,
      warn: (m: string) => warnings.push(m),
      error: () => undefined,
    };
    const caps: DashboardCaps = {
      getStore: async () => store,
      post: (m) => posted.push(m),
      log,
      confirmDelete: async () => {
        return false; // keep the data for the rest of the run
      },
      askTags: async () => undefined,
      saveExport: async () => undefined,
      copyToClipboard: async () => undefined,
      sessionsChanged: () => undefined,
      takePendingSession: () => undefined,
    };
    const dashboard = createDashboardHandler(caps);
    const live = createLiveHandler({
      log,
      sendInit: () => undefined,
      snapshot: () => ({
        status: 'idle',
        models: [],
        suites: [],
        repetitions: 0,
        progress: [],
        tokens: [],
        ttft: [],
        hardware: [],
        phases: [],
        logs: [],
      }),
      cancel: async () => undefined,
      openDashboard: async () => undefined,
    });
    const r = rng(20250101);
    let accepted = 0;
    try {
      for (let i = 0; i < 10_000; i++) {
        const msg = randomMessage(r);
        if (parseDashboardMessage(msg).ok) accepted++;
        // Both handlers must return a promise that resolves: never throw synchronously, never reject.
        await dashboard(msg);
        await live(msg);
      }
      await new Promise((res) => setImmediate(res));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    assert.deepEqual(unhandled, []);
    assert.ok(accepted > 100, `some messages were valid (${accepted})`);
    assert.ok(warnings.length > 5_000, `refusals were logged (${warnings.length})`);
    assert.ok(warnings.every((w) => /refused a malformed message/.test(w)));
    assert.ok(
      posted.some((m) => m.type === 'page'),
      'valid queries were answered',
    );
    assert.equal(
      (await store.sessions.querySessions({ filter: {} })).total,
      5,
      'nothing was deleted',
    );
  });
});
