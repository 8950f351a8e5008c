// What running a benchmark needs beyond the UI: the session runner and the real hardware monitor
// (sampler worker, systeminformation). The extension bundles this file apart (dist/bench.js) and
// loads it on the first run, so activation does not parse it.
export { runSession } from './runner';
export { createHardwareMonitor } from '../hardware/systemHardwareMonitor';
// Benchmark plans: this window as a worker of a plan's queue.
export { runWorker } from '../plans/worker';
