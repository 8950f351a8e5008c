// What a tune makes faster, and how it measures it: decode (tokens/s of suite A), prefill (prompt
// tokens/s of suite B), ttft (time to first token of suite B's long prompt) or balanced (the
// whole request of suite A, prompt and answer: its end-to-end time). Higher is better for the
// rates, lower for the times.
import type { RepetitionFigures } from '../../shared/dto';

export const TUNE_GOALS = ['decode', 'prefill', 'ttft', 'balanced'] as const;
export type TuneGoal = (typeof TUNE_GOALS)[number];

export interface GoalMeasure {
  /** The built-in suite each trial runs. */
  suite: 'A' | 'B';
  figure: keyof Pick<
    RepetitionFigures,
    'tokens_per_second' | 'prompt_tokens_per_second' | 'ttft_ms' | 'e2e_ms'
  >;
  higherIsBetter: boolean;
  unit: string;
  /** Whether num_batch (prompt processing) changes the figure. */
  usesBatch: boolean;
}

export const GOAL_MEASURES: Readonly<Record<TuneGoal, GoalMeasure>> = {
  decode: {
    suite: 'A',
    figure: 'tokens_per_second',
    higherIsBetter: true,
    unit: 'tokens/s',
    usesBatch: false,
  },
  prefill: {
    suite: 'B',
    figure: 'prompt_tokens_per_second',
    higherIsBetter: true,
    unit: 'prompt tokens/s',
    usesBatch: true,
  },
  ttft: { suite: 'B', figure: 'ttft_ms', higherIsBetter: false, unit: 'ms TTFT', usesBatch: true },
  balanced: {
    suite: 'A',
    figure: 'e2e_ms',
    higherIsBetter: false,
    unit: 'ms end to end',
    usesBatch: true,
  },
};

export function isTuneGoal(value: string): value is TuneGoal {
  return (TUNE_GOALS as readonly string[]).includes(value);
}

/** Whether value a is better than b for the goal. */
export function better(goal: TuneGoal, a: number, b: number): boolean {
  return GOAL_MEASURES[goal].higherIsBetter ? a > b : a < b;
}

/**
 * The gain of `best` over `base` in %: how much faster, so a time that halves is +100 % as a rate
 * that doubles is.
 */
export function gainPct(goal: TuneGoal, best: number, base: number): number {
  return (GOAL_MEASURES[goal].higherIsBetter ? best / base - 1 : base / best - 1) * 100;
}

/**
 * The gain's interval from the two 95 % intervals: its lowest from the worst ends of both, its
 * highest from the best ends (conservative, wider than the gain's own interval).
 */
export function gainInterval(
  goal: TuneGoal,
  best: readonly [number, number],
  base: readonly [number, number],
): [number, number] {
  const [bLo, bHi] = best;
  const [dLo, dHi] = base;
  return GOAL_MEASURES[goal].higherIsBetter
    ? [gainPct(goal, bLo, dHi), gainPct(goal, bHi, dLo)]
    : [gainPct(goal, bHi, dLo), gainPct(goal, bLo, dHi)];
}
