// The search: Ollama's defaults first, then one option at a time with the others at their best so
// far (layers on the GPU, the biggest effect, first; then threads; then the batch size), each over
// the values the advisor left (searchSpace.ts): layers upwards until a load fails or speed falls
// twice (the cliff), threads and batch sizes on a ladder refined around its best. The best few
// settings then go through successive halving (each round more repetitions, half of them kept),
// so a lucky first trial does not win. Never the full grid: every trial is one of these steps.
import type { SearchSpace } from './searchSpace';
import { better } from './tuneGoal';
import type { TuneSetting } from './tuneSetting';
import type { TrialBook, TrialStage } from './tuneTrials';

/** Finalists that enter successive halving. */
export const FINALISTS = 4;

export interface SearchPlan {
  space: SearchSpace;
  /** The context every search trial loads. */
  numCtx: number;
  /** Repetitions of a screening trial. */
  repetitions: number;
}

/** Runs the search; returns the best setting found (Ollama's defaults if nothing beat them). */
export async function searchBest(book: TrialBook, plan: SearchPlan): Promise<TuneSetting> {
  const base: TuneSetting = { num_ctx: plan.numCtx };
  const reps = plan.repetitions;
  await book.run(base, reps, 'default');
  let best = base;
  const { space } = plan;
  if (space.gpuLayers) best = await layerStage(book, best, space.gpuLayers, reps);
  best = await ladderStage(book, best, 'num_thread', space.threads, reps, space.maxThreads);
  if (space.batches) best = await ladderStage(book, best, 'num_batch', space.batches, reps);
  return halving(book, best, reps);
}

const valueOf = (book: TrialBook, s: TuneSetting) => book.estimate(s)?.value;

/** Whether setting a measured better than b (a setting that failed or never ran is worst). */
function beats(book: TrialBook, a: TuneSetting, b: TuneSetting): boolean {
  const va = valueOf(book, a);
  const vb = valueOf(book, b);
  return va !== undefined && (vb === undefined || better(book.goal, va, vb));
}

async function layerStage(
  book: TrialBook,
  start: TuneSetting,
  layers: readonly number[],
  reps: number,
): Promise<TuneSetting> {
  let best = start;
  let previous: number | undefined;
  let falls = 0;
  for (const num_gpu of layers) {
    const s = { ...start, num_gpu };
    const v = await book.value(s, reps, 'num_gpu');
    // More layers than this one fail too: the GPU has no room left.
    if (book.failed(s) || book.stopped) break;
    if (v === undefined) continue;
    if (beats(book, s, best)) best = s;
    falls = previous !== undefined && better(book.goal, previous, v) ? falls + 1 : 0;
    if (falls >= 2) break;
    previous = v;
  }
  return best;
}

/** A ladder of values, then bisection between the best one's neighbours. */
async function ladderStage(
  book: TrialBook,
  start: TuneSetting,
  option: 'num_thread' | 'num_batch',
  ladder: readonly number[],
  reps: number,
  maxValue?: number,
): Promise<TuneSetting> {
  const stage: TrialStage = option;
  const at = (v: number): TuneSetting => ({ ...start, [option]: v });
  let best = start;
  let bestValue: number | undefined;
  for (const v of ladder) {
    await book.value(at(v), reps, stage);
    if (book.stopped) return best;
    if (beats(book, at(v), best)) [best, bestValue] = [at(v), v];
  }
  // Only whole thread counts lie between the ladder's steps; batch sizes stay on their ladder.
  if (bestValue === undefined || maxValue === undefined) return best;
  const i = ladder.indexOf(bestValue);
  let lo = ladder[i - 1] ?? bestValue;
  let hi = ladder[i + 1] ?? bestValue;
  let centre = bestValue;
  for (;;) {
    const left = Math.floor((lo + centre) / 2);
    const right = Math.ceil((centre + hi) / 2);
    const tries = [left, right].filter((v) => v > lo && v < hi && v !== centre);
    if (!tries.length) return best;
    for (const v of tries) await book.value(at(v), reps, stage);
    if (book.stopped) return best;
    const winner = [centre, ...tries].reduce((a, b) => (beats(book, at(b), at(a)) ? b : a));
    if (winner === left && left !== centre) [hi, centre] = [centre, left];
    else if (winner === right && right !== centre) [lo, centre] = [centre, right];
    else [lo, hi] = [tries.includes(left) ? left : lo, tries.includes(right) ? right : hi];
    if (beats(book, at(centre), best)) best = at(centre);
  }
}

/** Successive halving of the best few settings: each round doubles the repetitions, keeps half. */
async function halving(book: TrialBook, best: TuneSetting, reps: number): Promise<TuneSetting> {
  let field = book
    .ranked()
    .slice(0, FINALISTS)
    .map((e) => e.setting);
  if (field.length < 2) return best;
  let roundReps = reps;
  while (field.length > 1) {
    for (const s of field)
      if (!(await book.run(s, roundReps, 'halving'))) return leader(book, field, best);
    const ranked = book.ranked().map((e) => e.setting);
    field = ranked.filter((s) => field.includes(s)).slice(0, Math.ceil(field.length / 2));
    roundReps *= 2;
  }
  return field[0] ?? best;
}

/** The best of the field so far, when the halving had to stop. */
function leader(
  book: TrialBook,
  field: readonly TuneSetting[],
  fallback: TuneSetting,
): TuneSetting {
  return book.ranked().find((e) => field.includes(e.setting))?.setting ?? fallback;
}
