// The dashboard's Rankings tab, host side: the use cases, and the ranking of one for this machine
// (or, when this machine has no results yet, the machine with the newest ones). Like the rest of
// the dashboard's handler it imports no `vscode`: the panel passes its capabilities in.
import { failureKindOf } from '../../core/failures/failureKind';
import { DEFAULT_ACCURACY_SET } from '../../core/quality/accuracyInputs';
import { rankMachine } from '../../core/rank/rankMachine';
import type { OpenedStore } from '../../core/repositories/openedStore';
import type { HostToDashboard, RankingsView } from '../../shared/protocol';

export interface RankingsCaps {
  /** This machine's hardware fingerprint. */
  thisMachine(): Promise<string>;
  /** Opens Markdown text in an editor. */
  openMarkdown(text: string): Promise<void>;
  /** The Rankings tab to show once the webview is ready (asked for by a command). */
  takePending?(): { useCase?: string } | undefined;
}

export async function rankingsView(
  store: OpenedStore,
  caps: RankingsCaps,
  useCase: string | undefined,
): Promise<RankingsView> {
  const rankings = store.rankings;
  const all = await rankings.listUseCases();
  const chosen = all.find((u) => u.name === useCase) ?? all[0];
  if (!chosen) throw new Error('The store lists no use case to rank for.');
  const view: RankingsView = {
    useCases: all.map((u) => ({ name: u.name, title: u.title, description: u.description })),
    useCase: chosen.name,
  };
  const machine = rankMachine(
    await store.sessions.listHardwareConfigs(),
    await caps.thisMachine().catch(() => undefined),
  );
  if (!machine) {
    view.problem = 'No benchmark results yet: run a benchmark, then rank the models it measured.';
    return view;
  }
  view.machine = machine.fingerprint;
  view.machineLabel = machine.label;
  const quality = await store.evaluations.latestPerModel(DEFAULT_ACCURACY_SET);
  if (quality.length)
    view.quality = Object.fromEntries(quality.map((e) => [e.model, e.accuracy * 100]));
  try {
    view.report = (
      await rankings.rank({ useCase: chosen.name, machine: machine.fingerprint })
    ).report;
  } catch (err) {
    // A ranking the user can fix (accuracy on two versions of a set): said in the tab.
    if (failureKindOf(err) !== 'input') throw err;
    view.problem = err instanceof Error ? err.message : String(err);
  }
  return view;
}

export async function answerRankings(
  store: OpenedStore,
  caps: RankingsCaps | undefined,
  post: (m: HostToDashboard) => void,
  useCase: string | undefined,
): Promise<void> {
  if (!caps) throw new Error('rankings are not available here');
  post({ type: 'rankings', view: await rankingsView(store, caps, useCase) });
}
