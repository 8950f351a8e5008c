// The dashboard's pure logic and its host handler against the embedded store: table rows, the
// like-for-like comparison, detail preparation, the filter form, chart data, export and delete.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildCompareView, modelSubjects, sessionSubjects } from '../../src/core/dashboard/compare';
import { thin, toDetailResult } from '../../src/core/dashboard/detailView';
import { toSessionRow } from '../../src/core/dashboard/sessionRow';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { openStore } from '../../src/core/repositories/openStore';
import type { DashboardCaps } from '../../src/host/panels/dashboardMessages';
import { appendPoints, compareCharts, hardwareSeries } from '../../webview/lib/chartData';
import {
  activeFilters,
  emptyForm,
  filterToForm,
  formToFilter,
} from '../../webview/lib/filterState';
import { resultDoc, sessionDoc } from './dashboardSessions';
import { dashboardHandler } from '../fixtures/dashboardHandler';

describe('sessions table rows', () => {
  it('summarises a session: models, tests, best tok/s, duration, flags', () => {
    const s = sessionDoc('2025-01-01T10:00:00.000Z', {
      a: [
        { type: 'A', tps: 40 },
        { type: 'B', tps: 55 },
      ],
      b: [{ type: 'A' }],
    });
    s.models[0]!.tests[0]!.metrics.flags = ['unstable'];
    const row = toSessionRow({ ...s, _id: 'x' });
    assert.deepEqual(row.models, ['a', 'b']);
    assert.deepEqual(row.tests, ['A', 'B']);
    assert.equal(row.best_tokens_per_second, 55);
    assert.equal(row.duration_ms, 60_000);
    assert.deepEqual(row.flags, ['unstable']);
  });
});

describe('compare', () => {
  const s1 = {
    ...sessionDoc('2025-01-01T10:00:00.000Z', {
      m: [
        { type: 'A', tps: 40, ttft: 200 },
        { type: 'B', prompt: 500 },
      ],
    }),
    _id: 's1',
  };
  const s2 = {
    ...sessionDoc('2025-01-02T10:00:00.000Z', {
      m: [
        { type: 'A', tps: 50, ttft: 100 },
        { type: 'C', tps: 90 },
      ],
    }),
    _id: 's2',
  };

  it('compares only tests both ran, with deltas against the first and which way is better', () => {
    const view = buildCompareView(sessionSubjects([s1, s2]));
    assert.equal(view.subjects.length, 2);
    const tps = view.rows.find((r) => r.figure === 'tokens_per_second')!;
    assert.match(tps.test, /^A · num_predict 256 · num_ctx 4096$/);
    assert.deepEqual(tps.values, [40, 50]);
    assert.deepEqual(tps.deltas, [null, 0.25]);
    assert.equal(tps.better, 'higher');
    const ttft = view.rows.find((r) => r.figure === 'ttft_ms')!;
    assert.deepEqual(ttft.deltas, [null, -0.5]);
    assert.equal(ttft.better, 'lower');
    assert.ok(
      view.rows.every((r) => r.test.startsWith('A')),
      'B and C are not like-for-like',
    );
    assert.deepEqual(view.skipped.map((s) => s.test.split(' ')[0]).sort(), ['B', 'C']);
  });

  it('does not compare the same test type run with different options', () => {
    const long = {
      ...sessionDoc('2025-01-03T10:00:00.000Z', { m: [{ type: 'A', tps: 30, numPredict: 1024 }] }),
      _id: 's3',
    };
    const view = buildCompareView(sessionSubjects([s1, long]));
    assert.equal(view.rows.length, 0);
    assert.ok(view.skipped.some((s) => /other options/.test(s.reason)));
  });

  it('does not compare concurrency tests run with different numbers of streams', () => {
    const withStreams = (id: string, k: number[]) => {
      const doc = sessionDoc('2025-01-04T10:00:00.000Z', { m: [{ type: 'C', tps: 90 }] });
      return { ...doc, _id: id, options: { ...doc.options, suite_concurrency: { C: k } } };
    };
    const same = buildCompareView(
      sessionSubjects([withStreams('c1', [1, 2, 4]), withStreams('c2', [1, 2, 4])]),
    );
    assert.ok(same.rows.length >= 1);
    assert.match(same.rows[0]!.test, /k = 1, 2, 4/);
    const other = buildCompareView(
      sessionSubjects([withStreams('c1', [1, 2, 4]), withStreams('c3', [1, 8])]),
    );
    assert.equal(other.rows.length, 0);
  });

  it('compares models by averaging their runs', () => {
    const other = {
      ...sessionDoc('2025-01-04T10:00:00.000Z', { n: [{ type: 'A', tps: 20 }] }),
      _id: 's4',
    };
    const view = buildCompareView(modelSubjects(['m', 'n'], [s1, s2, other]));
    const tps = view.rows.find((r) => r.figure === 'tokens_per_second')!;
    assert.deepEqual(tps.values, [45, 20]);
    assert.match(view.subjects[0]!.label, /2 sessions/);
  });

  it('feeds one grouped bar chart per figure', () => {
    const charts = compareCharts(buildCompareView(sessionSubjects([s1, s2])));
    assert.deepEqual(
      charts.map((c) => c.figure),
      ['tokens_per_second', 'ttft_ms'],
    );
    assert.deepEqual(
      charts[0]!.datasets.map((d) => d.data),
      [[40], [50]],
    );
  });
});

describe('detail and chart data', () => {
  it('turns samples into bounded chart points and leaves the raw samples out', () => {
    const d = toDetailResult({ ...resultDoc('s', 'm', 'A', 10_000), _id: 'r' }, 1000);
    assert.equal('samples' in d, false);
    assert.equal(d.hardware.length, 1000);
    assert.equal(d.hardware[0]!.t, 0);
    assert.equal(d.hardware.at(-1)!.t, 9_999 * 500, 'the last sample is kept');
  });

  it('thins evenly and keeps short series whole', () => {
    assert.deepEqual(thin([1, 2, 3], 5), [1, 2, 3]);
    assert.deepEqual(thin([0, 1, 2, 3, 4, 5, 6, 7, 8], 3), [0, 4, 8]);
  });

  it('leaves a figure the machine cannot read empty instead of 0', () => {
    const s = hardwareSeries([
      { t: 1000, cpu: 5, ram: 2 * 1024 ** 3 },
      { t: 2000, cpu: 7 },
    ]);
    assert.deepEqual(s.cpu, [
      { x: 1, y: 5 },
      { x: 2, y: 7 },
    ]);
    assert.deepEqual(s.ram, [{ x: 1, y: 2 }]);
    assert.deepEqual(s.gpu, []);
    assert.deepEqual(s.vram, []);
  });

  it('groups per-repetition points into one series per model and test', () => {
    const groups = new Map();
    const added = appendPoints(groups, [
      { t: 1000, value: 1, model: 'm', test: 'A', rep: 0 },
      { t: 2000, value: 2, model: 'm', test: 'B', rep: 0 },
      { t: 3000, value: 3, model: 'm', test: 'A', rep: 1 },
    ]);
    assert.deepEqual(added, ['m · A', 'm · B']);
    assert.deepEqual(groups.get('m · A'), [
      { x: 1, y: 1 },
      { x: 3, y: 3 },
    ]);
    assert.deepEqual(
      appendPoints(groups, [{ t: 4000, value: 4, model: 'm', test: 'A', rep: 2 }]),
      [],
    );
  });
});

describe('filter form ⇄ HistoryFilter', () => {
  it('omits what is empty', () => {
    assert.deepEqual(formToFilter(emptyForm()), {});
    assert.equal(activeFilters({}), 0);
  });

  it('round-trips every field; dates are whole local days, until inclusive', () => {
    const form = {
      ...emptyForm(),
      models: ['a', 'b'],
      testTypes: ['A'],
      statuses: ['error' as const],
      tags: ['x'],
      cpuModel: 'EPYC',
      gpuModel: 'RTX 4090',
      since: '2025-03-01',
      until: '2025-03-31',
      text: ' gpu ',
    };
    const filter = formToFilter(form);
    assert.equal(filter.text, 'gpu');
    assert.equal(new Date(filter.since!).getDate(), 1);
    assert.equal(new Date(filter.until!).getDate(), 1, 'until is the next midnight (exclusive)');
    assert.equal(new Date(filter.until!).getMonth(), 3);
    assert.deepEqual(filterToForm(filter), { ...form, text: 'gpu' });
    assert.equal(activeFilters(filter), 9);
  });

  it('ignores a malformed date instead of sending it', () => {
    assert.deepEqual(formToFilter({ ...emptyForm(), since: '2025-13-45x' }), {});
  });
});

describe('dashboard handler on the embedded store', () => {
  let dir: string;
  let store: OpenedStore;
  let ids: string[];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ob-dash-'));
    store = await openStore(dir, {});
    ids = [];
    ids.push(
      await store.sessions.insertSession(
        sessionDoc('2025-01-01T10:00:00.000Z', { 'llama3.2:3b': [{ type: 'A', tps: 40 }] }),
      ),
    );
    ids.push(
      await store.sessions.insertSession(
        sessionDoc(
          '2025-01-02T10:00:00.000Z',
          { 'qwen3:0.6b': [{ type: 'A', tps: 90 }] },
          { tags: ['gpu'] },
        ),
      ),
    );
    ids.push(
      await store.sessions.insertSession(
        sessionDoc('2025-01-03T10:00:00.000Z', { 'llama3.2:3b': [{ type: 'A', tps: 42 }] }),
      ),
    );
    await store.sessions.insertTestResult({ ...resultDoc(ids[0]!, 'llama3.2:3b', 'A', 20) });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Deletes are confirmed and tags answered "one, two", unless the test says otherwise. */
  const harness = (overrides: Partial<DashboardCaps> = {}) =>
    dashboardHandler(store, {
      confirmDelete: async () => true,
      askTags: async () => ['one', 'two'],
      ...overrides,
    });

  it('answers ready with the filter options and the store', async () => {
    const { handle, posted } = harness({ takePendingSession: () => 'abc' });
    await handle({ type: 'ready' });
    const init = posted[0]!;
    assert.equal(init.type, 'init');
    if (init.type !== 'init') return;
    assert.deepEqual(init.options.models, ['llama3.2:3b', 'qwen3:0.6b']);
    assert.deepEqual(init.options.tags, ['gpu']);
    assert.equal(init.showSession, 'abc');
    assert.equal(init.retention, 'Retention has not run yet.');
  });

  it('offers the benchmark plans in the filter options, by name, filtering by id', async () => {
    const { plan_id } = await store.plans.createPlan(
      { name: 'sweep', models: ['llama3.2:3b'], suites: ['A'], num_ctx: [2048], repetitions: 1 },
      [],
    );
    const { handle, posted } = harness();
    await handle({ type: 'ready' });
    const init = posted[0]!;
    if (init.type !== 'init') return assert.fail(init.type);
    assert.deepEqual(init.options.plans, [{ id: plan_id, name: 'sweep' }]);
  });

  it('the footer line says when retention last ran and what it did', async () => {
    await store.retention.prune({
      downsampleAfterDays: 7,
      downsampleInterval: '5m',
      sessionDays: 0,
      now: new Date('2000-01-02T03:04:05.000Z'), // before every session: changes nothing
    });
    const { handle, posted } = harness();
    await handle({ type: 'ready' });
    const init = posted[0]!;
    assert.ok(init.type === 'init');
    assert.match(
      init.retention!,
      /^Retention last ran 2000-01-02 03:04 UTC: 0 session\(s\) deleted, 0 result\(s\) downsampled \(to 5m after 7 days\)\.$/,
    );
  });

  it('pages and filters through the store, tagging the answer with the request id', async () => {
    const { handle, posted } = harness();
    await handle({
      type: 'query',
      requestId: 7,
      query: {
        filter: { models: ['llama3.2:3b'] },
        sort: { field: 'start_time', direction: 'desc' },
        pageSize: 1,
      },
    });
    const page = posted[0]!;
    assert.ok(page.type === 'page');
    if (page.type !== 'page') return;
    assert.equal(page.requestId, 7);
    assert.equal(page.page.total, 2);
    assert.deepEqual(
      page.page.items.map((r) => r.start_time),
      ['2025-01-03T10:00:00.000Z'],
    );
  });

  it('opens a session with its results prepared for charts', async () => {
    const { handle, posted } = harness();
    await handle({ type: 'openSession', id: ids[0] });
    const d = posted[0]!;
    assert.ok(d.type === 'detail');
    if (d.type !== 'detail') return;
    assert.equal(d.detail.results.length, 1);
    assert.equal(d.detail.results[0]!.hardware.length, 20);
    await handle({ type: 'openSession', id: 'ffffffffffffffffffffffff' });
    assert.match(JSON.stringify(posted[1]), /no longer exists/);
  });

  it('compares two sessions', async () => {
    const { handle, posted } = harness();
    await handle({ type: 'compare', request: { by: 'sessions', ids: [ids[0], ids[2]] } });
    const c = posted[0]!;
    assert.ok(c.type === 'compare');
    if (c.type === 'compare') assert.deepEqual(c.view.rows[0]!.values, [40, 42]);
  });

  it('exports the filtered sessions as CSV with one row per model and test', async () => {
    const { handle, saved, posted } = harness();
    await handle({
      type: 'export',
      format: 'csv',
      ids: [],
      filter: { models: ['llama3.2:3b'] },
      destination: 'file',
    });
    const lines = saved[0]!.content.trim().split(/\r\n/);
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^session_id,/);
    assert.ok(lines.slice(1).every((l) => l.includes('llama3.2:3b')));
    assert.match(JSON.stringify(posted.at(-1)), /Exported 2 session/);
  });

  it('edits tags and deletes only after confirmation', async () => {
    const { handle, posted } = harness({ confirmDelete: async () => false });
    await handle({ type: 'editTags', id: ids[1] });
    assert.deepEqual((await store.sessions.getSession(ids[1]!))?.tags, ['one', 'two']);
    await handle({ type: 'delete', ids: [ids[1]] });
    assert.ok(await store.sessions.getSession(ids[1]!), 'declined: still there');
    const yes = harness();
    await yes.handle({ type: 'delete', ids: [ids[1]] });
    assert.equal(await store.sessions.getSession(ids[1]!), undefined);
    assert.ok(yes.posted.some((m) => m.type === 'changed'));
    assert.ok(
      posted.some((m) => m.type === 'changed'),
      'the tag edit asked for a refresh',
    );
  });

  it('reports a store failure to the webview instead of throwing', async () => {
    const { handle, posted } = harness({
      getStore: async () => Promise.reject(new Error('disk gone')),
    });
    await handle({ type: 'query', requestId: 1, query: { filter: {} } });
    assert.deepEqual(posted, [
      { type: 'error', message: 'Could not read the sessions: disk gone', requestId: 1 },
    ]);
  });
});
