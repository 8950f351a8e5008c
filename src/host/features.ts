// Every feature controller, built right after activation returns, as a bundle of its own
// (dist/features.js, required by the Container through src/host/lazyBundles.ts): the store, the
// Models view, the benchmark engine's controller, the Live panel, the dashboard and the Sessions
// view, trends, plans and the Plans view, rankings and the Getting Started command. Activation
// itself builds only the output channel and the settings reader.
import type * as vscode from 'vscode';
import { BenchController } from './bench/benchController';
import type { HostServices } from './container';
import { GettingStartedController } from './gettingStarted/gettingStartedController';
import { MachinesController } from './machines/machinesController';
import { ModelsController } from './models/modelsController';
import { WebviewsController } from './panels/webviewsController';
import { PlansController } from './plans/plansController';
import { EvaluateController } from './quality/evaluateController';
import { RecommendController } from './rank/recommendController';
import { StoreController } from './store/storeController';
import { TrendsController } from './trends/trendsController';
import { TuneController } from './tune/tuneController';

export interface Features {
  /** In the order they were built; disposed in reverse. */
  readonly disposables: vscode.Disposable[];
}

/** Hands the Container the controllers `services.store` and `services.bench` answer with. */
export interface BuiltControllers {
  store(store: StoreController): void;
  bench(bench: BenchController): void;
}

/**
 * Builds the features over `services`, whose `store` and `bench` become usable as soon as `built`
 * has been told of them (the features after them read them).
 */
export function startFeatures(services: HostServices, built: BuiltControllers): Features {
  // First, so it is disposed (store closed) after every feature that uses it.
  const store = new StoreController(services);
  built.store(store);
  const disposables: vscode.Disposable[] = [store];
  disposables.push(new ModelsController(services));
  const bench = new BenchController(services);
  built.bench(bench);
  disposables.push(bench);
  // Live panel, dashboard and Sessions view: after the engine, whose events they show.
  disposables.push(new WebviewsController(services));
  // Trends: regression checks after each session, Pin as Baseline.
  disposables.push(new TrendsController(services));
  // Benchmark plans: after the engine, whose live panel a plan worker's runs feed.
  disposables.push(new PlansController(services));
  // Rankings per use case: "Recommend a Model…".
  disposables.push(new RecommendController(services));
  // Quality: Evaluate Models….
  disposables.push(new EvaluateController(services));
  // The Getting Started walkthrough's command.
  disposables.push(new GettingStartedController(services));
  // Tune this Model: the fastest per-request options for a model on this machine.
  disposables.push(new TuneController(services));
  disposables.push(new MachinesController(services));
  return { disposables };
}
