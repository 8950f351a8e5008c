// The live panel's model: events folded into a snapshot and deltas, as the panel receives them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hardwarePoint, LIVE_LIMITS, LiveRecorder } from '../../src/core/live/liveRecorder';
import type { RepetitionFigures } from '../../src/shared/dto';
import type { BenchEvent } from '../../src/shared/events';
import { placeholderFigures } from '../fixtures/testResults';
import { sessionDoc } from './dashboardSessions';

const T0 = 1_700_000_000_000;
const figures = (index: number, tps: number, ttft: number): RepetitionFigures =>
  placeholderFigures(index, {
    nonce: 'n',
    tokens_per_second: tps,
    ttft_ms: ttft,
    e2e_ms: 1000,
    eval_count: 10,
  });
/** Repetition `index` of m1 · A (of 2) done at T0 + t. */
const repetitionDone = (index: number, tps: number, ttft: number, t: number): BenchEvent => ({
  type: 'repetition-done',
  model: 'm1',
  test: 'A',
  figures: figures(index, tps, ttft),
  done: index + 1,
  planned: 2,
  t: T0 + t,
});

/** m1's test A begins, two repetitions planned. */
const testStarted = (t: number): BenchEvent => ({
  type: 'test-started',
  model: 'm1',
  test: 'A',
  repetitions: 2,
  planned: 2,
  t,
});

function started(): BenchEvent {
  return {
    type: 'session-started',
    session_id: 's1',
    models: ['m1', 'm2'],
    suites: ['A', 'B'],
    repetitions: 2,
    t: T0,
  };
}

describe('LiveRecorder', () => {
  it('lists every model × suite as pending from the start', () => {
    const r = new LiveRecorder();
    r.apply(started());
    const s = r.snapshot();
    assert.equal(s.status, 'running');
    assert.deepEqual(
      s.progress.map((p) => `${p.model}/${p.test}/${p.status}/${p.done}/${p.total}`),
      ['m1/A/pending/0/2', 'm1/B/pending/0/2', 'm2/A/pending/0/2', 'm2/B/pending/0/2'],
    );
  });

  it('records repetitions as points on a time axis from the session start, and phases', () => {
    const r = new LiveRecorder();
    r.apply(started());
    r.apply({ type: 'model-started', model: 'm1', t: T0 + 100 });
    r.apply({
      type: 'model-loaded',
      model: 'm1',
      load_time_ms: 900,
      load_wall_ms: 950,
      t: T0 + 1000,
    });
    r.apply(testStarted(T0 + 1500));
    r.apply(repetitionDone(0, 40, 120, 2000));
    r.apply(repetitionDone(1, 42, 110, 2500));
    r.apply({
      type: 'test-done',
      model: 'm1',
      test: 'A',
      status: 'completed',
      metrics: { tokens_per_second: 41, ttft_ms: 115, flags: ['unstable'] },
      t: T0 + 2600,
    });
    const s = r.snapshot();
    assert.deepEqual(
      s.tokens.map((p) => [p.t, p.value, p.rep]),
      [
        [2000, 40, 0],
        [2500, 42, 1],
      ],
    );
    assert.deepEqual(
      s.ttft.map((p) => p.value),
      [120, 110],
    );
    assert.deepEqual(s.phases, [
      { kind: 'load', label: 'm1 · cold load', start: 100, end: 1000 },
      { kind: 'test', label: 'm1 · A', start: 1500, end: 2600 },
    ]);
    const row = s.progress.find((p) => p.model === 'm1' && p.test === 'A')!;
    assert.deepEqual(
      [row.status, row.done, row.tokens_per_second, row.flags],
      ['completed', 2, 41, ['unstable']],
    );
  });

  it('gives each batch only the new points, and a reset when a new session starts', () => {
    const r = new LiveRecorder();
    r.apply(started());
    const first = r.takeDelta();
    assert.ok(first.reset, 'the first batch of a session starts the panel over');
    r.apply(repetitionDone(0, 40, 120, 10));
    r.apply({ type: 'log', level: 'info', message: 'hello', t: T0 + 20 });
    assert.equal(r.hasChanges, true);
    const d = r.takeDelta();
    assert.equal(d.reset, undefined);
    assert.equal(d.tokens.length, 1);
    assert.deepEqual(
      d.logs.map((l) => l.message),
      ['hello'],
    );
    assert.equal(r.hasChanges, false);
    assert.deepEqual(r.takeDelta().tokens, []);
    assert.equal(r.snapshot().tokens.length, 1, 'the snapshot keeps everything');
  });

  it('keeps absent hardware figures absent, never 0', () => {
    const p = hardwarePoint({ t: T0 + 500, cpu_total: 12.5, mem_used: 100, mem_total: 200 }, T0);
    assert.deepEqual(p, { t: 500, cpu: 12.5, ram: 100, ramTotal: 200 });
    const gpu = hardwarePoint(
      {
        t: T0,
        gpus: [
          { index: 0, utilization: 50, memory_used: 10, memory_total: 100 },
          { index: 1, utilization: 70, memory_used: 20, memory_total: 100 },
        ],
      },
      T0,
    );
    assert.deepEqual(gpu, { t: 0, gpu: 60, vram: 30, vramTotal: 200 });
    assert.deepEqual(hardwarePoint({ t: T0, vram_models: 42 }, T0), { t: 0, vram: 42 });
  });

  it('bounds the series and the log of a long session', () => {
    const r = new LiveRecorder();
    r.apply(started());
    for (let i = 0; i < LIVE_LIMITS.hardware + 10; i++)
      r.apply({ type: 'hardware-sample', sample: { t: T0 + i, cpu_total: 1 } });
    for (let i = 0; i < LIVE_LIMITS.logs + 10; i++)
      r.apply({ type: 'log', level: 'debug', message: String(i), t: T0 + i });
    const s = r.snapshot();
    assert.equal(s.hardware.length, LIVE_LIMITS.hardware);
    assert.equal(s.hardware[0]!.t, 10, 'the oldest are dropped');
    assert.equal(s.logs.length, LIVE_LIMITS.logs);
  });

  it('ends with the stored session, and tests that never ran show how the session ended', () => {
    const r = new LiveRecorder();
    r.apply(started());
    r.apply(testStarted(T0 + 5));
    const doc = {
      ...sessionDoc(new Date(T0).toISOString(), { m1: [{ type: 'A', status: 'cancelled' }] }),
      _id: 's1',
      status: 'cancelled' as const,
    };
    r.apply({ type: 'session-done', session: doc, t: T0 + 50 });
    const s = r.snapshot();
    assert.equal(s.status, 'done');
    assert.equal(s.session?._id, 's1');
    assert.deepEqual(
      s.progress.map((p) => p.status),
      ['cancelled', 'cancelled', 'cancelled', 'cancelled'],
    );
    assert.equal(r.takeDelta().session?._id, 's1');
  });
});
