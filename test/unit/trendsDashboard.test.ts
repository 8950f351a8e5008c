// The dashboard's Trends messages: the protocol's guards (a bad figure or a stray field is refused)
// and the host handler against an embedded store — Trends view, verdicts in the detail, Pin as
// Baseline, Export HTML report, Open Comparison on ready.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createDashboardHandler,
  type DashboardCaps,
} from '../../src/host/panels/dashboardMessages';
import { type HostToDashboard } from '../../src/shared/protocol';
import { parseDashboardMessage, parseDashboardState } from '../../src/shared/protocolGuards';
import { PINNED_BASELINE_TAG } from '../../src/shared/trends';
import { openTempStore, type TempStore } from '../fixtures/tempStore';
import { session } from '../fixtures/storeDocuments';
import { tokensPerSecondResult } from '../fixtures/testResults';

describe('Trends protocol', () => {
  it('accepts the Trends messages with exactly their fields', () => {
    assert.deepEqual(
      parseDashboardMessage({
        type: 'trends',
        request: { figure: 'ttft_ms', model: 'm', test: 'A' },
      }),
      {
        ok: true,
        value: { type: 'trends', request: { figure: 'ttft_ms', model: 'm', test: 'A' } },
      },
    );
    for (const type of ['pinBaseline', 'exportReport'])
      assert.deepEqual(parseDashboardMessage({ type, id: 'abc' }), {
        ok: true,
        value: { type, id: 'abc' },
      });
  });

  it('refuses an unknown figure, a stray field and a bad id', () => {
    for (const bad of [
      { type: 'trends', request: { figure: 'speed' } },
      { type: 'trends', request: { figure: 'ttft_ms', $where: '1' } },
      { type: 'pinBaseline', id: '../../etc' },
      { type: 'exportReport', id: 'a', extra: 1 },
    ])
      assert.equal(parseDashboardMessage(bad).ok, false, JSON.stringify(bad));
  });

  it('restores a saved Trends view, and starts fresh from a broken one', () => {
    const query = { filter: {} };
    assert.deepEqual(
      parseDashboardState({
        query,
        selected: [],
        view: 'trends',
        trends: { figure: 'tokens_per_second' },
      }),
      { query, selected: [], view: 'trends', trends: { figure: 'tokens_per_second' } },
    );
    assert.equal(
      parseDashboardState({ query, selected: [], view: 'trends', trends: { figure: 1 } }),
      undefined,
    );
  });
});

describe('Trends in the dashboard handler', () => {
  let t: TempStore;
  const posted: HostToDashboard[] = [];
  const saved: { html: string; id: string }[] = [];
  let pendingCompare: string[] | undefined;
  let handle: (raw: unknown) => Promise<void>;
  const ids: string[] = [];

  before(async () => {
    t = await openTempStore();
    for (const [i, tps] of [100, 101, 80].entries()) {
      const s = session('llama3.2', {
        at: Date.parse('2026-04-01T10:00:00Z') + i * 86_400_000,
        tps,
      });
      s.ollama_version = i < 2 ? '0.12.6' : '0.13.0';
      const id = await t.store.sessions.insertSession({ ...s, status: 'running' });
      await t.store.sessions.insertTestResult(
        tokensPerSecondResult(
          id,
          s.start_time,
          [0, 1, 2, 3].map((index) => tps + index * 0.1),
        ),
      );
      await t.store.sessions.updateSession({ ...s, _id: id });
      ids.push(id);
    }
    const caps: DashboardCaps = {
      getStore: async () => t.store,
      post: (m) => posted.push(m),
      log: { info: () => {}, warn: () => {}, error: () => {} },
      confirmDelete: async () => true,
      askTags: async () => undefined,
      saveExport: async () => undefined,
      copyToClipboard: async () => {},
      sessionsChanged: () => {},
      takePendingSession: () => undefined,
      takePendingCompare: () => {
        const x = pendingCompare;
        pendingCompare = undefined;
        return x;
      },
      saveReport: async (html, id) => {
        saved.push({ html, id });
        return `/tmp/${id}.html`;
      },
    };
    handle = createDashboardHandler(caps);
  });
  after(() => t.remove());

  const last = <T extends HostToDashboard['type']>(type: T) =>
    posted.filter((m) => m.type === type).pop() as
      Extract<HostToDashboard, { type: T }> | undefined;

  it('answers the Trends view: points, daily medians, the Ollama change marker', async () => {
    await handle({ type: 'trends', request: { figure: 'tokens_per_second' } });
    const view = last('trends')!.view;
    assert.equal(view.model, 'llama3.2');
    assert.deepEqual(
      view.points.map((p) => p.value),
      [100, 101, 80],
    );
    assert.equal(view.daily[0]!.points.length, 3);
    assert.deepEqual(
      view.markers.map((m) => m.text),
      ['Ollama 0.12.6 → 0.13.0'],
    );
  });

  it('the detail carries the verdict per test', async () => {
    await handle({ type: 'openSession', id: ids[2] });
    const detail = last('detail')!.detail;
    const tps = detail.verdicts!.find((r) => r.comparisons[0]?.figure === 'tokens_per_second')!;
    assert.equal(tps.comparisons[0]!.verdict, 'regression');
    assert.deepEqual(tps.changed, { ollama_version: ['0.12.6', '0.13.0'] });
  });

  it('Pin as Baseline toggles the tag and says so', async () => {
    await handle({ type: 'pinBaseline', id: ids[0] });
    assert.deepEqual((await t.store.sessions.getSession(ids[0]!))!.tags, [PINNED_BASELINE_TAG]);
    assert.match(last('notice')!.message, /Pinned as baseline/);
    await handle({ type: 'pinBaseline', id: ids[0] });
    assert.deepEqual((await t.store.sessions.getSession(ids[0]!))!.tags, []);
    assert.match(last('notice')!.message, /No longer the pinned baseline/);
  });

  it('Export HTML report writes one self-contained file', async () => {
    await handle({ type: 'exportReport', id: ids[2] });
    assert.equal(saved.length, 1);
    assert.equal(saved[0]!.id, ids[2]);
    assert.match(saved[0]!.html, /^<!doctype html>/);
    assert.match(saved[0]!.html, /default-src 'none'/);
    assert.match(last('notice')!.message, /Wrote the HTML report to \/tmp\//);
  });

  it('Open Comparison: ready answers with the comparison to show', async () => {
    pendingCompare = [ids[1]!, ids[2]!];
    await handle({ type: 'ready' });
    assert.deepEqual(last('init')!.showCompare, [ids[1], ids[2]]);
  });
});
