// With an ollama binary (--serve), each server setting that needs a restart is measured on a
// server of the tune's own: started with the setting's environment, the winner's options run
// against it as one trial, stopped after. Within the tune's budget, like every trial.
import { figureStats } from '../bench/stats';
import { SERVER_SETTINGS } from './serverAdvice';
import { startServedOllama, type ServedOllama } from './servedOllama';
import type { Budget } from './tuneBudget';
import type { ServerTrial } from './tuneReport';
import type { TuneSetting } from './tuneSetting';
import type { RunTrial } from './tuneTrials';

export interface ServerTrialDeps {
  binary: string;
  budget: Budget;
  signal?: AbortSignal;
  /** A trial runner against the server at this URL. */
  runnerFor: (url: string) => RunTrial;
  start?: (binary: string, env: Record<string, string>) => Promise<ServedOllama>;
  onTrial?: (trial: ServerTrial) => void;
}

export async function serverTrials(
  setting: TuneSetting,
  repetitions: number,
  deps: ServerTrialDeps,
): Promise<ServerTrial[]> {
  const out: ServerTrial[] = [];
  const start = deps.start ?? startServedOllama;
  // First the server with none of them: the baseline the settings are compared with.
  for (const env of [{}, ...SERVER_SETTINGS]) {
    if (deps.signal?.aborted || !deps.budget.canStart()) break;
    let trial: ServerTrial;
    try {
      const served = await start(deps.binary, env);
      try {
        const outcome = await deps.runnerFor(served.url)(setting, repetitions, 'confirm');
        const mean = figureStats(outcome.values)?.mean;
        trial =
          outcome.status === 'ok' && mean !== undefined
            ? { env, status: 'ok', value: mean }
            : { env, status: 'failed', error: outcome.error ?? 'no figure' };
      } finally {
        await served.stop();
      }
    } catch (err) {
      trial = { env, status: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
    out.push(trial);
    deps.onTrial?.(trial);
  }
  return out;
}
