// The workload figures in the trends: tokens/s at a depth, warm-prefix TTFT, goodput and the
// highest sustainable rate as comparison figures (their direction, their values), the
// after-session check's regression on one of them, the Trends view's points and daily medians.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compareSession } from '../../../src/core/trends/compareSessions';
import { checkSession } from '../../../src/core/trends/sessionCheck';
import { buildTrendView } from '../../../src/core/trends/trendView';
import { judge } from '../../../src/core/trends/verdict';
import type { SessionDoc, TestMetrics } from '../../../src/shared/dto';
import { figureValues, isTrendFigure, TREND_FIGURES } from '../../../src/shared/trendFigures';
import { openTempStore, type TempStore } from '../../fixtures/tempStore';
import { session } from '../../fixtures/storeDocuments';
import { placeholderFigures, tokensPerSecondResult } from '../../fixtures/testResults';

const DAY = 86_400_000;
const T0 = Date.parse('2026-04-06T09:00:00.000Z');

/** A depth sweep's session: its repetitions at 8192 tokens, its goodput beside them. */
async function land(t: TempStore, at: number, tps: number[], goodput: number): Promise<string> {
  const mean = tps.reduce((a, b) => a + b, 0) / tps.length;
  const metrics: Partial<TestMetrics> = {
    tokens_per_second: mean,
    depth_levels: [{ depth: 8192, prompt_tokens: 8200, tokens_per_second: mean }],
    goodput_rps: goodput,
  };
  const s: SessionDoc = session('llama3.2', { at, status: 'running', metrics });
  const id = await t.store.sessions.insertSession(s);
  const result = tokensPerSecondResult(id, s.start_time, tps);
  result.metrics.repetitions = result.metrics.repetitions.map((r) => ({ ...r, depth: 8192 }));
  result.metrics.goodput_rps = goodput;
  await t.store.sessions.insertTestResult(result);
  await t.store.sessions.updateSession({ ...s, _id: id, status: 'completed' });
  return id;
}

describe('workload figures in the trends', () => {
  let t: TempStore;
  const ids: string[] = [];
  before(async () => {
    t = await openTempStore();
    ids.push(await land(t, T0, [40, 41, 39, 40], 2));
    ids.push(await land(t, T0 + 3_600_000, [40, 42, 38, 40], 2));
    ids.push(await land(t, T0 + DAY, [30, 30.5, 29.5, 30, 30], 1.5));
  });
  after(() => t.remove());

  it('each is a trend figure with the direction that makes a drop (or a longer wait) worse', () => {
    const better = (f: string) => (isTrendFigure(f) ? TREND_FIGURES[f].better : undefined);
    assert.equal(better('goodput_rps'), 'higher');
    assert.equal(better('max_sustainable_rps'), 'higher');
    assert.equal(better('tokens_per_second_at_8k'), 'higher');
    assert.equal(better('ttft_warm_ms'), 'lower');
    // A warm prefix that got slower is a regression.
    const warm = (ms: number[]) =>
      figureValues(
        {
          repetitions: ms.map((v, index) =>
            placeholderFigures(index, { ttft_ms: v, prefix_warm: index > 0 }),
          ),
        },
        'ttft_warm_ms',
      );
    assert.deepEqual(warm([900, 100, 101, 99, 100]), [100, 101, 99, 100]);
    const verdict = judge(
      'ttft_warm_ms',
      warm([900, 100, 101, 99, 100]),
      warm([900, 150, 151, 149, 150]),
    );
    assert.equal(verdict.verdict, 'regression');
  });

  it('a session slower at depth 8192: the after-session check alerts on tokens/s at that depth', async () => {
    const candidate = await t.store.sessions.getSession(ids[2] ?? '');
    assert.ok(candidate);
    const check = await checkSession(t.store, candidate);
    const atDepth = check.alerts.find((a) => a.row.figure === 'tokens_per_second_at_8k');
    assert.ok(atDepth);
    assert.match(atDepth.sentence, /^llama3\.2 · A: −25\.0 % tokens\/s at depth 8192 vs baseline/);
    assert.deepEqual([atDepth.row.baseline.n, atDepth.row.candidate.n], [8, 5]);
    // The session's own figures, then the workload ones its test has: none of rate or prefix.
    assert.deepEqual(
      check.reports.map((r) => r.comparisons[0]?.figure),
      [
        'tokens_per_second',
        'prompt_tokens_per_second',
        'ttft_ms',
        'tokens_per_second_at_8k',
        'goodput_rps',
      ],
    );
  });

  it('goodput is one value per test: its change is shown, a verdict needs more tests', async () => {
    const candidate = await t.store.sessions.getSession(ids[2] ?? '');
    assert.ok(candidate);
    const report = await compareSession(
      t.store,
      candidate,
      { kind: 'session', sessionId: ids[1] ?? '' },
      { figure: 'goodput_rps' },
    );
    const [row] = report.comparisons;
    assert.ok(row);
    assert.equal(row.delta_pct, -25);
    assert.equal(row.verdict, 'insufficient');
    assert.equal(
      row.reason,
      '1 baseline and 1 candidate tests: goodput is one value per test, a verdict needs 4 on each side',
    );
  });

  it('Trends: a point per session and the daily median of tokens/s at depth 8192 and of goodput', async () => {
    const depth = await buildTrendView(t.store, { figure: 'tokens_per_second_at_8k' });
    assert.deepEqual(
      depth.points.map((p) => p.value),
      [40, 40, 30],
    );
    assert.deepEqual(
      depth.daily.flatMap((l) => l.points.map((p) => [p.median, p.n])),
      [
        [40, 8],
        [30, 5],
      ],
    );
    const goodput = await buildTrendView(t.store, { figure: 'goodput_rps' });
    assert.deepEqual(
      goodput.daily.flatMap((l) => l.points.map((p) => [p.median, p.n])),
      [
        [2, 2],
        [1.5, 1],
      ],
    );
    const none = await buildTrendView(t.store, { figure: 'max_sustainable_rps' });
    assert.deepEqual([none.points, none.daily], [[], []]);
  });
});
