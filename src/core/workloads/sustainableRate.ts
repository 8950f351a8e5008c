// A sweep's answer: the highest rate whose p90s all met the SLO (max_sustainable_rps), and the
// knee, that level, marked when a faster level then failed the SLO. Levels are taken by their rate,
// whatever order they ran in. Pure.
import type { RateLevel } from '../../shared/workloadTypes';

/** The highest rate_rps among the levels that met the SLO; null when none did. */
export function maxSustainableRps(levels: readonly RateLevel[]): number | null {
  const meeting = levels.filter((l) => l.meets_slo).map((l) => l.rate_rps);
  return meeting.length ? Math.max(...meeting) : null;
}

/** The levels with `knee` set on the sustainable one when a faster level missed the SLO. */
export function markKnee(levels: readonly RateLevel[]): RateLevel[] {
  const best = maxSustainableRps(levels);
  const fasterMissed = best !== null && levels.some((l) => !l.meets_slo && l.rate_rps > best);
  return levels.map((l) => {
    const { knee: _, ...rest } = l;
    return fasterMissed && l.meets_slo && l.rate_rps === best ? { ...rest, knee: true } : rest;
  });
}
