// Asks the chosen items one after another, grouped by category, and reports each group as it
// ends (how many of it passed). A cancelled walk stops between items and keeps what finished; a
// request in flight is aborted by the client's own signal (createOllamaClient's `signal`), as the
// official client's abort() reaches only streamed requests.
import type { EvalItem } from './evalItem';
import type { EvalClient, GroupProgress } from './evalRunner';

export interface ItemWalk {
  model: string;
  client: Pick<EvalClient, 'abort'>;
  signal?: AbortSignal;
  onGroup?: (progress: GroupProgress) => void;
}

/** Runs `ask` per item (true: it passed); returns how many items finished. */
export async function walkItems(
  items: readonly EvalItem[],
  walk: ItemWalk,
  ask: (item: EvalItem) => Promise<boolean>,
): Promise<number> {
  let done = 0;
  let group: { category: string; correct: number; total: number } | undefined;
  const report = () => {
    if (group) walk.onGroup?.({ model: walk.model, ...group, done, of: items.length });
  };
  const stop = () => walk.client.abort();
  walk.signal?.addEventListener('abort', stop);
  try {
    for (const item of items) {
      if (group && group.category !== item.category) {
        report();
        group = undefined;
      }
      if (walk.signal?.aborted) break;
      group ??= { category: item.category, correct: 0, total: 0 };
      let passed: boolean;
      try {
        passed = await ask(item);
      } catch (err) {
        if (walk.signal?.aborted) break;
        throw err;
      }
      done++;
      group.total++;
      if (passed) group.correct++;
    }
    report();
  } finally {
    walk.signal?.removeEventListener('abort', stop);
  }
  return done;
}
