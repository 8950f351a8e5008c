// The store layer (MongoDB driver, mingo, bson: most of the extension's code) and the benchmark
// engine (runner, hardware monitor, systeminformation) are bundles of their own, dist/store.js and
// dist/bench.js, required on first use, so activation parses only what the Models view needs; the
// host's other controllers are dist/features.js, required right after activation returns.
// esbuild's cjs output has no code splitting, hence separate entry points (see esbuild.mjs), which
// also fails the build if extension.js pulls one of their packages back in.
import { join } from 'node:path';
import type * as BenchBundle from '../core/bench/benchEngine';
import type * as StoreBundle from '../core/repositories/storeBundle';
import type * as FeaturesBundle from './features';

function requireBundle<T>(file: string): T {
  // A path computed at run time: esbuild leaves this require alone instead of inlining the module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(__dirname, file)) as T;
}

/** openStore, moveToSharedStore, embeddedFolderOf, from dist/store.js (Node caches it after the first call). */
export function loadStoreBundle(): typeof StoreBundle {
  return requireBundle('store.js');
}

/** runSession and createHardwareMonitor, from dist/bench.js. */
export function loadBenchBundle(): typeof BenchBundle {
  return requireBundle('bench.js');
}

/** startFeatures, from dist/features.js: every controller but the Models view's and the store's. */
export function loadFeaturesBundle(): typeof FeaturesBundle {
  return requireBundle('features.js');
}
