// Starts the sampler in a worker_threads Worker and owns its lifetime: the worker and its
// nvidia-smi child end on stop(), when the worker dies, and when this process exits.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HardwareSample } from '../../shared/dto';
import type { HardwareLog } from './hardwareLog';
import type { SamplingHandle } from './hardwareMonitor';
import type { SamplerSettings } from './sampler';
import type { FromSamplerWorker, SamplerWorkerData, ToSamplerWorker } from './samplerProtocol';

export const SAMPLER_WORKER_NAME = 'hardwareSampler.worker';

export interface WorkerEntry {
  file: string;
  /** Node options the worker runs with (tsx's hook when the entry is TypeScript, else none). */
  execArgv: string[];
}

/** tsx's CommonJS hook: on Node 20 a worker's `--import tsx` does not reach its entry module. */
function tsxRequire(): string {
  try {
    return require.resolve('tsx/cjs');
  } catch {
    return 'tsx/cjs';
  }
}

/**
 * The worker's entry: `<dir>/hardwareSampler.worker.js` in the bundle (dist/, beside extension.js
 * and cli.js), else the TypeScript source run through tsx (tests, `npm run bench:sampler`).
 */
export function resolveSamplerWorker(dir: string = __dirname, override?: string): WorkerEntry {
  // Not the parent's own flags: a parent run through a loader (tsx, a test runner) would load it
  // into the worker too, and its hooks cost CPU on every tick of a thread meant to be unnoticed.
  const entry = (file: string): WorkerEntry =>
    file.endsWith('.ts') ? { file, execArgv: ['--require', tsxRequire()] } : { file, execArgv: [] };
  if (override) return entry(override);
  const candidates = [`${SAMPLER_WORKER_NAME}.js`, `${SAMPLER_WORKER_NAME}.ts`].map((f) =>
    join(dir, f),
  );
  const found = candidates.find((f) => existsSync(f));
  if (!found) {
    throw new Error(
      `The hardware sampler's worker is missing (looked for ${candidates.join(' and ')}): rebuild with npm run build.`,
    );
  }
  return entry(found);
}

export interface SamplerWorkerOptions {
  log: HardwareLog;
  onSample: (sample: HardwareSample) => void;
  /** Override of the worker's entry file (.js, or .ts run through tsx). */
  workerFile?: string;
  /** How long stop() waits for the worker to end on its own before terminating it. */
  stopTimeoutMs?: number;
}

export interface SamplerWorkerHandle extends SamplingHandle {
  /** Pids of the child processes (nvidia-smi) alive now, as the worker reported them. */
  childPids(): number[];
  /** The worker's thread id (for diagnostics). */
  readonly threadId: number;
}

function killAll(pids: Iterable<number>): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export async function startSamplerWorker(
  settings: SamplerSettings,
  options: SamplerWorkerOptions,
): Promise<SamplerWorkerHandle> {
  const entry = resolveSamplerWorker(__dirname, options.workerFile);
  const data: SamplerWorkerData = { settings };
  const worker = new Worker(entry.file, {
    workerData: data,
    execArgv: entry.execArgv,
  });
  const children = new Set<number>();
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      exited = true;
      // A worker that ended without stopping its child (crash, terminate) leaves it to us.
      killAll(children);
      children.clear();
      resolve();
    }),
  );
  // Last resort when the process exits with sampling still on (a CLI that never called stop()):
  // the worker dies with the process, its child would not.
  const onProcessExit = () => killAll(children);
  process.on('exit', onProcessExit);

  // Attached before 'ready': the worker reports its nvidia-smi child as soon as it spawns it.
  let ready: (() => void) | undefined;
  worker.on('message', (m: FromSamplerWorker) => {
    switch (m.type) {
      case 'ready':
        ready?.();
        break;
      case 'sample':
        options.onSample(m.sample);
        break;
      case 'log':
        options.log(m.level, m.message);
        break;
      case 'child':
        if (m.event === 'spawn') children.add(m.pid);
        else children.delete(m.pid);
        break;
      default:
        break;
    }
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => {
      cleanup();
      reject(new Error(`The hardware sampler could not start: ${err.message}`));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(
        new Error(`The hardware sampler's worker ended before it started (exit code ${code})`),
      );
    };
    const cleanup = () => {
      ready = undefined;
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    ready = () => {
      cleanup();
      resolve();
    };
    worker.once('error', onError);
    worker.once('exit', onExit);
  }).catch(async (err: unknown) => {
    process.off('exit', onProcessExit);
    await worker.terminate();
    throw err;
  });

  worker.on('error', (err) => {
    options.log('error', `The hardware sampler stopped: ${err.message}`);
  });
  // Sampling alone must not keep a CLI alive; the exit hook above still ends the child.
  worker.unref();

  let stopping: Promise<void> | undefined;
  return {
    threadId: worker.threadId,
    childPids: () => [...children],
    stop() {
      stopping ??= (async () => {
        if (!exited) {
          const stop: ToSamplerWorker = { type: 'stop' };
          worker.postMessage(stop);
          const timer = setTimeout(() => void worker.terminate(), options.stopTimeoutMs ?? 3000);
          await exitedPromise;
          clearTimeout(timer);
        }
        process.off('exit', onProcessExit);
      })();
      return stopping;
    },
  };
}
