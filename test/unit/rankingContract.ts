// The rankings part of the store contract (src/core/rank/rankingRepository.ts): use cases with
// editable defaults, like-for-like inputs of one machine, and model_rankings kept until a
// comparable result lands. Run by storeContract against every backend.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RankUsageError } from '../../src/core/rank/useCaseRules';
import type { OpenedStore } from '../../src/core/repositories/openedStore';
import type { SessionDoc, TestMetrics } from '../../src/shared/dto';
import { hardware } from '../fixtures/storeDocuments';

const T0 = Date.parse('2025-06-01T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

export function rankSession(
  model: string,
  hw: string,
  at: number,
  metrics: Partial<TestMetrics>,
  opts: { numCtx?: number; resultId?: string } = {},
): SessionDoc {
  return {
    status: 'completed',
    start_time: iso(at),
    end_time: iso(at + 60_000),
    hardware_config_id: hw,
    models: [
      {
        name: model,
        load_time: 900,
        tests: [
          {
            type: 'A',
            status: 'completed',
            metrics: { flags: [], ...metrics },
            logs: [],
            ...(opts.resultId ? { result_id: opts.resultId } : {}),
          },
        ],
      },
    ],
    tags: [],
    options: {
      host: 'http://127.0.0.1:11434',
      suites: ['A'],
      repetitions: 3,
      warmup: true,
      num_ctx: opts.numCtx ?? 4096,
      seed: 42,
      temperature: 0,
      keep_alive: '5m',
      suite_options: { A: { num_predict: 256, num_ctx: opts.numCtx ?? 4096 } },
    },
    created_at: iso(at),
    updated_at: iso(at),
  };
}

export function rankingContract(getStore: () => OpenedStore): void {
  describe('rankings per use case', () => {
    let hw = '';
    let other = '';
    const figures = (tps: number, ttft: number, vram: number, load = 800) => ({
      tokens_per_second: tps,
      ttft_ms: ttft,
      vram_usage: vram,
      load_time: load,
    });

    it('lists the default use cases; an edit replaces a default, deleting restores it', async () => {
      const r = getStore().rankings;
      const names = (await r.listUseCases()).map((u) => u.name);
      assert.deepEqual(names, [
        'chat',
        'long-documents',
        'batch',
        'code-completion',
        'small-machine',
        'team-server',
      ]);
      await r.saveUseCase({
        name: 'chat',
        title: 'Chat, speed first',
        description: '',
        criteria: [
          { figure: 'tokens_per_second', suite: 'A', weight: 3 },
          { figure: 'ttft_ms', suite: 'A', weight: 1 },
        ],
      });
      await r.saveUseCase({
        name: 'agents',
        title: 'Agents',
        description: 'tool calls',
        criteria: [{ figure: 'ttft_ms', suite: 'A', weight: 1 }],
      });
      const edited = await r.listUseCases();
      assert.equal(edited.length, 7);
      const chat = edited.find((u) => u.name === 'chat')!;
      assert.equal(chat.title, 'Chat, speed first');
      assert.equal(chat.builtin, true);
      assert.equal(chat.criteria.length, 2);
      assert.ok(edited.some((u) => u.name === 'agents' && !u.builtin));
      assert.equal(await r.deleteUseCase('chat'), true);
      assert.equal(
        (await r.getUseCase('chat')).criteria.length,
        5,
        'the shipped chat, accuracy included',
      );
      await assert.rejects(
        r.saveUseCase({ name: 'x', criteria: [{ figure: 'speed', suite: 'A', weight: 1 }] }),
        (e: unknown) => e instanceof RankUsageError && /unknown figure "speed"/.test(e.message),
      );
      await assert.rejects(r.getUseCase('nope'), RankUsageError);
    });

    it('ranks one machine like for like: median of the last 3, a model at another num_ctx not ranked', async () => {
      const store = getStore();
      hw = await store.sessions.saveHardwareConfig(hardware('fp-rank'));
      other = await store.sessions.saveHardwareConfig(hardware('fp-rank-other'));
      // fast: four results; the oldest (10 tok/s) is not among the last 3 → median(50, 40, 30) = 40.
      const tps = [10, 50, 40, 30];
      for (const [i, t] of tps.entries())
        await store.sessions.insertSession(
          rankSession('fast:7b', hw, T0 + i * 1000, figures(t, 200, 6e9)),
        );
      await store.sessions.insertSession(
        rankSession('lean:3b', hw, T0 + 10_000, figures(20, 100, 3e9)),
      );
      await store.sessions.insertSession(
        rankSession('slow:13b', hw, T0 + 11_000, figures(10, 400, 9e9)),
      );
      await store.sessions.insertSession(
        rankSession('wide:8b', hw, T0 + 12_000, figures(99, 50, 1e9), { numCtx: 8192 }),
      );
      // Another machine's result never joins this ranking.
      await store.sessions.insertSession(
        rankSession('fast:7b', other, T0 + 20_000, figures(500, 1, 1)),
      );

      const { report, cached } = await store.rankings.rank({
        useCase: 'chat',
        machine: 'fp-rank',
        now: new Date(T0 + 60_000),
      });
      assert.equal(cached, false);
      assert.equal(report.use_case, 'chat');
      assert.equal(report.machine, 'fp-rank');
      assert.deepEqual(
        report.criteria.map((c) => [c.figure, c.direction]),
        [
          ['ttft_ms', 'cost'],
          ['tokens_per_second', 'benefit'],
          ['load_time', 'cost'],
          ['vram_usage', 'cost'],
        ],
      );
      assert.ok(Math.abs(report.criteria.reduce((s, c) => s + c.weight, 0) - 1) < 1e-12);
      const fast = report.ranking.find((m) => m.model === 'fast:7b')!;
      assert.equal(fast.inputs.tokens_per_second, 40);
      assert.deepEqual(report.ranking.map((m) => m.model).sort(), [
        'fast:7b',
        'lean:3b',
        'slow:13b',
      ]);
      assert.equal(report.ranking.find((m) => m.model === 'slow:13b')!.pareto, false);
      assert.equal(report.ranking.find((m) => m.model === 'lean:3b')!.pareto, true);
      assert.deepEqual(
        report.not_ranked.map((m) => m.model),
        ['wide:8b'],
      );
      assert.match(report.not_ranked[0]!.reason, /num_ctx 4096/);
      assert.match(
        report.not_ranked[0]!.reason,
        /ollama-bench run --models wide:8b --suite A --num-ctx 4096/,
      );

      const latest = await store.rankings.rank({
        useCase: 'chat',
        machine: 'fp-rank',
        mode: 'latest',
        now: new Date(T0 + 60_000),
      });
      assert.equal(
        latest.report.ranking.find((m) => m.model === 'fast:7b')!.inputs.tokens_per_second,
        30,
      );
    });

    it('stores the ranking in model_rankings and uses it until a comparable result lands', async () => {
      const store = getStore();
      const now = new Date(T0 + 120_000);
      const first = await store.rankings.rank({ useCase: 'chat', machine: 'fp-rank', now });
      const stored = await store.rankings.storedRankings('chat', 'fp-rank');
      assert.equal(stored.length, 4);
      const top = stored.find((d) => d.rank_position === 1)!;
      for (const field of [
        'use_case',
        'machine',
        'model',
        'composite_score',
        'rank_position',
        'score_breakdown',
        'pareto',
        'input_session_ids',
        'calculated_at',
        'expires_at',
      ])
        assert.ok(field in top, `model_rankings lacks ${field}`);
      assert.ok(top.expires_at.getTime() > now.getTime());
      const again = await store.rankings.rank({ useCase: 'chat', machine: 'fp-rank', now });
      assert.equal(again.cached, true);
      assert.deepEqual(again.report, first.report);

      // A new result on this machine: the ranking is computed again and lean:3b gets faster.
      await store.sessions.insertSession(
        rankSession('lean:3b', hw, T0 + 30_000, figures(200, 100, 3e9), {}),
      );
      const fresh = await store.rankings.rank({ useCase: 'chat', machine: 'fp-rank', now });
      assert.equal(fresh.cached, false);
      assert.equal(
        fresh.report.ranking.find((m) => m.model === 'lean:3b')!.inputs.tokens_per_second,
        110,
      );
      // Expired: computed again too.
      const later = await store.rankings.rank({
        useCase: 'chat',
        machine: 'fp-rank',
        now: new Date(now.getTime() + 2 * 86_400_000),
      });
      assert.equal(later.cached, false);
      // Overridden weights are computed, never stored over the use case's own.
      const custom = await store.rankings.rank({
        useCase: 'chat',
        machine: 'fp-rank',
        weights: new Map([['ttft_ms', 1]]),
        now,
      });
      assert.deepEqual(custom.report.criteria, [
        { figure: 'ttft_ms', weight: 1, direction: 'cost' },
      ]);
      assert.equal(custom.report.ranking[0]!.model, 'lean:3b');
      // wide:8b's ttft is only at num_ctx 8192: still not ranked.
      assert.deepEqual(
        custom.report.not_ranked.map((m) => m.model),
        ['wide:8b'],
      );
    });

    it('ranks ttft_ms by its p90 where the test result holds one', async () => {
      const store = getStore();
      const sid = await store.sessions.insertSession(
        rankSession('p90:1b', other, T0 + 40_000, figures(10, 100, 1e9)),
      );
      const rid = await store.sessions.insertTestResult({
        session_id: sid,
        model_name: 'p90:1b',
        test_type: 'A',
        status: 'completed',
        metrics: {
          ttft_ms: 100,
          ram_usage: [],
          vram_usage: [],
          cpu_usage: [],
          gpu_usage: [],
          stats: {
            ttft_ms: {
              mean: 120,
              sd: 1,
              min: 90,
              max: 300,
              p50: 100,
              p90: 250,
              p99: 300,
              cv: 0.1,
              n: 3,
            },
          },
          repetitions: [],
          flags: [],
        },
        output: '',
        logs: [],
        created_at: iso(T0 + 40_000),
      });
      const s = (await store.sessions.getSession(sid))!;
      s.models[0]!.tests[0]!.result_id = rid;
      await store.sessions.updateSession({ ...s, _id: sid });
      const { report } = await store.rankings.rank({
        useCase: 'chat',
        machine: 'fp-rank-other',
        weights: new Map([['ttft_ms', 1]]),
      });
      assert.equal(report.ranking.find((m) => m.model === 'p90:1b')!.inputs.ttft_ms, 250);
    });

    it('refuses an unknown machine and an unknown use case', async () => {
      const r = getStore().rankings;
      await assert.rejects(
        r.rank({ useCase: 'chat', machine: 'no-such' }),
        /no results stored for machine no-such/,
      );
      await assert.rejects(r.rank({ useCase: 'nope', machine: 'fp-rank' }), RankUsageError);
    });
  });
}
