// A tune's trials: each runs one setting for a few repetitions (one stored session), only while
// the budget has time and nobody cancelled. What every trial of one setting measured is pooled,
// so a setting's estimate gets better each time it runs again.
import { figureStats } from '../bench/stats';
import type { Budget } from './tuneBudget';
import { better, type TuneGoal } from './tuneGoal';
import { settingKey, type TuneSetting } from './tuneSetting';

export type TrialStage =
  'default' | 'num_gpu' | 'num_thread' | 'num_batch' | 'halving' | 'num_ctx' | 'confirm';

export interface TrialOutcome {
  status: 'ok' | 'failed';
  /** The goal's figure of each repetition. */
  values: number[];
  error?: string;
  session_id?: string;
}

/** Runs one trial: the setting's session of `repetitions` repetitions. */
export type RunTrial = (
  setting: TuneSetting,
  repetitions: number,
  stage: TrialStage,
) => Promise<TrialOutcome>;

export interface Trial extends TrialOutcome {
  setting: TuneSetting;
  stage: TrialStage;
  repetitions: number;
  /** Mean of this trial's values. */
  value?: number;
}

export interface Estimate {
  setting: TuneSetting;
  values: number[];
  value: number;
  ci95?: [number, number];
}

/** Why trials stopped before the plan was done, if they did. */
export type Stop = 'budget' | 'cancelled';

export class TrialBook {
  readonly trials: Trial[] = [];
  private readonly pooled = new Map<
    string,
    { setting: TuneSetting; values: number[]; failed: boolean }
  >();
  stopped: Stop | undefined;

  constructor(
    readonly goal: TuneGoal,
    private readonly runTrial: RunTrial,
    private readonly budget: Budget,
    private readonly signal?: AbortSignal,
    private readonly onTrial?: (trial: Trial) => void,
  ) {}

  /** Whether another trial may start (and why not, remembered). */
  canRun(): boolean {
    if (this.signal?.aborted) this.stopped = 'cancelled';
    else if (!this.budget.canStart()) this.stopped ??= 'budget';
    else return true;
    return false;
  }

  /** Runs the setting; undefined when no trial may start. */
  async run(
    setting: TuneSetting,
    repetitions: number,
    stage: TrialStage,
  ): Promise<Trial | undefined> {
    if (!this.canRun()) return undefined;
    const outcome = await this.runTrial(setting, repetitions, stage);
    // A trial cut short by cancellation measured nothing worth keeping in the search.
    if (this.signal?.aborted) {
      this.stopped = 'cancelled';
      return undefined;
    }
    const stats = figureStats(outcome.values);
    const trial: Trial = {
      ...outcome,
      setting,
      stage,
      repetitions,
      ...(outcome.status === 'ok' && stats ? { value: stats.mean } : {}),
    };
    if (trial.value === undefined && trial.status === 'ok') trial.status = 'failed';
    this.trials.push(trial);
    const key = settingKey(setting);
    const pool = this.pooled.get(key) ?? { setting, values: [], failed: false };
    if (trial.status === 'ok') pool.values.push(...outcome.values);
    else pool.failed = true;
    this.pooled.set(key, pool);
    this.onTrial?.(trial);
    return trial;
  }

  /** The setting's pooled value: run once if it never ran; undefined if it failed or could not run. */
  async value(
    setting: TuneSetting,
    repetitions: number,
    stage: TrialStage,
  ): Promise<number | undefined> {
    if (!this.pooled.has(settingKey(setting))) await this.run(setting, repetitions, stage);
    return this.estimate(setting)?.value;
  }

  /** Whether the setting ran and failed to load. */
  failed(setting: TuneSetting): boolean {
    return this.pooled.get(settingKey(setting))?.failed ?? false;
  }

  estimate(setting: TuneSetting): Estimate | undefined {
    const pool = this.pooled.get(settingKey(setting));
    if (!pool || pool.failed) return undefined;
    const stats = figureStats(pool.values);
    if (!stats) return undefined;
    return {
      setting: pool.setting,
      values: [...pool.values],
      value: stats.mean,
      ...(stats.ci95 ? { ci95: stats.ci95 } : {}),
    };
  }

  /** Settings that ran and loaded, best first. */
  ranked(): Estimate[] {
    return [...this.pooled.values()]
      .map((p) => this.estimate(p.setting))
      .filter((e): e is Estimate => e !== undefined)
      .sort((a, b) =>
        better(this.goal, a.value, b.value) ? -1 : better(this.goal, b.value, a.value) ? 1 : 0,
      );
  }
}
