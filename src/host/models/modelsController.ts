// The Models view: discovery on demand and on a timer while the view is visible, the welcome
// states for an unreachable or mistyped host, and the tree's commands.
import * as vscode from 'vscode';
import { discoverModels } from '../../core/ollama/discovery';
import { isHostSettingError, type HostSettingError } from '../../core/ollama/ollamaHost';
import { OllamaError } from '../../core/ollama/ollamaErrors';
import type { ModelsViewState } from '../../core/models/modelTree';
import { defaultOllamaHost, parseOllamaHost } from '../../core/ollama/ollamaHost';
import type { ModelInfo } from '../../shared/dto';
import { CommandIds, ContextKeys, ViewIds } from '../commandIds';
import type { HostServices } from '../container';
import { registerCommands } from '../registerCommands';
import { ModelsTreeProvider } from './modelsTreeProvider';
import { FIT_SETTINGS, FitService } from '../fit/fitService';

export class ModelsController implements vscode.Disposable {
  private readonly provider = new ModelsTreeProvider();
  private readonly view: vscode.TreeView<ModelInfo>;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Bumped per refresh so a slow answer never overwrites a newer one. */
  private generation = 0;
  private inFlight: Promise<void> | undefined;
  /** The malformed setting last reported, so auto refresh does not repeat the same error. */
  private reportedBadHost: string | undefined;
  /** The fit advisor's verdicts shown beside each model. */
  private readonly fitService: FitService;

  constructor(private readonly services: HostServices) {
    this.fitService = new FitService(services.log, services.settings);
    this.view = vscode.window.createTreeView(ViewIds.models, {
      treeDataProvider: this.provider,
      showCollapseAll: false,
    });
    this.disposables.push(
      this.provider,
      this.view,
      ...registerCommands('models', {
        refreshModels: () => this.refresh(),
        setOllamaHost: () => this.setHost(),
        benchmarkModel: (m?: ModelInfo | string) => this.benchmark(m),
        copyModelName: (m?: ModelInfo) => this.copyName(m),
      }),
      this.view.onDidChangeVisibility(() => this.scheduleAutoRefresh(true)),
      services.settings.onDidChange((e) => {
        if (e.affects('host')) {
          this.reportedBadHost = undefined;
          void this.refresh();
        }
        if (e.affects('models.refreshIntervalSeconds')) this.scheduleAutoRefresh(false);
        if (FIT_SETTINGS.some((k) => e.affects(k))) void this.refresh();
      }),
    );
    void this.setState('loading');
    this.scheduleAutoRefresh(true);
  }

  /** Fetches the model list; concurrent calls share the refresh in flight. */
  refresh(): Promise<void> {
    this.inFlight ??= this.doRefresh().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async doRefresh(): Promise<void> {
    const generation = ++this.generation;
    let host: string;
    try {
      host = this.services.settings.ollamaHost();
    } catch (err) {
      if (!isHostSettingError(err)) throw err;
      await this.showBadHost(err);
      return;
    }
    this.reportedBadHost = undefined;
    try {
      const models = await vscode.window.withProgress(
        { location: { viewId: ViewIds.models } },
        () =>
          discoverModels(host, {
            timeoutMs: 5000,
            onWarning: (message) => this.services.log.warn(message),
          }),
      );
      if (generation !== this.generation) return;
      this.provider.setModels(models);
      void this.refreshFits(host, models, generation);
      this.showHostInTitle(undefined);
      await this.setState(models.length ? 'ok' : 'empty');
      this.services.log.debug(`Models: ${models.length} from ${host}`);
    } catch (err) {
      if (generation !== this.generation) return;
      const problem =
        err instanceof OllamaError
          ? err
          : new OllamaError('server-error', `Ollama at ${host}: ${String(err)}`, host);
      this.services.log.warn(`Models: ${problem.message}`);
      this.provider.setModels([]);
      this.showHostInTitle(host);
      await vscode.commands.executeCommand('setContext', ContextKeys.modelsProblem, problem.kind);
      await this.setState('unreachable');
    }
  }

  /** After the list is shown: the verdicts follow (one /api/show per model). */
  private async refreshFits(
    host: string,
    models: readonly ModelInfo[],
    generation: number,
  ): Promise<void> {
    try {
      const fits = await this.fitService.fits(host, models);
      if (generation === this.generation) this.provider.setFits(fits);
    } catch (err) {
      this.services.log.warn(
        `Models: no fit estimates: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  private async showBadHost(err: HostSettingError): Promise<void> {
    this.provider.setModels([]);
    this.showHostInTitle(undefined);
    await this.setState('badHost');
    if (this.reportedBadHost === err.input) return;
    this.reportedBadHost = err.input;
    this.services.log.error(err.message);
    const open = 'Open Setting';
    const choice = await vscode.window.showErrorMessage(err.message, open);
    if (choice === open) await this.services.settings.open('host');
  }

  /**
   * Welcome content is static text and a view message would hide it, so the host tried is named
   * in the view's title ("Models · 127.0.0.1:11434", then "unreachable"), right above the welcome
   * text that points at it.
   */
  private showHostInTitle(host: string | undefined): void {
    const title = host ? `Models · ${host.replace(/^http:\/\//, '')}` : 'Models';
    if (this.view.title !== title) this.view.title = title;
    this.view.description = host ? 'unreachable' : undefined;
  }

  private async setState(state: ModelsViewState): Promise<void> {
    await vscode.commands.executeCommand('setContext', ContextKeys.modelsState, state);
  }

  /** Polls while the view is visible (and only then): a hidden view costs Ollama nothing. */
  private scheduleAutoRefresh(refreshNow: boolean): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.view.visible) return;
    if (refreshNow) void this.refresh();
    const seconds = this.services.settings.get('models.refreshIntervalSeconds');
    if (seconds > 0) this.timer = setInterval(() => void this.refresh(), seconds * 1000);
  }

  private async setHost(): Promise<void> {
    const { settings } = this.services;
    const configured = settings.raw('host');
    const current = typeof configured === 'string' ? configured.trim() : '';
    const input = await vscode.window.showInputBox({
      title: 'Ollama host',
      prompt: `Where Ollama listens. Leave empty for the default (${defaultOllamaHost()}).`,
      value: current || defaultOllamaHost(),
      placeHolder: 'http://127.0.0.1:11434',
      ignoreFocusOut: true,
      validateInput: (value) => {
        if (!value.trim()) return undefined;
        try {
          parseOllamaHost(value);
          return undefined;
        } catch (err) {
          return err instanceof Error ? err.message : String(err);
        }
      },
    });
    if (input === undefined) return;
    const value = input.trim() ? parseOllamaHost(input) : undefined;
    // Workspace settings win over user settings: written where the current value comes from.
    await settings.update('host', value);
    // The configuration listener refreshes; an unchanged value would not fire it.
    if ((value ?? '') === current) await this.refresh();
  }

  private async benchmark(m?: ModelInfo | string): Promise<void> {
    const name = typeof m === 'string' ? m : m?.name;
    try {
      await vscode.commands.executeCommand(CommandIds.runBenchmark, name);
    } catch (err) {
      void vscode.window.showErrorMessage(
        `Could not start a benchmark${name ? ` of ${name}` : ''}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  private async copyName(m?: ModelInfo): Promise<void> {
    const name = m?.name ?? this.view.selection[0]?.name;
    if (!name) return;
    await vscode.env.clipboard.writeText(name);
    vscode.window.setStatusBarMessage(`Copied ${name}`, 3000);
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
