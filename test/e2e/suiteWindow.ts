// One VS Code window per e2e suite: launched before the suite's first test, stopped after its
// last. The suite's tests are declared before the window exists, so they hold a handle that reads
// the launched session on each use.
import { after, before } from 'node:test';
import { launchVsCode, type LaunchOptions, type VsCodeSession } from './harness';

/** Call in a describe(): registers the launch and the stop, and returns the session's handle. */
export function vsCodeForSuite(options: LaunchOptions): VsCodeSession {
  let session: VsCodeSession | undefined;
  before(async () => {
    session = await launchVsCode(options);
  });
  after(async () => {
    await session?.stop();
  });
  return new Proxy({} as VsCodeSession, {
    get: (_target, key) => {
      if (!session) throw new Error('VS Code is not running: use the window inside a test or hook');
      return Reflect.get(session, key);
    },
  });
}
