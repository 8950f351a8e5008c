// The last tune of this window, for the dashboard's Tune view and Create Tuned Model; listeners
// hear when a new one lands.
import type { TuneView } from '../../shared/tuneView';

let last: TuneView | undefined;
const listeners = new Set<(view: TuneView) => void>();

export const tuneAnswers = {
  get: (): TuneView | undefined => last,
  set(view: TuneView): void {
    last = view;
    for (const l of listeners) l(view);
  },
  /** Returns the unsubscribe. */
  onDidSet(listener: (view: TuneView) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
