// After a session: each of its tests against its baseline on every daily figure, and the
// sentences a notification shows for the regressions ("llama3.2 · A: −12.4 % tokens/s vs baseline
// (p = 0.008). Changed since: Ollama 0.12.6 → 0.13.0"). The session detail shows the same reports.
import type { SessionDoc } from '../../shared/dto';
import type { ComparisonReport, ComparisonRow } from '../../shared/trends';
import type { OpenedStore } from '../repositories/openedStore';
import { compareSession } from './compareSessions';
import { verdictSentence } from './comparisonText';
import { sessionFigures } from './sessionFigures';
import { DEFAULT_VERDICT_SETTINGS, type VerdictSettings } from './verdict';

export interface RegressionAlert {
  row: ComparisonRow;
  sentence: string;
  /** The newest session of the baseline, to open the comparison with. */
  baselineSession: string;
  candidateSession: string;
}

export interface SessionCheck {
  /** One report per figure (tokens/s, prompt tokens/s, TTFT, the workload figures the session has); empty comparisons without a baseline. */
  reports: ComparisonReport[];
  /** Regressions, tokens/s first. */
  alerts: RegressionAlert[];
}

export async function checkSession(
  store: OpenedStore,
  session: SessionDoc,
  settings: VerdictSettings = DEFAULT_VERDICT_SETTINGS,
): Promise<SessionCheck> {
  const reports: ComparisonReport[] = [];
  const alerts: RegressionAlert[] = [];
  for (const figure of sessionFigures(session)) {
    const report = await compareSession(store, session, { kind: 'auto' }, { figure, settings });
    reports.push(report);
    for (const row of report.comparisons) {
      if (row.verdict !== 'regression') continue;
      alerts.push({
        row,
        sentence: verdictSentence(row, report.changed),
        baselineSession: report.baseline_sessions[0] ?? '',
        candidateSession: report.candidate_session,
      });
    }
  }
  return { reports, alerts };
}
