// What one config asks of the runner: its model, its suite with the config's num_predict and
// stream count applied, and the session-wide settings (num_ctx, repetitions, seed, keep_alive).
import type { SuiteDefinition } from '../../shared/dto';
import type { BenchmarkConfig } from '../../shared/plans';
import type { SessionRequest } from '../bench/runner';
import { resolveSuites, withNumPredict } from '../bench/suites';

export function configSessionRequest(
  config: BenchmarkConfig,
  custom: readonly SuiteDefinition[],
  samplingIntervalMs?: number,
): SessionRequest {
  const [resolved] = withNumPredict(
    resolveSuites([config.suite], custom),
    config.options.num_predict,
  );
  if (!resolved) throw new Error(`The config's suite "${config.suite}" was not found.`);
  const suite: SuiteDefinition = {
    ...resolved,
    // A saved suite's own num_ctx would win over the session's; the plan's value must.
    options: { ...resolved.options, num_ctx: config.options.num_ctx },
  };
  if (suite.kind === 'concurrency' && config.options.concurrency !== undefined)
    suite.concurrency = [config.options.concurrency];
  return {
    models: [config.model],
    suites: [suite],
    repetitions: config.options.repetitions,
    numCtx: config.options.num_ctx,
    seed: config.options.seed,
    keepAlive: config.options.keep_alive,
    tags: ['plan'],
    ...(samplingIntervalMs !== undefined ? { samplingIntervalMs } : {}),
  };
}
