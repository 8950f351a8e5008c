// "Tune this Model" on a model in the Models view: asks the goal and the budget, runs the tune
// (src/core/tune) with a cancellable progress notification, one line per trial, and ends with the
// winner and its gain, Copy Modelfile, Create Tuned Model and Show in Dashboard. The last answer
// is kept for the dashboard's Tune view (tuneAnswers.ts).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { DEFAULT_NUM_CTX } from '../../core/bench/runOptions';
import { resolveSuites } from '../../core/bench/suites';
import { serverKvCacheType } from '../../core/fit/kvCacheType';
import { createOllamaClient } from '../../core/ollama/ollamaClient';
import { createBody, modelfileText } from '../../core/tune/modelfile';
import { serverAdvice } from '../../core/tune/serverAdvice';
import { startBudget, parseBudget } from '../../core/tune/tuneBudget';
import { GOAL_MEASURES, TUNE_GOALS, type TuneGoal } from '../../core/tune/tuneGoal';
import { isLocalHost } from '../../core/tune/tuneMachine';
import { newTuneId, prepareTune } from '../../core/tune/tunePreparation';
import { tuneJson, tuneText } from '../../core/tune/tuneReport';
import { runTune } from '../../core/tune/tuneRun';
import { settingKey } from '../../core/tune/tuneSetting';
import { trialRunner } from '../../core/tune/trialSession';
import type { ModelInfo } from '../../shared/dto';
import type { TuneView } from '../../shared/tuneView';
import { CommandIds } from '../commandIds';
import type { HostServices } from '../container';
import { loadBenchBundle, loadStoreBundle } from '../lazyBundles';
import { registerCommands } from '../registerCommands';
import { tuneAnswers } from './tuneAnswers';

const GOAL_TEXT: Record<TuneGoal, string> = {
  decode: 'Generation speed (tokens/s)',
  prefill: 'Prompt processing (prompt tokens/s)',
  ttft: 'Time to first token on a long prompt',
  balanced: 'A whole request, prompt and answer',
};

export class TuneController implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: HostServices) {
    this.disposables.push(
      ...registerCommands('tune', {
        tuneModel: (m?: ModelInfo | string) => this.tune(typeof m === 'string' ? m : m?.name),
        createTunedModel: () => this.createTuned(),
      }),
    );
  }

  private async tune(model: string | undefined): Promise<void> {
    const log = this.services.log;
    try {
      model ??= await vscode.window.showInputBox({
        title: 'Tune which model?',
        ignoreFocusOut: true,
      });
      if (!model) return;
      const goalPick = await vscode.window.showQuickPick(
        TUNE_GOALS.map((g) => ({ label: g, description: GOAL_TEXT[g], g })),
        { title: `Tune ${model}: what should be faster?`, ignoreFocusOut: true },
      );
      if (!goalPick) return;
      const budgetText = await vscode.window.showInputBox({
        title: `Tune ${model}: time for the whole tune`,
        value: '10m',
        prompt: 'A duration such as 10m, 90s or 1h; it ends at most one trial past it.',
        ignoreFocusOut: true,
        validateInput: (v) => {
          try {
            parseBudget(v, 'The budget');
            return undefined;
          } catch (err) {
            return err instanceof Error ? err.message : String(err);
          }
        },
      });
      if (!budgetText) return;
      const host = this.services.settings.ollamaHost();
      const maxThreads = isLocalHost(host) ? undefined : await this.askCores(host);
      if (!isLocalHost(host) && maxThreads === undefined) return;
      await this.run(model, goalPick.g, parseBudget(budgetText, 'The budget'), host, maxThreads);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.error(`Tune: ${message}`);
      void vscode.window.showErrorMessage(`Could not tune ${model ?? 'the model'}: ${message}`);
    }
  }

  private async askCores(host: string): Promise<number | undefined> {
    const text = await vscode.window.showInputBox({
      title: `Ollama runs at ${host}: how many cores has its machine?`,
      validateInput: (v) => (/^[1-9]\d*$/.test(v.trim()) ? undefined : 'A whole number ≥ 1'),
      ignoreFocusOut: true,
    });
    return text ? Number(text.trim()) : undefined;
  }

  private async run(
    model: string,
    goal: TuneGoal,
    budgetMs: number,
    host: string,
    maxThreads: number | undefined,
  ): Promise<void> {
    const log = this.services.log;
    const { runSession, createHardwareMonitor } = loadBenchBundle();
    const { JournalingRunStore } = loadStoreBundle();
    const store = await this.services.store.getStore();
    const monitor = createHardwareMonitor({ ollamaHost: host });
    const inventory = await monitor.inventory().catch(() => undefined);
    const prepared = await prepareTune(
      {
        host,
        model,
        goal,
        defaultNumCtx: DEFAULT_NUM_CTX,
        ...(maxThreads !== undefined ? { maxThreads } : {}),
        vram: 'auto',
        ...(inventory ? { inventory } : {}),
        kvCacheType: serverKvCacheType(),
        repetitions: 3,
      },
      createOllamaClient(host, { requestTimeoutMs: 30_000 }),
    );
    const [suite] = resolveSuites([GOAL_MEASURES[goal].suite], []);
    if (!suite) throw new Error(`The built-in suite ${GOAL_MEASURES[goal].suite} is missing.`);
    const tuneId = newTuneId(new Date(), randomBytes(4).toString('hex'));
    const abort = new AbortController();
    const runStore = new JournalingRunStore(
      store.runWrites,
      this.services.store.runJournalDirs(),
      (m) => log.warn(m),
    );
    log.info(`Tune ${tuneId}: ${model}, goal ${goal}; ${prepared.plan.space.notes.join('; ')}`);
    const outcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Tuning ${model}`,
        cancellable: true,
      },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        let n = 0;
        return runTune(prepared.plan, {
          runTrial: trialRunner({
            model,
            goal,
            suite,
            tuneId,
            runSession,
            store: runStore,
            host,
            monitor,
            signal: abort.signal,
          }),
          budget: startBudget(budgetMs),
          signal: abort.signal,
          onTrial: (t) => {
            const value = t.value === undefined ? 'failed' : t.value.toFixed(1);
            const line = `trial ${++n}: ${settingKey(t.setting)} → ${value}`;
            log.info(`Tune ${tuneId} ${line}${t.error ? ` (${t.error})` : ''}`);
            progress.report({ message: line });
          },
        });
      },
    );
    const input = {
      model,
      tuneId,
      outcome,
      notes: prepared.plan.space.notes,
      server: { advice: serverAdvice(prepared.bytes, prepared.vramBytes, prepared.plan.numCtx) },
    };
    log.info(tuneText(input));
    const view: TuneView = { host, answer: tuneJson(input) };
    tuneAnswers.set(view);
    await this.offer(view);
  }

  /** The winner in one message, with what to do with it. */
  private async offer(view: TuneView): Promise<void> {
    const { answer } = view;
    const best = answer.best;
    if (!best) {
      void vscode.window.showWarningMessage(`Tune of ${answer.model}: no trial loaded the model.`);
      return;
    }
    const gain =
      best.gain_pct === null
        ? ''
        : `, ${best.gain_pct >= 0 ? '+' : ''}${best.gain_pct} % over Ollama's defaults`;
    const choice = await vscode.window.showInformationMessage(
      `Tuned ${answer.model}: ${JSON.stringify(best.options)}${gain} (${answer.confirmation}).`,
      'Show in Dashboard',
      'Copy Modelfile',
      'Create Tuned Model',
    );
    if (choice === 'Show in Dashboard') await vscode.commands.executeCommand(CommandIds.openTune);
    if (choice === 'Copy Modelfile' && answer.modelfile)
      await vscode.env.clipboard.writeText(answer.modelfile);
    if (choice === 'Create Tuned Model') await this.createTuned();
  }

  /** Creates M-tuned from the last tune's winner through /api/create, after saying so. */
  async createTuned(): Promise<void> {
    const view = tuneAnswers.get();
    const best = view?.answer.best;
    if (!view || !best) {
      void vscode.window.showInformationMessage(
        'Tune a model first (Tune this Model in the Models view).',
      );
      return;
    }
    const body = createBody(view.answer.model, {
      num_ctx: best.options.num_ctx ?? DEFAULT_NUM_CTX,
      ...best.options,
    });
    const ok = await vscode.window.showInformationMessage(
      `Create ${body.model} from ${body.from} with ${JSON.stringify(body.parameters)}?`,
      {
        modal: true,
        detail: modelfileText(body.from, { num_ctx: DEFAULT_NUM_CTX, ...best.options }),
      },
      'Create',
    );
    if (ok !== 'Create') return;
    try {
      const client = createOllamaClient(view.host, { requestTimeoutMs: 120_000 });
      for await (const p of await client.create(body))
        this.services.log.info(`create ${body.model}: ${p.status}`);
      void vscode.window.showInformationMessage(`Created ${body.model}: ollama run ${body.model}`);
      void vscode.commands.executeCommand(CommandIds.refreshModels);
    } catch (err) {
      void vscode.window.showErrorMessage(
        `Could not create ${body.model}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
