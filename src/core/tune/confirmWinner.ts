// The winner against Ollama's defaults: both run again, in turns, until their 95 % intervals no
// longer overlap (the gain is real), the budget ends, or a cap of rounds (the two are too close
// to tell apart). Every trial of a setting is pooled, so the search's own trials count.
import type { TuneSetting } from './tuneSetting';
import { settingKey } from './tuneSetting';
import type { Estimate, TrialBook } from './tuneTrials';

/** How the confirmation ended. */
export type Confirmation = 'separated' | 'budget' | 'cancelled' | 'not_separated' | 'defaults_best';

export const MAX_CONFIRM_ROUNDS = 6;

/** Whether the two 95 % intervals are apart. */
export function separated(a: Estimate | undefined, b: Estimate | undefined): boolean {
  if (!a?.ci95 || !b?.ci95) return false;
  return a.ci95[1] < b.ci95[0] || b.ci95[1] < a.ci95[0];
}

export async function confirmWinner(
  book: TrialBook,
  base: TuneSetting,
  best: TuneSetting,
  repetitions: number,
): Promise<Confirmation> {
  if (settingKey(base) === settingKey(best)) return 'defaults_best';
  for (let round = 0; ; round++) {
    if (separated(book.estimate(base), book.estimate(best))) return 'separated';
    if (round >= MAX_CONFIRM_ROUNDS) return 'not_separated';
    for (const s of [base, best]) {
      if (!(await book.run(s, repetitions, 'confirm'))) return book.stopped ?? 'budget';
    }
  }
}
