// What one config asks of the runner: its model, its suite with the config's stream count
// applied, and the run's options resolved once from the worker's own (timeouts) and the config's
// (num_ctx, num_predict, seed, keep_alive, a workload suite's options), which win.
import type { SuiteDefinition } from '../../shared/dto';
import type { BenchmarkConfig } from '../../shared/plans';
import type { SessionRequest } from '../bench/runner';
import { resolveRunOptions, type RunOptionsInput } from '../bench/runOptions';
import { resolveSuites } from '../bench/suites';
import { workloadInputOf } from '../workloads/workloadSettings';

export function configSessionRequest(
  config: BenchmarkConfig,
  custom: readonly SuiteDefinition[],
  worker: { runOptions?: RunOptionsInput; samplingIntervalMs?: number } = {},
): SessionRequest {
  const [resolved] = resolveSuites([config.suite], custom);
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
    options: resolveRunOptions({
      ...worker.runOptions,
      num_ctx: config.options.num_ctx,
      seed: config.options.seed,
      keep_alive: config.options.keep_alive,
      num_predict: config.options.num_predict,
      ...(config.options.workload ? { workload: workloadInputOf(config.options.workload) } : {}),
    }),
    tags: ['plan'],
    ...(worker.samplingIntervalMs !== undefined
      ? { samplingIntervalMs: worker.samplingIntervalMs }
      : {}),
  };
}
