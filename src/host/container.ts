// Wires core services to VS Code adapters, in one place. Each feature gets its dependencies here.
// Activation builds the settings, the store and the Models view (what opening the Ollama Bench
// sidebar needs first); startFeatures() then loads the rest from dist/features.js in the next turn
// of the event loop, inside the promise activate() returns, which VS Code awaits before it runs one
// of our commands or restores one of our panels.
import * as vscode from 'vscode';
import type { BenchController } from './bench/benchController';
import { loadFeaturesBundle } from './lazyBundles';
import { ModelsController } from './models/modelsController';
import { StoreController } from './store/storeController';
import { SettingsReader } from './settings';

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
  private benchController: BenchController | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(readonly context: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Ollama Bench', { log: true });
    this.disposables.push(this.log);
    this.settings = new SettingsReader(this.log);
    this.disposables.push(this.settings);
    this.settings.reportMalformed();
    // Before the features that use it, so it is disposed (store closed) after them.
    this.store = new StoreController(this);
    this.disposables.push(this.store);
    // Feature controllers: each registers its own commands, views and listeners. The Models view
    // first, here; the others in startFeatures().
    this.disposables.push(new ModelsController(this));
  }

  /** The benchmark engine's controller; built by startFeatures(), which the features await. */
  get bench(): BenchController {
    if (!this.benchController) throw new Error('Ollama Bench is still starting: try again.');
    return this.benchController;
  }

  /**
   * Builds the other features (dist/features.js) once the event loop has had a turn, so activation
   * returns after the Models view alone. Does nothing once disposed.
   */
  async startFeatures(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.disposed) return;
    const features = loadFeaturesBundle().startFeatures(this, (bench) => {
      this.benchController = bench;
    });
    this.disposables.push(...features.disposables);
  }

  dispose(): void {
    void this.disposeAsync();
  }

  /** Awaited on deactivate so workers and child processes are gone before the host exits. */
  async disposeAsync(): Promise<void> {
    this.disposed = true;
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
