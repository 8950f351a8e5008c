// What "tokens/s" means for one test and "best tokens/s" for a session. The sessions table, its
// sort key (denormalised into each stored session), the CLI history and the end-of-run summary all
// read them from here, so a session shows, sorts and is announced with the same number.
import type { SessionDoc, TestMetrics } from './dto';

/**
 * A test's generation rate: its mean per-stream tokens/s. For a concurrency test that is the rate
 * one user sees under load; its aggregate (the sum over parallel streams) is a server throughput
 * that would outrank every single-stream test, so it only stands in when a test has no per-stream
 * rate at all.
 */
export function testTokensPerSecond(
  metrics: Pick<TestMetrics, 'tokens_per_second' | 'aggregate_tokens_per_second'> | undefined,
): number | undefined {
  const rate = metrics?.tokens_per_second ?? metrics?.aggregate_tokens_per_second;
  return typeof rate === 'number' && Number.isFinite(rate) ? rate : undefined;
}

export interface BestRate {
  tokensPerSecond: number;
  model: string;
  test: string;
}

/**
 * The session's best: the highest testTokensPerSecond over all its tests, whatever their status
 * (a cancelled or failed test keeps the repetitions it finished, and those are real measurements).
 * The first test wins a tie. Undefined when no test has a rate.
 */
export function bestTokensPerSecond(session: Pick<SessionDoc, 'models'>): BestRate | undefined {
  let best: BestRate | undefined;
  for (const m of session.models) {
    for (const t of m.tests) {
      const rate = testTokensPerSecond(t.metrics);
      if (rate !== undefined && (best === undefined || rate > best.tokensPerSecond))
        best = { tokensPerSecond: rate, model: m.name, test: t.type };
    }
  }
  return best;
}
