// The trends part of the store contract (src/core/trends/dailyStatsRepository.ts):
// daily_model_stats kept as sessions land and go. Run by storeContract against every backend.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import { storeUnderTest } from '../fixtures/storeUnderTest';
import { emptySeries } from '../fixtures/resultSeries';
import { hardware, iso, session } from '../fixtures/storeDocuments';

export function dailyStatsContract(getStore: () => OpenedStore): void {
  describe('trends: daily statistics', () => {
    const store = storeUnderTest(getStore);

    it('keeps daily statistics per machine × model × test × options, updated as sessions land and go', async () => {
      const hw = await store.sessions.saveHardwareConfig(hardware('fp-trends'));
      const day = Date.parse('2026-02-10T08:00:00.000Z');
      /** A session of trend:1b, landed (completed) with one result of these repetitions. */
      const land = async (
        at: number,
        tps: number[],
        opts: { numCtx?: number; status?: 'running' | 'completed'; machine?: string } = {},
      ) => {
        const s = session('trend:1b', { at, hw: opts.machine ?? hw, status: 'running' });
        s.options.num_ctx = opts.numCtx ?? 2048;
        const id = await store.sessions.insertSession(s);
        await store.sessions.insertTestResult({
          session_id: id,
          model_name: 'trend:1b',
          test_type: 'A',
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
  });
}
