// Wires core services to VS Code adapters, in one place. Each feature gets its dependencies here.
// Activation builds the output channel and the settings reader only; startFeatures() then loads
// the controllers (store, views, commands, panels) from dist/features.js in the next turn of the
// event loop, inside the promise activate() returns, which VS Code awaits before it fills one of
// our views, runs one of our commands or restores one of our panels.
import * as vscode from 'vscode';
import type { BenchController } from './bench/benchController';
import { loadFeaturesBundle } from './lazyBundles';
import type { StoreController } from './store/storeController';
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
  private storeController: StoreController | undefined;
  private benchController: BenchController | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(readonly context: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Ollama Bench', { log: true });
    this.disposables.push(this.log);
    this.settings = new SettingsReader(this.log);
    this.disposables.push(this.settings);
    this.settings.reportMalformed();
  }

  /** The store's controller; built by startFeatures() before any feature that reads it. */
  get store(): StoreController {
    return built(this.storeController);
  }

  /** The benchmark engine's controller; built by startFeatures() before the features that use it. */
  get bench(): BenchController {
    return built(this.benchController);
  }

  /**
   * Builds the feature controllers (dist/features.js) once the event loop has had a turn, so
   * activation itself returns after the output channel and the settings. Does nothing once disposed.
   */
  async startFeatures(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.disposed) return;
    const features = loadFeaturesBundle().startFeatures(this, {
      store: (store) => (this.storeController = store),
      bench: (bench) => (this.benchController = bench),
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

/** A controller startFeatures() has built; before that, the error a caller shows. */
function built<T>(controller: T | undefined): T {
  if (!controller) throw new Error('Ollama Bench is still starting: try again.');
  return controller;
}
