// Every kind a suite may have, in one list: the suite validation (src/core/bench/suites.ts) and
// MongoDB's validator of saved suites (src/core/store/mongo/schema.ts) both read it.
import type { SuiteKind } from './dto';

export const SUITE_KINDS: readonly SuiteKind[] = [
  'generation',
  'prompt',
  'concurrency',
  'custom',
  'embedding',
  'vision',
  'depth',
  'prefix',
  'rate',
];
