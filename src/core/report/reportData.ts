// What a report shows, read from the store: the session, its machine, its results with their
// hardware samples, and — per baseline asked for — the comparison on each daily figure.
import type { OpenedStore } from '../repositories/openedStore';
import { ComparisonInputError, compareSession } from '../trends/compareSessions';
import { sessionFigures } from '../trends/sessionFigures';
import type { ReportInput } from './htmlReport';

export async function loadReportInput(
  store: OpenedStore,
  sessionId: string,
  compareWith: readonly string[],
  toolVersion: string,
): Promise<ReportInput> {
  const session = await store.sessions.getSession(sessionId).catch(() => undefined);
  if (!session)
    throw new ComparisonInputError(`no session with id "${sessionId}" (see ollama-bench history)`);
  const [hardware, results] = await Promise.all([
    session.hardware_config_id
      ? store.sessions.getHardwareConfig(session.hardware_config_id)
      : undefined,
    store.sessions.getTestResults(sessionId),
  ]);
  const comparisons = [];
  for (const id of compareWith) {
    const baseline = await store.sessions.getSession(id).catch(() => undefined);
    if (!baseline) throw new ComparisonInputError(`no session with id "${id}" to compare with`);
    const reports = [];
    for (const figure of sessionFigures(session))
      reports.push(
        await compareSession(store, session, { kind: 'session', sessionId: id }, { figure }),
      );
    comparisons.push({ baseline, reports });
  }
  return {
    session,
    hardware,
    results,
    comparisons,
    toolVersion,
    generatedAt: new Date().toISOString(),
  };
}
