// Everything the host builds after activation returns, as a bundle of its own (dist/features.js,
// required by the Container through src/host/lazyBundles.ts): the benchmark engine's controller, the
// Live panel, the dashboard and the Sessions view, trends, plans and the Plans view, rankings and
// the Getting Started command. Activation itself builds only the settings, the store and the
// Models view, so VS Code's extension host is blocked for those alone.
import type * as vscode from 'vscode';
import { BenchController } from './bench/benchController';
import type { HostServices } from './container';
import { GettingStartedController } from './gettingStarted/gettingStartedController';
import { WebviewsController } from './panels/webviewsController';
import { PlansController } from './plans/plansController';
import { RecommendController } from './rank/recommendController';
import { TrendsController } from './trends/trendsController';

export interface Features {
  readonly bench: BenchController;
  /** In the order they were built; disposed in reverse. */
  readonly disposables: vscode.Disposable[];
}

/**
 * Builds the features over `services`, whose `bench` becomes usable once `setBench` has run (the
 * features after the engine read it).
 */
export function startFeatures(
  services: HostServices,
  setBench: (bench: BenchController) => void,
): Features {
  const bench = new BenchController(services);
  setBench(bench);
  const disposables: vscode.Disposable[] = [bench];
  // Live panel, dashboard and Sessions view: after the engine, whose events they show.
  disposables.push(new WebviewsController(services));
  // Trends: regression checks after each session, Pin as Baseline.
  disposables.push(new TrendsController(services));
  // Benchmark plans: after the engine, whose live panel a plan worker's runs feed.
  disposables.push(new PlansController(services));
  // Rankings per use case: "Recommend a Model…".
  disposables.push(new RecommendController(services));
  // The Getting Started walkthrough's command.
  disposables.push(new GettingStartedController(services));
  return { bench, disposables };
}
