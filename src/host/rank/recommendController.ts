// "Recommend a Model…": asks the use case, answers with the top 3 of this machine's ranking and
// one line each on why, and opens the dashboard's Rankings tab on it; or, asked for the fastest
// model with accuracy ≥ X %, names the fastest evaluated models above that bar.
import * as vscode from 'vscode';
import { fastestAccurateOn, parsePercent } from '../../core/quality/fastestAccurate';
import type { OpenedStore } from '../../core/repositories/openedStore';
import { whyThisRank } from '../../shared/rank/scoreRanking';
import type { UseCase } from '../../shared/rank/useCase';
import { CommandIds } from '../commandIds';
import type { HostServices } from '../container';
import { loadBenchBundle } from '../lazyBundles';
import { registerCommands } from '../registerCommands';
import { rankingsView } from '../panels/rankingsMessages';

export class RecommendController implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: HostServices) {
    this.disposables.push(...registerCommands('rank', { recommendModel: () => this.recommend() }));
  }

  private async recommend(): Promise<void> {
    try {
      const store = await this.services.store.getStore();
      const useCases = await store.rankings.listUseCases();
      const fastest = {
        label: 'The fastest model with accuracy ≥ X %',
        description: 'accuracy',
        detail:
          'Of the models evaluated on the eval set core, the fastest on this machine above a bar.',
        u: undefined as UseCase | undefined,
      };
      const pick = await vscode.window.showQuickPick(
        [
          ...useCases.map((u) => ({
            label: u.title,
            description: u.name,
            detail: u.description,
            u,
          })),
          fastest,
        ],
        { title: 'Recommend a Model: what is it for?', ignoreFocusOut: true },
      );
      if (!pick) return;
      if (!pick.u) return await this.fastestAccurate(store);
      const view = await rankingsView(
        store,
        {
          thisMachine: async () =>
            (await loadBenchBundle().createHardwareMonitor().inventory()).fingerprint,
          openMarkdown: async () => undefined,
        },
        pick.u.name,
      );
      await vscode.commands.executeCommand(CommandIds.openRankings, pick.u.name);
      const report = view.report;
      if (!report?.ranking.length) {
        const why =
          view.problem ??
          report?.not_ranked[0]?.reason ??
          'no model has results for every criterion yet';
        void vscode.window.showInformationMessage(`No recommendation for ${pick.u.title}: ${why}`);
        return;
      }
      const top = report.ranking.slice(0, 3);
      const lines = top.map((m) => `${m.model} — ${whyThisRank(m, report.criteria)}`);
      this.services.log.info(`Recommend (${pick.u.name}):\n${lines.join('\n')}`);
      void vscode.window.showInformationMessage(
        `Recommended for ${pick.u.title}: ${top.map((m) => m.model).join(', ')} (on ${view.machineLabel ?? 'this machine'})`,
        { modal: false, detail: lines.join('\n') },
      );
    } catch (err) {
      void vscode.window.showErrorMessage(
        `Could not recommend a model: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** Asks the bar, then names the fastest models that reach it on the Rankings tab's machine. */
  private async fastestAccurate(store: OpenedStore): Promise<void> {
    const typed = await vscode.window.showInputBox({
      title: 'The fastest model with accuracy of at least … %',
      prompt: 'Accuracy on the eval set core, in percent (run Evaluate Models… first)',
      value: '80',
      ignoreFocusOut: true,
      validateInput: (v) =>
        parsePercent(v) === undefined ? 'A percentage from 0 to 100' : undefined,
    });
    const bar = typed === undefined ? undefined : parsePercent(typed);
    if (bar === undefined) return;
    const here = await loadBenchBundle()
      .createHardwareMonitor()
      .inventory()
      .then((i) => i.fingerprint)
      .catch(() => undefined);
    const { machine, found, evaluated } = await fastestAccurateOn(store, here, bar);
    const [best] = found;
    if (!best) {
      void vscode.window.showInformationMessage(
        evaluated
          ? `No model reaches ${bar} % on the core set on ${machine?.label ?? 'this machine'} (${evaluated} evaluated).`
          : `No model with benchmark results has been evaluated yet: run Evaluate Models… first.`,
      );
      return;
    }
    const lines = found
      .slice(0, 3)
      .map(
        (m) =>
          `${m.model}: ${m.tokens_per_second.toFixed(1)} tokens/s, ${m.accuracy.toFixed(1)} % accurate`,
      );
    this.services.log.info(`Recommend (accuracy ≥ ${bar} %):\n${lines.join('\n')}`);
    void vscode.window.showInformationMessage(
      `Fastest with accuracy ≥ ${bar} %: ${best.model} (on ${machine?.label ?? 'this machine'})`,
      {
        modal: false,
        detail: lines.join('\n'),
      },
    );
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
