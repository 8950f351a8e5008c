// Whether a process still exists, for everything that must tell a dead owner from a live one (the
// embedded store's write lock, MongoDB write journals, sessions left "running", a store move).

/**
 * True when a process with this pid exists on this machine. Signal 0 checks without sending
 * anything; EPERM means it exists but belongs to another user. A pid that is not a positive
 * integer names no single process (0 and negatives address process groups), so it is not alive.
 */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
