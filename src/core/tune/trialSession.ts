// One trial as a stored session through the normal run path: the goal's built-in suite, its
// options resolved once by resolveRunOptions with the setting's load options and the tune's id,
// run by runSession. The goal's figure of each repetition is what the trial measured; a model that
// fails to load (or a test that errors) is a failed trial with Ollama's reason.
import type { SessionDoc, SuiteDefinition } from '../../shared/dto';
import type { BenchEvent } from '../../shared/events';
import type { RunnerDeps, SessionRequest } from '../bench/runner';
import { resolveRunOptions } from '../bench/runOptions';
import { GOAL_MEASURES, type TuneGoal } from './tuneGoal';
import { loadOptionsOfSetting } from './tuneSetting';
import type { RunTrial } from './tuneTrials';

export interface TrialSessionDeps extends Omit<RunnerDeps, 'onEvent'> {
  model: string;
  goal: TuneGoal;
  /** The goal's suite, resolved (GOAL_MEASURES[goal].suite). */
  suite: SuiteDefinition;
  tuneId: string;
  /** Replaces the suite's num_predict (shorter trials). */
  numPredict?: number;
  runSession: (request: SessionRequest, deps: RunnerDeps) => Promise<SessionDoc>;
  onEvent?: (event: BenchEvent) => void;
}

export const TUNE_TAG = 'tune';

export function trialRunner(deps: TrialSessionDeps): RunTrial {
  const { figure } = GOAL_MEASURES[deps.goal];
  const { model, suite, tuneId, numPredict, runSession, ...runner } = deps;
  return async (setting, repetitions) => {
    const values: number[] = [];
    const options = resolveRunOptions({
      num_ctx: setting.num_ctx,
      model_options: loadOptionsOfSetting(setting),
      tune_id: tuneId,
      ...(numPredict !== undefined ? { num_predict: numPredict } : {}),
    });
    const session = await runSession(
      { models: [model], suites: [suite], repetitions, tags: [TUNE_TAG], options },
      {
        ...runner,
        onEvent: (e) => {
          if (e.type === 'repetition-done') {
            const v = e.figures[figure];
            if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
          }
          deps.onEvent?.(e);
        },
      },
    );
    const m = session.models[0];
    const test = m?.tests[0];
    const ok = test?.status === 'completed';
    return {
      status: ok ? 'ok' : 'failed',
      values: ok ? values : [],
      ...(ok
        ? {}
        : { error: test?.error ?? m?.error ?? session.error ?? `session ${session.status}` }),
      ...(session._id !== undefined ? { session_id: session._id } : {}),
    };
  };
}
