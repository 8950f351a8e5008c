// Folds the running session's BenchEvents into what the live panel shows: a full snapshot for a
// panel that (re)opens, and deltas since the last batch for one that is showing. Pure: the host
// feeds events in and decides when to take a delta (at most four times a second).
import type { HardwareSample } from '../../shared/dto';
import type { BenchEvent } from '../../shared/events';
import type {
  LiveDelta,
  LiveHardwarePoint,
  LiveLogLine,
  LivePhase,
  LivePoint,
  LiveProgressRow,
  LiveSnapshot,
} from '../../shared/protocol';
import { readings } from '../hardware/windowSummary';
import { testTokensPerSecond } from '../../shared/throughput';

/** Bounds so an hours-long session cannot grow the panel's memory without end. */
export const LIVE_LIMITS = { hardware: 20_000, points: 5_000, logs: 500, samples: 3_600 } as const;

const memTotal = (s: HardwareSample) => s.mem_total;
const vramTotal = (s: HardwareSample) => {
  const totals = (s.gpus ?? []).map((g) => g.memory_total).filter((v) => typeof v === 'number');
  return totals.length ? totals.reduce((a, b) => a + b, 0) : undefined;
};

/** One sample as a chart point; a figure the machine cannot read stays absent. */
export function hardwarePoint(sample: HardwareSample, origin: number): LiveHardwarePoint {
  const p: LiveHardwarePoint = { t: sample.t - origin };
  const set = (key: Exclude<keyof LiveHardwarePoint, 't'>, v: number | undefined) => {
    if (typeof v === 'number' && Number.isFinite(v)) p[key] = v;
  };
  set('cpu', readings.cpu_usage(sample));
  set('ram', readings.ram_usage(sample));
  set('ramTotal', memTotal(sample));
  set('gpu', readings.gpu_usage(sample));
  set('vram', readings.vram_usage(sample));
  set('vramTotal', vramTotal(sample));
  return p;
}

function emptySnapshot(): LiveSnapshot {
  return {
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
  };
}

function pushBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

export class LiveRecorder {
  private state: LiveSnapshot = emptySnapshot();
  private pending: Omit<LiveDelta, 'status' | 'progress' | 'phases'> = emptyPending();
  private reset = false;
  private dirty = false;

  /** The whole picture, for a panel that just said `ready`. */
  snapshot(): LiveSnapshot {
    return structuredClone(this.state);
  }

  /** True when something changed since the last delta. */
  get hasChanges(): boolean {
    return this.dirty;
  }

  get status(): LiveSnapshot['status'] {
    return this.state.status;
  }

  /** Everything since the last call; small lists are sent whole, series as new points. */
  takeDelta(): LiveDelta {
    const delta: LiveDelta = {
      status: this.state.status,
      progress: structuredClone(this.state.progress),
      phases: structuredClone(this.state.phases),
      tokens: this.pending.tokens,
      ttft: this.pending.ttft,
      hardware: this.pending.hardware,
      logs: this.pending.logs,
    };
    if (this.pending.session) delta.session = this.pending.session;
    if (this.pending.samples?.length) delta.samples = this.pending.samples;
    if (this.reset) delta.reset = this.snapshot();
    this.pending = emptyPending();
    this.reset = false;
    this.dirty = false;
    return delta;
  }

  apply(e: BenchEvent): void {
    const s = this.state;
    this.dirty = true;
    if (e.type === 'session-started') {
      this.state = {
        ...emptySnapshot(),
        status: 'running',
        sessionId: e.session_id,
        startedAt: e.t,
        models: [...e.models],
        suites: [...e.suites],
        repetitions: e.repetitions,
        // Every model × suite from the start, so progress shows what is still to come.
        progress: e.models.flatMap((model) =>
          e.suites.map((test) => ({
            model,
            test,
            status: 'pending' as const,
            done: 0,
            total: e.repetitions,
            flags: [],
          })),
        ),
      };
      this.pending = emptyPending();
      this.reset = true;
      return;
    }
    const origin = s.startedAt ?? ('t' in e ? e.t : e.sample.t);
    s.startedAt = origin;
    if (s.status === 'idle') s.status = 'running';
    switch (e.type) {
      case 'model-started':
        this.openPhase({ kind: 'load', label: `${e.model} · cold load`, start: e.t - origin });
        break;
      case 'model-loaded':
        this.closePhase(e.t - origin);
        break;
      case 'test-started': {
        this.closePhase(e.t - origin);
        this.openPhase({ kind: 'test', label: `${e.model} · ${e.test}`, start: e.t - origin });
        const row = this.row(e.model, e.test);
        row.status = 'running';
        row.total = e.repetitions;
        break;
      }
      case 'repetition-done': {
        const row = this.row(e.model, e.test);
        row.done += 1;
        const base = { t: e.t - origin, model: e.model, test: e.test, rep: e.figures.index };
        const tps = testTokensPerSecond(e.figures);
        if (tps !== undefined) this.point('tokens', { ...base, value: tps });
        const ttft = e.figures.ttft_ms;
        if (ttft !== undefined && Number.isFinite(ttft))
          this.point('ttft', { ...base, value: ttft });
        break;
      }
      case 'test-done': {
        this.closePhase(e.t - origin);
        const row = this.row(e.model, e.test);
        row.status = e.status;
        row.flags = [...e.metrics.flags];
        row.tokens_per_second = testTokensPerSecond(e.metrics);
        row.prompt_tokens_per_second = e.metrics.prompt_tokens_per_second;
        row.ttft_ms = e.metrics.ttft_ms;
        if (e.error) row.error = e.error;
        break;
      }
      case 'hardware-sample': {
        const p = hardwarePoint(e.sample, origin);
        pushBounded(s.hardware, p, LIVE_LIMITS.hardware);
        pushBounded(this.pending.hardware, p, LIVE_LIMITS.hardware);
        // Raw, for the machine's chart groups (every recorded figure, not only the four above).
        pushBounded((s.samples ??= []), e.sample, LIVE_LIMITS.samples);
        pushBounded((this.pending.samples ??= []), e.sample, LIVE_LIMITS.samples);
        break;
      }
      case 'log': {
        const line: LiveLogLine = { t: e.t - origin, level: e.level, message: e.message };
        pushBounded(s.logs, line, LIVE_LIMITS.logs);
        pushBounded(this.pending.logs, line, LIVE_LIMITS.logs);
        break;
      }
      case 'session-done':
        this.closePhase(e.t - origin);
        s.status = 'done';
        s.sessionId = e.session._id ?? s.sessionId;
        s.session = e.session;
        this.pending.session = e.session;
        // Tests that never reported (cancelled before they started) show how the session ended.
        for (const row of s.progress) {
          if (row.status === 'pending' || row.status === 'running') {
            const stored = e.session.models
              .find((m) => m.name === row.model)
              ?.tests.find((t) => t.type === row.test);
            row.status = stored?.status ?? 'cancelled';
          }
        }
        break;
    }
  }

  private row(model: string, test: string): LiveProgressRow {
    let row = this.state.progress.find((r) => r.model === model && r.test === test);
    if (!row) {
      row = { model, test, status: 'pending', done: 0, total: this.state.repetitions, flags: [] };
      this.state.progress.push(row);
    }
    return row;
  }

  private point(key: 'tokens' | 'ttft', p: LivePoint): void {
    pushBounded(this.state[key], p, LIVE_LIMITS.points);
    pushBounded(this.pending[key], p, LIVE_LIMITS.points);
  }

  private openPhase(phase: LivePhase): void {
    this.state.phases.push(phase);
    if (this.state.phases.length > 500) this.state.phases.shift();
  }

  private closePhase(t: number): void {
    const last = this.state.phases[this.state.phases.length - 1];
    if (last && last.end === undefined) last.end = Math.max(last.start, t);
  }
}

function emptyPending(): Omit<LiveDelta, 'status' | 'progress' | 'phases'> {
  return { tokens: [], ttft: [], hardware: [], logs: [] };
}
