// The session detail's machine charts: every result's samples on one time axis from the session's
// start, with each test as a phase, so a dip in tokens/s can be set against what the machine did.
import type { SessionDoc, TestResultDoc } from '../../shared/dto';
import { machineChartGroups } from '../../shared/machineCharts';
import type { LivePhase, SessionMachine } from '../../shared/protocol';

export function machineDetail(
  session: SessionDoc,
  results: readonly TestResultDoc[],
): SessionMachine | undefined {
  const samples = results.flatMap((r) => r.samples ?? []).sort((a, b) => a.t - b.t);
  const first = samples[0];
  if (!first) return undefined;
  const started = Date.parse(session.start_time);
  const origin = Number.isFinite(started) ? Math.min(started, first.t) : first.t;
  const phases: LivePhase[] = session.models.flatMap((m) =>
    m.tests.flatMap((t) => {
      const start = t.start_time ? Date.parse(t.start_time) : NaN;
      const end = t.end_time ? Date.parse(t.end_time) : NaN;
      if (!Number.isFinite(start)) return [];
      return [
        {
          kind: 'test' as const,
          label: `${m.name} · ${t.type}`,
          start: start - origin,
          ...(Number.isFinite(end) ? { end: end - origin } : {}),
        },
      ];
    }),
  );
  return { groups: machineChartGroups(samples, origin), phases };
}
