// The search: Ollama's defaults first, then one option at a time with the others at their best so
// far (layers on the GPU, the biggest effect, first; then threads; then the batch size), each over
// the values the advisor left (searchSpace.ts): layers upwards until a load fails or speed falls
// twice (the cliff), threads and batch sizes on a ladder refined around its best. The best few
// settings then go through successive halving (each round more repetitions, half of them kept),
// so a lucky first trial does not win (unless no more than those few ran at all). Never the full grid: every trial is one of these steps.
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
  // The ladder's own best, even where Ollama's choice (the option unset) measured as well: the
  // refinement around it may find better.
  let centre: number | undefined;
  for (const v of ladder) {
    await book.value(at(v), reps, stage);
    if (book.stopped) return bestOf(book, start, ladder.map(at));
    if (centre === undefined || beats(book, at(v), at(centre))) centre = v;
  }
  // Only whole thread counts lie between the ladder's steps; batch sizes stay on their ladder.
  if (centre === undefined || maxValue === undefined) return bestOf(book, start, ladder.map(at));
  const i = ladder.indexOf(centre);
  let lo = ladder[i - 1] ?? centre;
  let hi = ladder[i + 1] ?? centre;
  const tried = new Set(ladder);
  for (;;) {
    const left = Math.floor((lo + centre) / 2);
    const right = Math.ceil((centre + hi) / 2);
    const tries = [left, right].filter((v) => v > lo && v < hi && v !== centre);
    if (!tries.length) break;
    for (const v of tries) {
      tried.add(v);
      await book.value(at(v), reps, stage);
    }
    if (book.stopped) break;
    const c: number = centre;
    const winner = tries.reduce((a, b) => (beats(book, at(b), at(a)) ? b : a), c);
    if (winner === left && left !== c) [hi, centre] = [c, left];
    else if (winner === right && right !== c) [lo, centre] = [c, right];
    else [lo, hi] = [tries.includes(left) ? left : lo, tries.includes(right) ? right : hi];
  }
  return bestOf(book, start, [...tried].map(at));
}

/** The best of the start and the candidates that ran. */
function bestOf(
  book: TrialBook,
  start: TuneSetting,
  candidates: readonly TuneSetting[],
): TuneSetting {
  return candidates.reduce((a, b) => (beats(book, b, a) ? b : a), start);
}

/** Successive halving of the best few settings: each round doubles the repetitions, keeps half. */
async function halving(book: TrialBook, best: TuneSetting, reps: number): Promise<TuneSetting> {
  const ranked = book.ranked();
  // A space this small was measured whole: the confirmation settles it, not another round.
  if (ranked.length <= FINALISTS) return best;
  let field = ranked.slice(0, FINALISTS).map((e) => e.setting);
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
