// A whole tune: search (tuneSearch.ts), then the largest context that keeps the winner's layers
// where they are, then the confirmation against Ollama's defaults (confirmWinner.ts). Pure over
// the trial runner, the budget and the signal: the CLI and the extension give the real ones, the
// tests a stand-in and a counter.
import { confirmWinner, type Confirmation } from './confirmWinner';
import { largestContextFor, type ModelBytes, type SearchSpace } from './searchSpace';
import type { Budget } from './tuneBudget';
import { better, gainInterval, gainPct, type TuneGoal } from './tuneGoal';
import { searchBest } from './tuneSearch';
import type { TuneSetting } from './tuneSetting';
import { TrialBook, type Estimate, type RunTrial, type Stop, type Trial } from './tuneTrials';

/** A larger context is kept unless it costs more than this share of the goal's figure. */
export const CONTEXT_TOLERANCE = 0.05;

export interface TunePlan {
  goal: TuneGoal;
  space: SearchSpace;
  numCtx: number;
  /** Whether the context was chosen by the user (then it is not searched). */
  numCtxFixed: boolean;
  bytes?: ModelBytes;
  vramBytes?: number;
  trainingContext?: number;
  /** Repetitions of each screening trial. */
  repetitions: number;
}

export interface TuneDeps {
  runTrial: RunTrial;
  budget: Budget;
  signal?: AbortSignal;
  onTrial?: (trial: Trial) => void;
}

export interface TuneOutcome {
  goal: TuneGoal;
  trials: Trial[];
  default?: Estimate;
  best?: Estimate & { gain_pct?: number; gain_ci95?: [number, number] };
  confirmation: Confirmation;
  /** Why the search stopped early, if it did. */
  stopped?: Stop;
  gridSize: number;
  elapsedMs: number;
}

export async function runTune(plan: TunePlan, deps: TuneDeps): Promise<TuneOutcome> {
  const book = new TrialBook(plan.goal, deps.runTrial, deps.budget, deps.signal, deps.onTrial);
  const base: TuneSetting = { num_ctx: plan.numCtx };
  let best = await searchBest(book, {
    space: plan.space,
    numCtx: plan.numCtx,
    repetitions: plan.repetitions,
  });
  if (!plan.numCtxFixed) best = await widerContext(book, plan, best);
  const confirmation = book.stopped ?? (await confirmWinner(book, base, best, plan.repetitions));
  const d = book.estimate(base);
  const b = book.estimate(best) ?? book.ranked()[0];
  return {
    goal: plan.goal,
    trials: book.trials,
    ...(d ? { default: d } : {}),
    ...(b ? { best: { ...b, ...gains(plan.goal, b, d) } } : {}),
    confirmation,
    ...(book.stopped ? { stopped: book.stopped } : {}),
    gridSize: plan.space.gridSize,
    elapsedMs: deps.budget.elapsedMs(),
  };
}

function gains(goal: TuneGoal, best: Estimate, base: Estimate | undefined) {
  if (!base) return {};
  return {
    gain_pct: gainPct(goal, best.value, base.value),
    ...(best.ci95 && base.ci95 ? { gain_ci95: gainInterval(goal, best.ci95, base.ci95) } : {}),
  };
}

/** The winner at the largest context its layers allow, if that loads and costs little. */
async function widerContext(
  book: TrialBook,
  plan: TunePlan,
  best: TuneSetting,
): Promise<TuneSetting> {
  if (!plan.bytes) return best;
  const layers = best.num_gpu ?? plan.space.estimatedGpuLayers ?? plan.bytes.layers;
  const ctx = largestContextFor(
    plan.bytes,
    plan.vramBytes,
    layers,
    plan.numCtx,
    plan.trainingContext,
  );
  if (ctx === undefined) return best;
  const wider = { ...best, num_ctx: ctx };
  const v = await book.value(wider, plan.repetitions, 'num_ctx');
  const now = book.estimate(best)?.value;
  if (v === undefined || now === undefined) return best;
  const worse = better(plan.goal, now, v) && Math.abs(v - now) > CONTEXT_TOLERANCE * Math.abs(now);
  return worse ? best : wider;
}
