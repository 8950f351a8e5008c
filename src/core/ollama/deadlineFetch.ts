// Short requests (discovery: /api/tags, /api/ps, /api/show) go through Node's own fetch with an
// overall deadline. Node's fetch gives up after 300 s without response headers, which matters only
// for a generation that waits on a cold load (ollamaClient.ts brings undici for those); keeping
// undici out of discovery keeps it out of the extension's activation bundle.

import { withJsonError } from './jsonErrorBodies';

/** Node's fetch (or the given one), aborted after timeoutMs or by the caller's signal. */
export function createDeadlineFetch(timeoutMs: number, base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return base(input, { ...init, signal }).then(withJsonError);
  };
}
