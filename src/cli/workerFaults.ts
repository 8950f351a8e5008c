// Fault injection for `ollama-bench worker`, for the drill and the tests that prove a config
// completes exactly once: OLLAMA_BENCH_WORKER_FAULT names the point at which the worker kills
// itself with SIGKILL, so a death between "session stored" and "configuration completed" is
// produced on purpose, at that exact point, rather than hoped for by timing.
//   kill-after-session-stored      the completed session was just written
//   kill-before-config-completed   the worker is about to mark its config completed
import type { PlanRepository as PlanStore } from '../core/plans/planRepository';
import type { RunStore } from '../core/store/runStore';

export const WORKER_FAULT_ENV = 'OLLAMA_BENCH_WORKER_FAULT';

const FAULTS = ['kill-after-session-stored', 'kill-before-config-completed'] as const;
type WorkerFault = (typeof FAULTS)[number];

function faultOf(env: NodeJS.ProcessEnv): WorkerFault | undefined {
  const value = env[WORKER_FAULT_ENV];
  return (FAULTS as readonly string[]).includes(value ?? '') ? (value as WorkerFault) : undefined;
}

const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('killed');
};

/** The run store and the queue, with the named fault armed (unchanged when none is named). */
export function withWorkerFault(
  runStore: RunStore,
  plans: PlanStore,
  env: NodeJS.ProcessEnv = process.env,
): { runStore: RunStore; plans: PlanStore } {
  const fault = faultOf(env);
  if (fault === 'kill-after-session-stored') {
    const updateSession = runStore.updateSession.bind(runStore);
    runStore.updateSession = async (session) => {
      await updateSession(session);
      if (session.status === 'completed') die();
    };
  } else if (fault === 'kill-before-config-completed') {
    plans.complete = () => Promise.resolve(die());
  }
  return { runStore, plans };
}
