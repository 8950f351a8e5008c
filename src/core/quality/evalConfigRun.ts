// A plan's eval configuration, run by a worker: the model scored on the set its suite names
// (evalSuites.ts) and the evaluation stored; or, where one is already stored for that model digest,
// set and options (measured on any machine), the configuration completed with it unasked.
import type { BenchmarkConfig } from '../../shared/plans';
import { createOllamaClient } from '../ollama/ollamaClient';
import type { Outcome, WorkerEvent, WorkerOptions } from '../plans/worker';
import { evalModels } from './evalModels';
import { evaluationKey, resolveEvalOptions } from './evalOptions';
import { evaluateModel } from './evalRunner';
import { loadEvalSuite } from './evalSuites';

export async function runEvalConfig(
  config: BenchmarkConfig,
  opts: Pick<WorkerOptions, 'plans' | 'evaluations' | 'host' | 'worker' | 'signal'>,
  run: { signal: AbortSignal; lost: () => boolean; reachable: () => Promise<boolean> },
  emit: (e: WorkerEvent) => void,
): Promise<Outcome> {
  const workerId = opts.worker.worker_id;
  const finish = async (evaluationId: string, skipped: boolean): Promise<Outcome> => {
    if (!(await opts.plans.complete(config._id, workerId, { evaluationId, skipped }))) {
      emit({ type: 'claim-lost', config });
      return 'lost';
    }
    emit({ type: 'finished', config, status: 'completed' });
    return 'completed';
  };
  let error: string;
  try {
    if (!opts.evaluations) throw new Error('this worker has no store for model evaluations');
    const set = loadEvalSuite(config.suite);
    const client = createOllamaClient(opts.host);
    const [model] = await evalModels(client, [config.model]);
    if (!model) throw new Error(`Ollama has no model '${config.model}'`);
    const options = resolveEvalOptions();
    const stored = await opts.evaluations.findComplete(
      evaluationKey(model.digest, set.hash, options),
    );
    if (stored?._id !== undefined) return await finish(stored._id, true);
    // A lost claim or a stop aborts the item in flight too, not only the items after it.
    const evaluation = await evaluateModel(model, set, options, {
      client: createOllamaClient(opts.host, { signal: run.signal }),
      signal: run.signal,
    });
    if (run.lost()) {
      emit({ type: 'claim-lost', config });
      return 'lost';
    }
    if (evaluation.complete) return await finish(await opts.evaluations.insert(evaluation), false);
    error = 'the evaluation was cancelled';
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  if (opts.signal?.aborted || !(await run.reachable())) {
    const reason = opts.signal?.aborted
      ? 'the worker was stopped; the config waits for the next worker'
      : `Ollama at ${opts.host} could not be reached (${error}); the config goes back to the queue`;
    await opts.plans.putBack(config._id, workerId);
    emit({ type: 'put-back', config, reason });
    return 'put-back';
  }
  if (!(await opts.plans.fail(config._id, workerId, error))) {
    emit({ type: 'claim-lost', config });
    return 'lost';
  }
  emit({ type: 'finished', config, status: 'failed', error });
  return 'failed';
}
