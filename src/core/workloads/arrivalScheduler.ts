// Sends a level's requests: open loop on a schedule (each at its time, whether or not earlier ones
// have answered), or closed loop with a fixed number of streams (synchronous: 1; throughput: as
// many as allowed), each sending its next request when the last one ends. Every level is bounded
// by its schedule, or by a request count and a duration; a cancelled signal stops sending at
// once and the level ends with what was sent. Clock and timer are injected (levelClock.ts).
import type { LevelClock } from './levelClock';
import type { RateRequest } from './rateRequest';

/** What one request reports when it ends: its latencies, or a throw for a failure. */
export type RequestOutcome = Omit<
  RateRequest,
  'index' | 'scheduledMs' | 'sentMs' | 'inFlightAtSend' | 'endMs' | 'ok'
>;

export type SendRequest = (index: number) => Promise<RequestOutcome>;

class Tracker {
  inFlight = 0;
  readonly records: RateRequest[] = [];
  readonly pending: Promise<void>[] = [];

  constructor(
    private readonly clock: LevelClock,
    private readonly start: number,
  ) {}

  send(index: number, scheduledMs: number, send: SendRequest): Promise<void> {
    const record: RateRequest = {
      index,
      scheduledMs,
      sentMs: this.clock.now() - this.start,
      inFlightAtSend: this.inFlight,
      ok: false,
      eval_count: 0,
    };
    this.records.push(record);
    this.inFlight++;
    const p = send(index).then(
      (outcome) => Object.assign(record, outcome, { ok: true }),
      () => undefined,
    );
    const settled = p.then(() => {
      record.endMs = this.clock.now() - this.start;
      this.inFlight--;
    });
    this.pending.push(settled);
    return settled;
  }
}

/** Open loop: request i is sent at start + times[i]; resolves when every sent request ended. */
export async function runOnSchedule(
  times: readonly number[],
  send: SendRequest,
  clock: LevelClock,
  signal?: AbortSignal,
): Promise<RateRequest[]> {
  const start = clock.now();
  const tracker = new Tracker(clock, start);
  for (const [i, due] of times.entries()) {
    await clock.sleep(start + due - clock.now(), signal);
    if (signal?.aborted) break;
    void tracker.send(i, due, send);
  }
  await Promise.all(tracker.pending);
  return tracker.records;
}

export interface ClosedLoopBounds {
  streams: number;
  requests?: number;
  durationMs?: number;
}

/** Closed loop: `streams` senders, each sending again when its request ends, within the bounds. */
export async function runClosedLoop(
  bounds: ClosedLoopBounds,
  send: SendRequest,
  clock: LevelClock,
  signal?: AbortSignal,
): Promise<RateRequest[]> {
  if (bounds.requests === undefined && bounds.durationMs === undefined)
    throw new RangeError('a closed loop needs a request count or a duration');
  const start = clock.now();
  const tracker = new Tracker(clock, start);
  let next = 0;
  const more = () =>
    !signal?.aborted &&
    (bounds.requests === undefined || next < bounds.requests) &&
    (bounds.durationMs === undefined || clock.now() - start < bounds.durationMs);
  const stream = async () => {
    while (more()) {
      const i = next++;
      await tracker.send(i, clock.now() - start, send);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, bounds.streams) }, stream));
  return tracker.records;
}
