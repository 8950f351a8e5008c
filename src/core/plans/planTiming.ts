// How often a running config reports alive, and how long its silence means its worker is gone.
// A module of its own (no store code) so the extension's activation bundle can read the defaults.

/** Heartbeats come this often while a config runs (ms). */
export const DEFAULT_HEARTBEAT_MS = 15_000;
/** A running config whose heartbeat is older than this is taken back from its lost worker (ms). */
export const DEFAULT_STALE_AFTER_MS = 120_000;
