// A sweep's order and its early stop, apart from how a level is run (rateLoop.ts runs them on
// Ollama; the tests on scripted figures): synchronous, then throughput, then `count` rates between
// their achieved rates; the first level that over-saturates ends it. Resolves to why it stopped
// early, or undefined when every level ran.
import type { RateLevel, RateMode } from '../../shared/workloadTypes';
import { sweepRates } from './sweepRates';

export type RunLevel = (mode: RateMode, rate?: number) => Promise<RateLevel>;

export async function runSweep(
  runLevel: RunLevel,
  arrival: 'constant' | 'poisson',
  count: number,
): Promise<string | undefined> {
  const sync = await runLevel('synchronous');
  const most = await runLevel('throughput');
  for (const rate of sweepRates(sync.achieved_rps, most.achieved_rps, count)) {
    const level = await runLevel(arrival, rate);
    if (level.saturated)
      return `over-saturated at ${rate} requests/s: TTFT and requests in flight kept rising`;
  }
  return undefined;
}
