// While a worker runs a claimed config, a heartbeat keeps the claim fresh; a beat that finds the
// claim no longer its own (swept as stale) calls onLost once, so the run stops and a config is
// never run twice at once.
import { DEFAULT_HEARTBEAT_MS, type PlanRepository } from './planRepository';

export interface ClaimHeartbeat {
  /** The claim was swept while the config ran. */
  lost(): boolean;
  stop(): void;
}

export function startClaimHeartbeat(
  plans: PlanRepository,
  configId: string,
  workerId: string,
  onLost: () => void,
  everyMs = DEFAULT_HEARTBEAT_MS,
): ClaimHeartbeat {
  let lost = false;
  const beat = setInterval(() => {
    plans.heartbeat(configId, workerId).then(
      (mine) => {
        if (!mine && !lost) {
          lost = true;
          onLost();
        }
      },
      () => undefined, // the store busy or unreachable for a moment: the next beat tries again
    );
  }, everyMs);
  beat.unref();
  return { lost: () => lost, stop: () => clearInterval(beat) };
}
