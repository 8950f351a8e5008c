// The figures a session is checked and reported on: the three daily figures every test has, and
// a workload figure only where one of the session's tests has it (a session without a depth or
// rate test is not compared on them: no history is read for figures it cannot have).
import type { SessionDoc } from '../../shared/dto';
import { DAILY_FIGURES, testFigureValue, type TrendFigure } from '../../shared/trendFigures';

const ALWAYS: readonly TrendFigure[] = ['tokens_per_second', 'prompt_tokens_per_second', 'ttft_ms'];

export function sessionFigures(session: SessionDoc): TrendFigure[] {
  const tests = session.models.flatMap((m) => m.tests);
  return DAILY_FIGURES.filter(
    (f) => ALWAYS.includes(f) || tests.some((t) => testFigureValue(t.metrics, f) !== undefined),
  );
}
