// Wires core services to VS Code adapters, in one place. Each feature gets its dependencies here.
import * as vscode from 'vscode';
import { BenchController } from './bench/benchController';
import { ModelsController } from './models/modelsController';
import { WebviewsController } from './panels/webviewsController';
import { PlansController } from './plans/plansController';
import { StoreController } from './store/storeController';
import { TrendsController } from './trends/trendsController';
import { RecommendController } from './rank/recommendController';
import { SettingsReader } from './settings';
import { GettingStartedController } from './gettingStarted/gettingStartedController';

/** What every feature controller may depend on; built once by the Container. */
export interface HostServices {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** Every `ollamaBench.*` setting, typed; `settings.onDidChange` says which changed. */
  readonly settings: SettingsReader;
  /** The current OpenedStore (embedded or MongoDB): `await store.getStore()`; `onDidChangeStore`. */
  readonly store: StoreController;
  /** Benchmark sessions: `bench.onEvent` streams the running session's BenchEvents. */
  readonly bench: BenchController;
}

export class Container implements vscode.Disposable, HostServices {
  readonly log: vscode.LogOutputChannel;
  readonly settings: SettingsReader;
  readonly store: StoreController;
  readonly bench: BenchController;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Ollama Bench', { log: true });
    this.disposables.push(this.log);
    this.settings = new SettingsReader(this.log);
    this.disposables.push(this.settings);
    this.settings.reportMalformed();
    // Before the features that use it, so it is disposed (store closed) after them.
    this.store = new StoreController(this);
    this.disposables.push(this.store);
    // Feature controllers: each registers its own commands, views and listeners.
    this.disposables.push(new ModelsController(this));
    this.bench = new BenchController(this);
    this.disposables.push(this.bench);
    // Live panel, dashboard and Sessions view: after the engine, whose events they show.
    this.disposables.push(new WebviewsController(this));
    // Trends: regression checks after each session, Pin as Baseline.
    this.disposables.push(new TrendsController(this));
    // Benchmark plans: after the engine, whose live panel a plan worker's runs feed.
    this.disposables.push(new PlansController(this));
    // Rankings per use case: "Recommend a Model…".
    this.disposables.push(new RecommendController(this));
    // The Getting Started walkthrough's command.
    this.disposables.push(new GettingStartedController(this));
  }

  dispose(): void {
    void this.disposeAsync();
  }

  /** Awaited on deactivate so workers and child processes are gone before the host exits. */
  async disposeAsync(): Promise<void> {
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        await (d as { disposeAsync?: () => Promise<void> }).disposeAsync?.();
        d.dispose();
      } catch {
        // one failing disposable must not keep the others alive
      }
    }
  }
}
