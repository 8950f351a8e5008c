// `npm run docs:screenshots`: the README's screenshots, taken of the built extension in a real
// VS Code (code-server, through the e2e harness) against the Ollama stand-in: two short sessions
// from the command palette, then the Live Metrics panel beside the Models view, and the Results
// dashboard listing both, and the Getting Started walkthrough with the steps they completed.
// Writes docs/images/live-metrics.png, dashboard.png and getting-started.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchVsCode, ROOT, type VsCodeSession } from '../test/e2e/harness';
import { DEFAULT_MODELS } from '../test/fixtures/ollamaStandIn';
import {
  dashboardFrame,
  liveFrame,
  runBenchmarkFromPalette,
  until,
  waitForExtension,
} from '../test/e2e/webviewSteps';

const IMAGES = join(ROOT, 'docs', 'images');
const RUNS: { model: string; tokensPerSecond: number }[] = [
  { model: 'qwen3:0.6b', tokensPerSecond: 180 },
  { model: 'llama3.2:3b', tokensPerSecond: 95 },
];

async function openWalkthrough(vs: VsCodeSession): Promise<void> {
  await vs.runCommand('Ollama Bench: Open Getting Started');
  await vs.page
    .locator('.gettingStartedContainer', { hasText: 'Get started with Ollama Bench' })
    .first()
    .waitFor({ timeout: 60_000 });
}

async function main(): Promise<void> {
  mkdirSync(IMAGES, { recursive: true });
  const vs = await launchVsCode({
    name: 'docs-screenshots',
    viewport: { width: 1280, height: 760 },
    standIn: {
      loadMs: 600,
      jitter: 0.08,
      models: DEFAULT_MODELS.map((m) => ({
        ...m,
        tokens_per_second: RUNS.find((r) => r.model === m.name)?.tokensPerSecond,
      })),
    },
    settings: { 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false },
  });
  try {
    await waitForExtension(vs);
    // VS Code follows a walkthrough's completion events once its Welcome service runs, which
    // opening the walkthrough starts (as installing the extension does).
    await openWalkthrough(vs);
    await vs.runCommand('View: Close All Editors');
    for (const { model } of RUNS) {
      await runBenchmarkFromPalette(vs, model, 3, 'first-look');
      const live = await liveFrame(vs);
      await until(
        async () =>
          /Session completed/.test((await live.locator('#live-status').textContent()) ?? '') &&
          ((await live.locator('#summary-table').textContent()) ?? '').includes(model),
        `the ${model} session to complete`,
        180_000,
      );
    }
    await vs.runCommand('Notifications: Clear All Notifications');
    // The panel scrolls with its log; its top holds the progress table and the figure charts.
    await (await liveFrame(vs)).evaluate('window.scrollTo(0, 0)');
    await vs.page.screenshot({ path: join(IMAGES, 'live-metrics.png') });

    await vs.runCommand('Ollama Bench: Open Results Dashboard');
    const dash = await dashboardFrame(vs);
    const rows = dash.locator('#sessions-table tbody tr');
    await until(async () => (await rows.count()) === RUNS.length, 'both sessions listed');
    await vs.runCommand('Notifications: Clear All Notifications');
    await vs.page.screenshot({ path: join(IMAGES, 'dashboard.png') });

    // The walkthrough, with the steps this run completed (a benchmark, the dashboard) ticked off.
    // Without the side bar the steps and their media sit side by side.
    await vs.runCommand('View: Close Primary Side Bar');
    await openWalkthrough(vs);
    await vs.page.mouse.move(640, 740);
    await until(
      async () =>
        (await vs.page.locator('button.getting-started-step[aria-checked="true"]').count()) >= 2,
      'the completed steps to be ticked off',
    );
    await vs.page
      .locator('.getting-started-media')
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(() => undefined);
    await vs.page.waitForTimeout(1_000);
    await vs.page.screenshot({ path: join(IMAGES, 'getting-started.png') });
    process.stdout.write(
      `wrote live-metrics.png, dashboard.png and getting-started.png in ${IMAGES}\n`,
    );
  } finally {
    await vs.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
