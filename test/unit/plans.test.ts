// Benchmark plans, the pure parts: the matrix a plan expands to and its canonical keys, the ETA,
// durations, and the matrix view with its CSV and Markdown exports.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openEmbeddedStore, openMongoStore } from '../../src/core/repositories/openStore';
import { jongodbAvailable, startJongodb } from '../fixtures/jongodb';
import { type HostToDashboard } from '../../src/shared/protocol';
import { parseDashboardMessage, parseDashboardState } from '../../src/shared/protocolGuards';
import { parseDurationMs } from '../../src/core/plans/duration';
import { planEtaSeconds } from '../../src/core/plans/planEta';
import {
  checkPlanInput,
  configKey,
  expandMatrix,
  PlanInputError,
} from '../../src/core/plans/planMatrix';
import { buildPlanMatrix } from '../../src/core/plans/planMatrixView';
import type { SessionDoc } from '../../src/shared/dto';
import { matrixCsv, matrixMarkdown } from '../../src/shared/planMatrix';
import type { BenchmarkConfig } from '../../src/shared/plans';
import { runOptions } from '../fixtures/runOptions';
import { dashboardHandler } from '../fixtures/dashboardHandler';
import { matrixPlanInput } from '../fixtures/planInput';

const input = matrixPlanInput('p', ['a', 'b']);

describe('plan matrix', () => {
  it('crosses every dimension; concurrency multiplies concurrency suites only', () => {
    const { input: checked, suites } = checkPlanInput(input, []);
    const points = expandMatrix(checked, suites);
    assert.equal(points.length, 2 * (2 + 2 * 2));
    assert.deepEqual(
      points
        .filter((p) => p.model === 'a')
        .map((p) => `${p.suite}/${p.options.num_ctx}/${p.options.concurrency ?? '-'}`),
      ['A/2048/-', 'A/8192/-', 'C/2048/1', 'C/2048/4', 'C/8192/1', 'C/8192/4'],
    );
    assert.ok(points.every((p) => p.machine === 'any' && p.options.seed === 42));
  });

  it('keys are canonical: the same point gives the same key whatever the key order, another plan another key', () => {
    const { input: checked, suites } = checkPlanInput(input, []);
    const [p] = expandMatrix(checked, suites);
    const shuffled = {
      machine: p!.machine,
      options: { ...p!.options },
      suite: p!.suite,
      model: p!.model,
    };
    assert.equal(configKey('plan1', p!), configKey('plan1', shuffled));
    assert.notEqual(configKey('plan1', p!), configKey('plan2', p!));
    assert.notEqual(
      configKey('plan1', p!),
      configKey('plan1', { ...p!, options: { ...p!.options, num_ctx: 1 } }),
    );
  });

  it('refuses what cannot run, with a message that says what to fix', () => {
    const bad: [object, RegExp][] = [
      [{ suites: ['Z'] }, /Unknown test suite "Z". Known suites: A, B, C/],
      [{ num_ctx: [0] }, /num_ctx values must be whole numbers > 0, not 0/],
      [{ num_ctx: [1e308] }, /num_ctx values must be whole numbers > 0, not 1e\+308/],
      [{ priority: 1e308 }, /priority must be a whole number, not 1e\+308/],
      [{ num_ctx: [] }, /at least one num_ctx/],
      [{ models: [' '] }, /at least one model/],
      [{ concurrency: [0] }, /concurrency values must be whole numbers from 1 to 64, not 0/],
      [{ concurrency: [100_000] }, /concurrency values must be whole numbers from 1 to 64/],
      [{ repetitions: 1_000_000_000 }, /repetitions must be whole numbers from 1 to 100/],
      [{ name: 'p'.repeat(201) }, /A plan name may be at most 200 characters; this one has 201/],
      [
        { num_ctx: Array.from({ length: 10_001 }, (_, i) => i + 1) },
        /60006 configurations, more than 10000; run again with --yes-large/,
      ],
      [{ name: '' }, /needs a name/],
    ];
    for (const [patch, message] of bad)
      assert.throws(
        () => checkPlanInput({ ...input, ...patch }, []),
        (err: Error) => err instanceof PlanInputError && message.test(err.message),
      );
    const large = Array.from({ length: 10_001 }, (_, i) => i + 1);
    assert.equal(
      checkPlanInput({ ...input, num_ctx: large, allow_large: true }, []).input.num_ctx.length,
      10_001,
    );
  });
});

describe('plan ETA and durations', () => {
  const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s)).toISOString();
  it('is the median completed duration × configs left ÷ running workers', () => {
    const done = (s: number) => ({
      status: 'completed' as const,
      started_at: at(0),
      completed_at: at(s),
    });
    assert.equal(planEtaSeconds([{ status: 'pending' }]), null);
    assert.equal(planEtaSeconds([done(10)]), 0);
    assert.equal(
      planEtaSeconds([done(10), done(20), done(90), { status: 'pending' }, { status: 'pending' }]),
      40,
    );
    assert.equal(
      planEtaSeconds([
        done(10),
        { status: 'running' },
        { status: 'running' },
        { status: 'pending' },
        { status: 'pending' },
      ]),
      20,
    );
  });
  it('reads 500ms, 1s, 2m, 1h and plain seconds; refuses the rest', () => {
    assert.deepEqual(
      ['500ms', '1s', '2m', '1h', '3', '1.5s'].map((d) => parseDurationMs(d, '--x')),
      [500, 1000, 120_000, 3_600_000, 3000, 1500],
    );
    assert.throws(
      () => parseDurationMs('soon', '--older-than'),
      /--older-than must be a duration like 30s/,
    );
  });
});

describe('plan matrix view', () => {
  const config = (
    model: string,
    suite: string,
    ctx: number,
    status: BenchmarkConfig['status'],
    extra: Partial<BenchmarkConfig> = {},
  ): BenchmarkConfig => ({
    _id: `${model}${suite}${ctx}`,
    plan_id: 'p1',
    model,
    suite,
    options: { num_ctx: ctx, repetitions: 1, seed: 42, keep_alive: '10m' },
    machine: 'any',
    key: 'k',
    status,
    priority: 100,
    created_at: '2025-01-01T00:00:00.000Z',
    retry_count: 0,
    max_retries: 2,
    result_ids: [],
    ...extra,
  });
  const session = (tps: number, flags: string[] = []) =>
    ({
      models: [
        {
          name: 'x',
          tests: [
            {
              type: 'A',
              status: 'completed',
              metrics: { tokens_per_second: tps, flags },
              logs: [],
            },
          ],
        },
      ],
    }) as unknown as SessionDoc;

  it('rows are models, columns the other dimensions; cells carry the figure or the status', () => {
    const configs = [
      config('a', 'A', 8192, 'completed', { session_id: 's1' }),
      config('a', 'A', 2048, 'completed', { session_id: 's2' }),
      config('b', 'A', 2048, 'failed', { error_message: "model 'b' not found" }),
      config('b', 'A', 8192, 'pending'),
    ];
    const sessions = new Map([
      ['s1', session(41.26)],
      ['s2', session(50, ['cpu_spill'])],
    ]);
    const m = buildPlanMatrix(
      { _id: 'p1', name: 'Plan|1' },
      configs,
      sessions,
      'tokens_per_second',
    );
    assert.deepEqual(
      m.columns.map((c) => c.label),
      ['A · ctx 2048', 'A · ctx 8192'],
    );
    assert.deepEqual(
      m.rows.map((r) => r.model),
      ['a', 'b'],
    );
    assert.deepEqual(
      m.rows[0]!.cells.map((c) => c?.value),
      [50, 41.26],
    );
    assert.deepEqual(m.rows[0]!.cells[0]!.flags, ['cpu_spill']);
    assert.equal(m.rows[1]!.cells[0]!.error, "model 'b' not found");
    assert.equal(matrixCsv(m), 'model,A · ctx 2048,A · ctx 8192\na,50,41.26\nb,failed,pending\n');
    assert.equal(
      matrixMarkdown(m),
      '**Plan\\|1** — tokens/s\n\n| model | A · ctx 2048 | A · ctx 8192 |\n| --- | ---: | ---: |\n| a | 50.0 ⚑ | 41.3 |\n| b | failed | pending |\n',
    );
  });
});

describe('dashboard: a plan matrix from the store', () => {
  it("answers planMatrix with the plans and the chosen plan's cells; exports CSV; refuses a bad request", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ob-plan-dash-'));
    const store = await openEmbeddedStore(dir);
    try {
      const made = await store.plans.createPlan(
        { name: 'dash', models: ['a', 'b'], suites: ['A'], num_ctx: [2048], repetitions: 1 },
        [],
      );
      const worker = { hostname: 'h', pid: 1, worker_id: 'w' };
      const c = (await store.plans.claim({ worker, planId: made.plan_id }))!;
      const sid = await store.sessions.insertSession({
        status: 'completed',
        start_time: '2025-01-01T00:00:00.000Z',
        models: [
          {
            name: c.model,
            tests: [
              {
                type: 'A',
                status: 'completed',
                metrics: { tokens_per_second: 33, flags: [] },
                logs: [],
              },
            ],
          },
        ],
        tags: [],
        options: runOptions({ warmup: true, seed: 42 }),
        config_id: c._id,
        plan_id: made.plan_id,
        created_at: '2025-01-01T00:00:00.000Z',
        updated_at: '2025-01-01T00:00:00.000Z',
      });
      await store.plans.complete(c._id, 'w', { sessionId: sid, resultIds: [] });
      assert.equal(
        (await store.sessions.getSession(sid))!.config_id,
        c._id,
        'the session keeps its config link',
      );

      const { handle, posted, saved } = dashboardHandler(store);
      await handle({ type: 'planMatrix', request: { figure: 'tokens_per_second' } });
      const answer = posted.pop() as Extract<HostToDashboard, { type: 'planMatrix' }>;
      assert.deepEqual(answer.plans, ['dash']);
      assert.deepEqual(
        answer.matrix!.rows.map((r) => r.cells.map((x) => x?.value ?? x?.status)),
        [[33], ['pending']],
      );
      await handle({
        type: 'exportMatrix',
        request: { plan: 'dash', figure: 'tokens_per_second' },
        format: 'csv',
        destination: 'file',
      });
      assert.deepEqual(saved, [
        { content: 'model,A · ctx 2048\na,33\nb,pending\n', format: 'csv' },
      ]);
      assert.equal(
        parseDashboardMessage({ type: 'planMatrix', request: { figure: 'rm -rf' } }).ok,
        false,
      );
      assert.equal(
        parseDashboardMessage({
          type: 'exportMatrix',
          request: { figure: 'ttft_ms' },
          format: 'csv',
          destination: 'file',
        }).ok,
        false,
      );
      assert.equal(
        parseDashboardState({
          query: { filter: {} },
          selected: [],
          view: 'matrix',
          matrix: { plan: 'dash', figure: 'ttft_ms' },
        })?.matrix?.plan,
        'dash',
      );
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('following the queue', () => {
  it('the embedded store offers no stream (the view polls); a server without change streams says so', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'ob-plan-follow-'));
    const embedded = await openEmbeddedStore(dir);
    try {
      assert.equal(
        embedded.plans.follow(
          () => undefined,
          () => undefined,
        ),
        undefined,
      );
    } finally {
      await embedded.close();
      rmSync(dir, { recursive: true, force: true });
    }
    if (!jongodbAvailable()) return t.skip('jongodb is not installed');
    const server = await startJongodb();
    const store = await openMongoStore(server.uri, {
      database: 'follow',
      journalDir: join(tmpdir(), 'ob-follow-journal'),
      serverSelectionTimeoutMS: 3000,
    });
    try {
      const reason = await new Promise<string>((resolve) => {
        const handle = store.plans.follow(
          () => resolve('a change arrived'),
          (why) => resolve(why),
        );
        assert.ok(handle, 'the driver can ask for a stream');
      });
      // jongodb is a standalone server: no $changeStream, so the view falls back to polling.
      assert.match(reason, /changeStream/);
    } finally {
      await store.close();
      await server.stop();
    }
  });
});
