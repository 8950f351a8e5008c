// After a session ends, each saved suite it ran counts one run: usage_count and execution_stats
// (runs, success rate, mean duration) on the suite's stored document. Built-in suites have no
// document and are not counted. Called by the CLI's `run` and the extension's benchmark controller.
import type { SessionDoc } from '../../shared/dto';
import type { OpenedStore } from '../repositories/openedStore';
import type { SuiteRun } from '../suites/suiteRepository';
import { isBuiltinName } from './suites';

/** One suite's run in this session: all of its tests completed, and their summed wall time. */
export function suiteRunOf(session: SessionDoc, suite: string): SuiteRun {
  const tests = session.models.flatMap((m) => m.tests.filter((t) => t.type === suite));
  let duration = 0;
  for (const t of tests) {
    const start = t.start_time ? Date.parse(t.start_time) : NaN;
    const end = t.end_time ? Date.parse(t.end_time) : NaN;
    if (Number.isFinite(start) && Number.isFinite(end) && end >= start) duration += end - start;
  }
  return {
    succeeded: tests.length > 0 && tests.every((t) => t.status === 'completed'),
    duration_ms: duration,
  };
}

/** Records the session's saved suites' runs; returns the names counted. */
export async function recordSuiteUsage(store: OpenedStore, session: SessionDoc): Promise<string[]> {
  if (session.status === 'running') return [];
  const counted: string[] = [];
  for (const name of new Set(session.options.suites)) {
    if (isBuiltinName(name)) continue;
    if (await store.suites.recordRun(name, suiteRunOf(session, name))) counted.push(name);
  }
  return counted;
}
