// What the load generator keeps of one request of a rate level: when it was due and sent, how
// many were in flight then, and, when it finished, its latencies. Times are ms from the level's
// start on the client's monotonic clock.

export interface RateRequest {
  /** Index in the level's schedule. */
  index: number;
  scheduledMs: number;
  sentMs: number;
  /** Requests of the level in flight when this one was sent (itself not counted). */
  inFlightAtSend: number;
  /** When it finished or failed. */
  endMs?: number;
  ok: boolean;
  ttft_ms?: number;
  tpot_ms?: number;
  /** The request's own median inter-token latency. */
  itl_ms?: number;
  e2e_ms?: number;
  /** Time to first token less Ollama's load and prompt time: the wait for a slot. */
  wait_ms?: number;
  eval_count: number;
}
