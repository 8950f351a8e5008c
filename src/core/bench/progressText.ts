// Words the host shows while and after a session runs (progress, status bar, summary), kept here as
// plain functions so they are tested without VS Code.
import type { WorkloadOptions } from '../workloads/workloadOptions';
import type { SessionDoc, SuiteDefinition } from '../../shared/dto';
import type { BenchEvent } from '../../shared/events';
import { bestTokensPerSecond } from '../../shared/throughput';
import { plannedRepetitions } from './suites';

/** The model a command was invoked for: a name, a ModelInfo, or a tree item holding `model`. */
export function modelNameOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg.trim() || undefined;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const o = arg as { name?: unknown; model?: unknown };
  if (typeof o.model === 'object' && o.model !== null) return modelNameOf(o.model);
  if (typeof o.model === 'string') return modelNameOf(o.model);
  return typeof o.name === 'string' ? modelNameOf(o.name) : undefined;
}

/** Repetitions (or concurrency windows, workload levels) a session will measure per model. */
export function repetitionsPerModel(
  suites: readonly SuiteDefinition[],
  repetitions: number,
  workload?: WorkloadOptions,
): number {
  return suites.reduce((n, s) => n + plannedRepetitions(s, repetitions, workload), 0);
}

/**
 * "llama3.2: cold load 1234 ms (1530 ms to the first token)": Ollama's load_duration and the
 * client's clock, or only the latter when Ollama reported none.
 */
export function coldLoadText(
  model: string,
  loadTimeMs: number | undefined,
  wallMs: number,
): string {
  const wall = `${wallMs.toFixed(0)} ms to the first token`;
  return loadTimeMs !== undefined
    ? `${model}: cold load ${loadTimeMs.toFixed(0)} ms (${wall})`
    : `${model}: cold load ${wall} (Ollama reported no load_duration)`;
}

/** Follows the events and says what runs now, e.g. "llama3.2:3b · A · repetition 2 of 3". */
export class ProgressTracker {
  private model = '';
  private test = '';
  private planned = 0;
  private done = 0;
  /** Repetitions finished in the whole session (for a progress bar). */
  finished = 0;

  /** The new message, or undefined when the event changes nothing a user sees. */
  update(e: BenchEvent): string | undefined {
    switch (e.type) {
      case 'model-started':
        this.model = e.model;
        return `${e.model}: cold load…`;
      case 'model-loaded':
        return coldLoadText(e.model, e.load_time_ms, e.load_wall_ms);
      case 'test-started': {
        this.test = e.test;
        this.done = 0;
        this.planned = e.planned;
        return this.current();
      }
      case 'repetition-done':
        this.done++;
        this.finished++;
        return this.current();
      default:
        return undefined;
    }
  }

  current(): string {
    if (!this.test) return this.model ? `${this.model}` : 'Starting…';
    return `${this.model} · ${this.test} · repetition ${Math.min(this.done + 1, this.planned)} of ${this.planned}`;
  }
}

function duration(session: SessionDoc): string {
  if (!session.end_time) return '';
  const s = Math.round((Date.parse(session.end_time) - Date.parse(session.start_time)) / 1000);
  return s >= 60 ? ` in ${Math.floor(s / 60)} min ${s % 60} s` : ` in ${s} s`;
}

/** One sentence for the notification at the end of a session. */
export function sessionSummary(session: SessionDoc): string {
  const tests = session.models.flatMap((m) => m.tests.map((t) => ({ model: m.name, t })));
  const completed = tests.filter((x) => x.t.status === 'completed');
  const failed = tests.filter((x) => x.t.status === 'error');
  const best = bestTokensPerSecond(session);
  const fastest = best
    ? ` Fastest: ${best.model} · ${best.test} at ${best.tokensPerSecond.toFixed(2)} tok/s.`
    : '';
  const flagged = completed.filter((x) => x.t.metrics.flags.length).length;
  const flags = flagged ? ` ${flagged} result${flagged > 1 ? 's' : ''} flagged (see details).` : '';
  switch (session.status) {
    case 'completed':
      return `Benchmark completed: ${completed.length} test${completed.length === 1 ? '' : 's'} on ${session.models.length} model${session.models.length === 1 ? '' : 's'}${duration(session)}.${fastest}${flags}`;
    case 'cancelled':
      return `Benchmark cancelled; ${completed.length} completed test${completed.length === 1 ? '' : 's'} and every finished repetition are kept.`;
    default: {
      const first = failed[0];
      const reason = first
        ? ` First: ${first.model} · ${first.t.type}: ${first.t.error}`
        : session.error
          ? ` ${session.error}`
          : '';
      const end = reason && !/[.!?]$/.test(reason) ? '.' : '';
      return `Benchmark finished with errors: ${failed.length} of ${tests.length} tests failed.${reason}${end}${fastest}`;
    }
  }
}
