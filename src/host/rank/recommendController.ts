// "Recommend a Model…": asks the use case, answers with the top 3 of this machine's ranking and
// one line each on why, and opens the dashboard's Rankings tab on it.
import * as vscode from 'vscode';
import { whyThisRank } from '../../shared/rank/scoreRanking';
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
      const pick = await vscode.window.showQuickPick(
        useCases.map((u) => ({ label: u.title, description: u.name, detail: u.description, u })),
        { title: 'Recommend a Model: what is it for?', ignoreFocusOut: true },
      );
      if (!pick) return;
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

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
