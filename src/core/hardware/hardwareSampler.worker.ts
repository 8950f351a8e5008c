// The sampler's thread. esbuild bundles every src/core/**/*.worker.ts as dist/<name>.js, beside
// extension.js and cli.js; samplerWorker.ts finds it there (or this .ts file under tsx).
import { parentPort, workerData } from 'node:worker_threads';
import { Sampler } from './sampler';
import type { FromSamplerWorker, SamplerWorkerData, ToSamplerWorker } from './samplerProtocol';

const port = parentPort;
if (!port) throw new Error('hardwareSampler.worker runs as a worker_threads Worker only');

const post = (m: FromSamplerWorker) => port.postMessage(m);
const children = new Set<number>();

const sampler = new Sampler((workerData as SamplerWorkerData).settings, {
  log: (level, message) => post({ type: 'log', level, message }),
  onSample: (sample) => post({ type: 'sample', sample }),
  onChild: (event, pid) => {
    if (event === 'spawn') children.add(pid);
    else children.delete(pid);
    post({ type: 'child', event, pid });
  },
});

// An uncaught error ends this thread without sampler.stop(): the child must not outlive it. (This
// hook does not run on worker.terminate() or process.exit(): samplerWorker.ts covers those.)
process.on('exit', () => {
  for (const pid of children) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

port.on('message', (m: ToSamplerWorker) => {
  if (m.type !== 'stop') return;
  void sampler.stop().then(() => {
    post({ type: 'stopped' });
    // Nothing else holds the loop once the port closes: the thread ends.
    port.close();
  });
});

sampler.start();
post({ type: 'ready' });
