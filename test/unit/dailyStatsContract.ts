// The trends part of the store contract (src/core/trends/dailyStatsRepository.ts):
// daily_model_stats kept as sessions land and go. Run by storeContract against every backend.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { storeUnderTest } from '../fixtures/storeUnderTest';
import { emptySeries } from '../fixtures/resultSeries';
import { hardware, iso, session } from '../fixtures/storeDocuments';

interface LandOptions {
  numCtx?: number;
  status?: 'running' | 'completed';
  machine?: string;
  /** Test types run (default A), each with a result of the same repetitions. */
  types?: string[];
}

/** Lands (completed) a session of `model` at `at` with one result per test of these tokens/s. */
function lander(store: OpenedStore, model: string, hw: string) {
  return async (at: number, tps: number[], opts: LandOptions = {}): Promise<string> => {
    const types = opts.types ?? ['A'];
    const s = session(model, { at, hw: opts.machine ?? hw, status: 'running', types });
    s.options.num_ctx = opts.numCtx ?? 2048;
    const id = await store.sessions.insertSession(s);
    for (const type of types)
      await store.sessions.insertTestResult({
        session_id: id,
        model_name: model,
        test_type: type,
        status: 'completed',
        metrics: {
          ...emptySeries(),
          stats: {},
          repetitions: tps.map((v, index) => ({
            index,
            nonce: `n${index}`,
            tokens_per_second: v,
            ttft_ms: v * 10,
            e2e_ms: 1000,
            eval_count: 1,
            eval_duration_ns: 1,
            prompt_eval_count: 1,
            prompt_eval_duration_ns: 1,
            total_duration_ns: 1,
            load_duration_ns: 0,
          })),
          flags: [],
        },
        output: '',
        logs: [],
        created_at: iso(at),
      });
    if ((opts.status ?? 'completed') === 'completed')
      await store.sessions.updateSession({ ...s, _id: id, status: 'completed' });
    return id;
  };
}

export function dailyStatsContract(getStore: () => OpenedStore): void {
  describe('trends: daily statistics', () => {
    const store = storeUnderTest(getStore);

    it('keeps daily statistics per machine × model × test × options, updated as sessions land and go', async () => {
      const hw = await store.sessions.saveHardwareConfig(hardware('fp-trends'));
      const day = Date.parse('2026-02-10T08:00:00.000Z');
      const land = lander(store, 'trend:1b', hw);
      const stats = () => store.dailyStats.query({ model: 'trend:1b' });

      await land(day, [10, 20, 30, 40]);
      let [d] = await stats();
      assert.equal(d!.machine, hw);
      assert.equal(d!.test_type, 'A');
      assert.equal(d!.day, '2026-02-10');
      assert.equal(d!.sessions, 1);
      assert.match(d!.options_key, /^[0-9a-f]{12}$/);
      // Linear interpolation: p95 of 10..40 is 30 + 0.85 × 10.
      assert.deepEqual(d!.figures.tokens_per_second, {
        n: 4,
        mean: 25,
        p50: 25,
        p95: 38.5,
        min: 10,
        max: 40,
      });
      assert.deepEqual(d!.figures.ttft_ms, {
        n: 4,
        mean: 250,
        p50: 250,
        p95: 385,
        min: 100,
        max: 400,
      });
      assert.equal(d!.figures.prompt_tokens_per_second, undefined);

      // A second session the same day joins the day; a running one does not (it has not landed).
      const second = await land(day + 3_600_000, [50, 60]);
      await land(day + 7_200_000, [1000, 1000, 1000, 1000], { status: 'running' });
      [d] = await stats();
      assert.equal(d!.sessions, 2);
      assert.deepEqual(d!.figures.tokens_per_second, {
        n: 6,
        mean: 35,
        p50: 35,
        p95: 57.5,
        min: 10,
        max: 60,
      });

      // The next day, another context length and another machine are separate rows.
      await land(day + 86_400_000, [70, 70, 70, 70]);
      await land(day, [5, 5, 5, 5], { numCtx: 8192 });
      await land(day, [7, 7, 7, 7], {
        machine: await store.sessions.saveHardwareConfig(hardware('fp-other')),
      });
      const all = await stats();
      assert.equal(all.length, 4);
      assert.deepEqual(
        all.map((x) => [x.day, x.figures.tokens_per_second!.p50]).sort(),
        [
          ['2026-02-10', 35],
          ['2026-02-10', 5],
          ['2026-02-10', 7],
          ['2026-02-11', 70],
        ].sort(),
      );
      assert.equal(new Set(all.map((x) => x.options_key)).size, 2);
      const oneDay = await store.dailyStats.query({
        model: 'trend:1b',
        machine: hw,
        since: '2026-02-11',
        until: '2026-02-11',
      });
      assert.deepEqual(
        oneDay.map((x) => x.figures.tokens_per_second!.mean),
        [70],
      );

      // Deleting a session recomputes its day without it.
      await store.sessions.deleteSessions([second]);
      [d] = (await stats()).filter(
        (x) => x.day === '2026-02-10' && x.figures.tokens_per_second!.max === 40,
      );
      assert.equal(d!.sessions, 1);
      assert.equal(d!.figures.tokens_per_second!.n, 4);

      await assert.rejects(store.dailyStats.query({ since: '10 Feb' }), /YYYY-MM-DD/);
    });

    it('folds each landing session into its days: equal to a full recompute, counted once, recomputed when one goes', async () => {
      const hw = await store.sessions.saveHardwareConfig(hardware('fp-fold'));
      const land = lander(store, 'fold:1b', hw);
      const day = Date.parse('2026-03-02T06:00:00.000Z');
      /** The rows as a reader sees them, without the time they were written. */
      const rows = async () =>
        (await store.dailyStats.query({ model: 'fold:1b' })).map(({ updated_at: _at, ...r }) => r);
      /** Every row recomputed from every session of its day. */
      const recomputed = async () => {
        for (const r of await rows()) await store.dailyStats.recompute(r);
        return rows();
      };

      // A mixed set: two days, two context lengths, two tests, repetition counts from 1 to 5,
      // values out of order and repeated; two sessions land at once on the same day.
      const ids = [
        await land(day, [31.5, 12.25, 40, 12.25, 7], { types: ['A', 'B'] }),
        await land(day + 60_000, [18]),
        await land(day + 120_000, [99.5, 1.5], { numCtx: 8192 }),
        await land(day + 86_400_000, [3, 2, 1], { types: ['B'] }),
      ];
      ids.push(
        ...(await Promise.all([
          land(day + 180_000, [22, 44, 66]),
          land(day + 240_000, [5.75, 5.75], { types: ['A', 'B'] }),
        ])),
      );
      const folded = await rows();
      assert.equal(folded.length, 4);
      const a = folded.find((r) => r.day === '2026-03-02' && r.test_type === 'A' && r.sessions > 1);
      assert.equal(a?.sessions, 4);
      assert.equal(a?.figures.tokens_per_second?.n, 11);
      assert.deepEqual(await recomputed(), folded);

      // The same session landed again counts once.
      const again = await store.sessions.getSession(ids[0] ?? '');
      assert.ok(again?._id);
      await store.sessions.updateSession({ ...again, _id: again._id });
      assert.deepEqual(await rows(), folded);

      // A session that goes leaves the rows it counted in, as a recompute without it gives.
      await store.sessions.deleteSessions([ids[0] ?? '']);
      const after = await rows();
      const a2 = after.find((r) => r.day === '2026-03-02' && r.test_type === 'A' && r.sessions > 1);
      assert.equal(a2?.sessions, 3);
      // 5.75, 5.75, 18, 22, 44, 66: interpolated p50 18 + 0.5 × 4, p95 44 + 0.75 × 22.
      assert.deepEqual(a2?.figures.tokens_per_second, {
        n: 6,
        mean: 161.5 / 6,
        p50: 20,
        p95: 60.5,
        min: 5.75,
        max: 66,
      });
      assert.deepEqual(await recomputed(), after);
    });
  });
}
