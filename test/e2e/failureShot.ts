// A failing e2e step leaves a picture of the window behind: the assertion says what was expected,
// the screenshot shows what VS Code showed instead.
import type { VsCodeSession } from './harness';

/** Runs the step; when it throws, saves test-results/<name>.png first and rethrows. */
export async function withFailureShot(
  vs: VsCodeSession,
  name: string,
  step: () => Promise<void>,
): Promise<void> {
  try {
    await step();
  } catch (err) {
    await vs.screenshot(name).catch(() => undefined);
    throw err;
  }
}
