// How many figures a workload test announces, for progress ("repetition 3/8"): a depth sweep one
// per request of each depth, a shared prefix its cold and warm requests per repetition, a rate
// test one per level. Undefined for the other kinds. Pure.
import type { SuiteDefinition } from '../../shared/dto';
import type { WorkloadOptions } from './workloadOptions';

export function workloadRequests(
  suite: Pick<SuiteDefinition, 'kind' | 'prompts'>,
  repetitions: number,
  workload: WorkloadOptions,
): number | undefined {
  switch (suite.kind) {
    case 'depth':
      return workload.depths.length * repetitions;
    case 'prefix':
      return Math.max(2, suite.prompts.length - 1) * repetitions;
    case 'rate':
      return workload.sweep ? workload.rates + 2 : 1;
    default:
      return undefined;
  }
}
