// The after-session check (regression sentence of the notification) and the Trends view (points,
// daily medians, change markers), on a real embedded store in a temp folder.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PINNED_BASELINE_TAG } from '../../src/core/trends/baseline';
import { checkSession } from '../../src/core/trends/sessionCheck';
import { buildTrendView } from '../../src/core/trends/trendView';
import type { SessionDoc } from '../../src/shared/dto';
import { openTempStore, type TempStore } from '../fixtures/tempStore';
import { session } from '../fixtures/storeDocuments';
import { tokensPerSecondResult } from '../fixtures/testResults';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-02T09:00:00.000Z');

async function land(
  t: TempStore,
  at: number,
  tps: number[],
  over: Partial<SessionDoc> = {},
): Promise<string> {
  const s: SessionDoc = { ...session('llama3.2', { at, status: 'running' }), ...over };
  s.models[0]!.digest = over.models?.[0]?.digest ?? 'sha256:aaa';
  s.models[0]!.tests[0]!.metrics.tokens_per_second = tps.reduce((a, b) => a + b, 0) / tps.length;
  const id = await t.store.sessions.insertSession(s);
  await t.store.sessions.insertTestResult(tokensPerSecondResult(id, s.start_time, tps));
  await t.store.sessions.updateSession({ ...s, _id: id, status: 'completed' });
  return id;
}

describe('after-session check and Trends view', () => {
  let t: TempStore;
  const ids: string[] = [];
  before(async () => {
    t = await openTempStore();
    ids.push(await land(t, T0, [100, 101, 99, 100], { ollama_version: '0.12.6' }));
    ids.push(await land(t, T0 + 3_600_000, [100, 102, 98, 100], { ollama_version: '0.12.6' }));
    ids.push(await land(t, T0 + DAY, [87.6, 87.5, 87.7, 87.6, 87.6], { ollama_version: '0.13.0' }));
  });
  after(() => t.remove());

  it('a slower session after an upgrade: the notification sentence names the change', async () => {
    const candidate = (await t.store.sessions.getSession(ids[2]!))!;
    const check = await checkSession(t.store, candidate);
    assert.equal(check.alerts.length, 1);
    const [a] = check.alerts;
    assert.equal(
      a!.sentence,
      'llama3.2 · A: −12.4 % tokens/s vs baseline (p = 0.004). Changed since: Ollama 0.12.6 → 0.13.0',
    );
    assert.equal(a!.baselineSession, ids[1]);
    assert.equal(a!.candidateSession, ids[2]);
    // 8 baseline repetitions from the two earlier sessions, 5 candidate ones; with their ties the
    // normal approximation gives z = 19.5 / √44.87 = 2.91, p = 0.0036.
    assert.deepEqual([a!.row.baseline.n, a!.row.candidate.n], [8, 5]);
    // TTFT and prompt rate were not recorded: those figures have nothing to compare.
    assert.equal(check.reports.length, 3);
  });

  it('the first session has no baseline: no alert, nothing compared', async () => {
    const check = await checkSession(t.store, (await t.store.sessions.getSession(ids[0]!))!);
    assert.deepEqual(check.alerts, []);
    assert.deepEqual(check.reports[0]!.comparisons, []);
  });

  it('a pinned session is the baseline', async () => {
    await t.store.sessions.setSessionTags(ids[0]!, [PINNED_BASELINE_TAG]);
    const check = await checkSession(t.store, (await t.store.sessions.getSession(ids[2]!))!);
    assert.equal(check.reports[0]!.pinned, true);
    assert.deepEqual(check.reports[0]!.baseline_sessions, [ids[0]]);
    await t.store.sessions.setSessionTags(ids[0]!, []);
  });

  it('Trends: a point per session, the daily median per day, a marker where Ollama changed', async () => {
    const view = await buildTrendView(t.store, { figure: 'tokens_per_second' });
    assert.equal(view.model, 'llama3.2');
    assert.equal(view.test, 'A');
    assert.deepEqual(view.models, ['llama3.2']);
    assert.deepEqual(
      view.points.map((p) => [p.sessionId, p.value]),
      [
        [ids[0], 100],
        [ids[1], 100],
        [ids[2], 87.6],
      ],
    );
    assert.equal(view.daily.length, 1);
    assert.deepEqual(view.daily[0]!.points, [
      { day: '2026-03-02', median: 100, n: 8 },
      { day: '2026-03-03', median: 87.6, n: 5 },
    ]);
    assert.match(view.daily[0]!.options, /num_ctx 2048/);
    assert.deepEqual(
      view.markers.map((m) => [m.sessionId, m.text]),
      [[ids[2], 'Ollama 0.12.6 → 0.13.0']],
    );
  });
});
