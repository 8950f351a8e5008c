// "Evaluate Models…": picks the models and the eval set (the shipped core set or a JSONL file of
// the user's), scores each model with a cancellable progress notification, stores every
// evaluation (a cancelled one keeps the items that finished) and opens the dashboard's Quality
// tab on them. The same core as `ollama-bench eval`.
import * as vscode from 'vscode';
import { discoverModels } from '../../core/ollama/discovery';
import { isHostSettingError } from '../../core/ollama/ollamaHost';
import { createOllamaClient } from '../../core/ollama/ollamaClient';
import { percent } from '../../core/quality/evalReport';
import { evalModels } from '../../core/quality/evalModels';
import { resolveEvalOptions } from '../../core/quality/evalOptions';
import { evaluateModel } from '../../core/quality/evalRunner';
import { CORE_SET, loadEvalSet } from '../../core/quality/evalSetSource';
import type { EvalSet } from '../../core/quality/evalItem';
import type { ModelEvaluation } from '../../shared/evaluation';
import { CommandIds } from '../commandIds';
import type { HostServices } from '../container';
import { registerCommands } from '../registerCommands';

/** Items of a quick check, taken in turn from each category. */
export const QUICK_LIMIT = 50;

export class EvaluateController implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: HostServices) {
    this.disposables.push(
      ...registerCommands('quality', { evaluateModels: () => this.evaluate() }),
    );
  }

  private async evaluate(): Promise<void> {
    try {
      const host = this.services.settings.ollamaHost();
      const models = await discoverModels(host, {
        timeoutMs: 5000,
        onWarning: (m) => this.services.log.warn(m),
      });
      const picked = await vscode.window.showQuickPick(
        models.map((m) => ({ label: m.name, description: m.quantization_level ?? '' })),
        {
          canPickMany: true,
          title: 'Evaluate Models (1/3): models',
          placeHolder: 'Models to score, one after another',
          ignoreFocusOut: true,
        },
      );
      if (!picked?.length) return;
      const set = await this.pickSet();
      if (!set) return;
      const size = await vscode.window.showQuickPick(
        [
          { label: `Every item (${set.items.length})`, limit: undefined },
          { label: `A quick check (${QUICK_LIMIT} items over every category)`, limit: QUICK_LIMIT },
        ],
        { title: 'Evaluate Models (3/3): how many items', ignoreFocusOut: true },
      );
      if (!size) return;
      const store = await this.services.store.getStore();
      // Cancelling aborts the item in flight too, not only the items after it.
      const abort = new AbortController();
      const client = createOllamaClient(host, { signal: abort.signal });
      const targets = await evalModels(
        client,
        picked.map((p) => p.label),
      );
      const options = resolveEvalOptions({ limit: size.limit });
      const done: ModelEvaluation[] = [];
      await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Evaluating on ${set.name}`,
          cancellable: true,
        },
        async (progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          const total = targets.length * Math.min(set.items.length, size.limit ?? Infinity);
          for (const model of targets) {
            if (abort.signal.aborted) break;
            const e = await evaluateModel(model, set, options, {
              client,
              signal: abort.signal,
              onGroup: (p) =>
                progress.report({
                  message: `${p.model}: ${p.category} ${p.correct}/${p.total} right`,
                  increment: (p.total / total) * 100,
                }),
            });
            if (!e.total) break;
            await store.evaluations.insert(e);
            done.push(e);
          }
        },
      );
      if (!done.length) return;
      const lines = done.map(
        (e) =>
          `${e.model}: ${percent(e.accuracy)} (95 % CI ${percent(e.ci95[0])}–${percent(e.ci95[1])})${e.complete ? '' : ', cancelled'}`,
      );
      this.services.log.info(`Evaluated on ${set.name}:\n${lines.join('\n')}`);
      await vscode.commands.executeCommand(CommandIds.openQuality);
      void vscode.window.showInformationMessage(`Evaluated on ${set.name}: ${lines.join('; ')}`);
    } catch (err) {
      if (isHostSettingError(err)) {
        void vscode.window.showErrorMessage(err.message);
        return;
      }
      void vscode.window.showErrorMessage(
        `Could not evaluate: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** The shipped core set, or a JSONL file checked line by line (a bad line says which). */
  private async pickSet(): Promise<EvalSet | undefined> {
    const core = loadEvalSet(CORE_SET);
    const pick = await vscode.window.showQuickPick(
      [
        {
          label: 'core',
          description: `${core.items.length} items`,
          detail: 'Arithmetic, units and dates, instructions, JSON schemas, code output',
          file: false,
        },
        { label: 'A JSONL file…', description: 'your own set', detail: undefined, file: true },
      ],
      { title: 'Evaluate Models (2/3): eval set', ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    if (!pick.file) return core;
    const [uri] =
      (await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { 'Eval sets': ['jsonl'] },
        openLabel: 'Use this set',
      })) ?? [];
    return uri ? loadEvalSet(uri.fsPath) : undefined;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
