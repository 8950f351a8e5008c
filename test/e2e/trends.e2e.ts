// Trends in a real VS Code: two sessions from the CLI on a fast Ollama (the stand-in, "0.12.6"),
// then Ollama is "upgraded" to a slower 0.13.0 and a session runs from the command palette. The
// regression is announced with what changed and Open Comparison; the dashboard's Trends view shows
// the drop with a change marker whose hover text says what changed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCliBenchmark } from './cliRuns';
import { vsCodeForSuite } from './suiteWindow';
import { withFailureShot } from './failureShot';
import { dashboardFrame, runBenchmarkFromPalette, until, waitForExtension } from './webviewSteps';

describe(
  'Trends: regression notification and Trends chart (code-server + Chromium)',
  { timeout: 600_000 },
  () => {
    const vs = vsCodeForSuite({
      name: 'trends',
      standIn: { tokensPerSecond: 2000, jitter: 0, loadMs: 20, version: '0.12.6' },
      settings: { 'ollamaBench.live.openOnStart': false },
    });

    it('announces the regression after the session and opens the comparison', async () => {
      await withFailureShot(vs, 'trends-notification-failed', async () => {
        // Two baseline sessions from a terminal, into the extension's store (same machine, options).
        for (let i = 0; i < 2; i++) {
          await runCliBenchmark(vs, { args: ['--repetitions', '4'] });
        }
        // "Upgrade" Ollama: a new version that generates ten times slower.
        const options = vs.standIn!.options as { tokensPerSecond: number; version: string };
        options.tokensPerSecond = 200;
        options.version = '0.13.0';

        await waitForExtension(vs);
        await runBenchmarkFromPalette(vs, 'llama3.2:3b', 4, 'e2e-trends');
        const toast = vs.page.locator('.notifications-toasts .notification-toast', {
          hasText: 'vs baseline',
        });
        await toast.waitFor({ timeout: 180_000 });
        const text = await toast.innerText();
        assert.match(text, /llama3\.2:3b · A: −\d+\.\d % tokens\/s vs baseline \(p = 0\.0\d\d\)/);
        assert.match(text, /Changed since: Ollama 0\.12\.6 → 0\.13\.0/);
        await vs.screenshot('trends-regression-notification');

        await toast.getByRole('button', { name: 'Open Comparison' }).click();
        const dash = await vs.webviewFrame('#compare-table', 60_000);
        await dash.locator('#compare-table tbody tr').first().waitFor({ timeout: 30_000 });
        await vs.screenshot('trends-open-comparison');
      });
    });

    it('the session detail shows the verdict; the Trends chart marks the Ollama change', async () => {
      await withFailureShot(vs, 'trends-chart-failed', async () => {
        await vs.runCommand('Ollama Bench: Open Results Dashboard');
        let dash = await dashboardFrame(vs);
        // The dashboard still shows the comparison: back to the list.
        const back = dash.locator('section:not([hidden]) #back');
        if (await back.count()) await back.first().click();
        await dash.locator('#sessions-table tbody tr').nth(2).waitFor({ timeout: 30_000 });
        // The newest session (first row): its detail has the verdict per test.
        await dash
          .locator('#sessions-table tbody tr')
          .first()
          .locator('a, button, td')
          .nth(1)
          .click();
        dash = await vs.webviewFrame('#detail-view .verdicts', 60_000);
        const verdicts = dash.locator('#detail-view .verdicts');
        await verdicts.first().waitFor({ timeout: 30_000 });
        assert.match(await verdicts.first().innerText(), /regression/);
        assert.match(await verdicts.first().innerText(), /Ollama 0\.12\.6 → 0\.13\.0/);
        await verdicts.first().scrollIntoViewIfNeeded();
        await vs.screenshot('trends-detail-verdict');

        await dash.locator('#detail-view #back').click();
        await dash.locator('#open-trends').click();
        await dash.locator('#trend-chart').waitFor({ timeout: 30_000 });
        await until(
          async () => (await dash.locator('#trend-changes li').count()) === 1,
          'one change marker listed',
        );
        assert.match(
          await dash.locator('#trend-changes li').innerText(),
          /Ollama 0\.12\.6 → 0\.13\.0/,
        );
        assert.equal(await dash.evaluate('document.body.dataset.trendPoints'), '3');
        const markers = JSON.parse(
          (await dash.locator('#trend-chart').getAttribute('data-markers')) ?? '[]',
        ) as { x: number; y: number; text: string }[];
        assert.equal(markers.length, 1);
        assert.equal(markers[0]!.text, 'Ollama 0.12.6 → 0.13.0');
        // Hover the marker: its tooltip says what changed (drawn on the canvas; see the screenshot).
        const box = (await dash.locator('#trend-chart').boundingBox())!;
        await vs.page.mouse.move(box.x + markers[0]!.x, box.y + markers[0]!.y);
        await vs.page.waitForTimeout(300);
        await vs.screenshot('trends-chart-marker');
      });
    });
  },
);
