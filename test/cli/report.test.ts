// `ollama-bench report`: one session as a self-contained HTML file, opened in headless Chromium
// with the network cut off: the charts render, and not one request was attempted.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { SessionDoc } from '../../src/shared/dto';
import { ensureBuilt, ROOT, runCli } from '../fixtures/cliProcess';
import { pathWithFake } from '../fixtures/fake-nvidia-smi/testKit';
import { startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';
import { cliArgs } from '../fixtures/cliArgs';
import { launchChromium, openOffline } from '../fixtures/offlinePage';

const RESULTS = join(ROOT, 'test-results');

describe('ollama-bench report', () => {
  let standIn: StandIn;
  let dir: string;
  let browser: Browser;
  const ids: string[] = [];

  before(async () => {
    ensureBuilt();
    mkdirSync(RESULTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'ollama-bench-report-'));
    standIn = await startOllamaStandIn({ tokensPerSecond: 40, jitter: 0.05, loadMs: 50 });
    for (let i = 0; i < 2; i++) {
      // Hardware sampled for real (/proc) with the fake nvidia-smi standing in for two GPUs.
      const r = await runCli(
        [
          'run',
          '--models',
          'llama3.2:3b',
          '--repetitions',
          '4',
          '--num-predict',
          '8',
          '--interval',
          '100',
          '--json',
          '--host',
          standIn.url,
          '--store',
          dir,
        ],
        { PATH: pathWithFake() },
      );
      assert.equal(r.code, 0, r.stderr);
      ids.push((JSON.parse(r.stdout) as SessionDoc)._id!);
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await standIn?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one file under 2 MB with machine, methodology, statistics, flags and verdicts', async () => {
    const out = join(dir, 'report.html');
    const r = await runCli(
      cliArgs`report --session ${ids[1]!} --compare ${ids[0]!} --out ${out} --store ${dir}`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.ok(statSync(out).size <= 2 * 1024 * 1024, `${statSync(out).size} bytes`);
    const html = readFileSync(out, 'utf8');
    for (const text of [
      'Machine',
      'Ollama version',
      'Methodology and options',
      'Hardware over the session',
      'Figures over the repetitions',
      'Flags explained',
      'Comparison and verdicts',
      'Mann-Whitney',
      'prefers-color-scheme: dark',
    ])
      assert.ok(html.includes(text), text);
    // Nothing that could make a request: no script, no link, no external URL in an attribute.
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|url\(|(src|href)=["']?(https?:)?\/\//i);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`renders its charts offline with no request attempted (${scheme})`, async () => {
      const out = join(dir, `report-${scheme}.html`);
      const r = await runCli(
        cliArgs`report --session ${ids[1]!} --compare ${ids[0]!} --out ${out} --store ${dir}`,
      );
      assert.equal(r.code, 0, r.stderr);
      const offline = await openOffline(browser, out, scheme);
      const { page } = offline;
      try {
        // Measured in the page (this project's TypeScript has no DOM types, so as a script).
        const charts =
          (await page.evaluate(`[...document.querySelectorAll('svg.chart')].map((svg) => {
          const box = svg.getBoundingClientRect();
          const lines = [...svg.querySelectorAll('path.series')].map((p) => ({
            width: p.getBBox().width,
            stroke: getComputedStyle(p).stroke,
          }));
          return {
            title: svg.getAttribute('aria-label'),
            width: box.width,
            height: box.height,
            lines,
            bands: svg.querySelectorAll('.band rect').length,
          };
        })`)) as {
            title: string;
            width: number;
            height: number;
            lines: { width: number; stroke: string }[];
            bands: number;
          }[];
        // The session's hardware chart (with a band per test), then per test: repetitions, hardware.
        assert.ok(charts.length >= 3, JSON.stringify(charts));
        for (const c of charts) {
          assert.ok(c.width > 200 && c.height > 100, JSON.stringify(c));
          assert.ok(c.lines.length >= 1, `${c.title}: no line drawn`);
          for (const l of c.lines) {
            assert.ok(l.width > 10, `${c.title}: a line without extent`);
            assert.notEqual(l.stroke, 'none');
          }
        }
        const hardware = charts.find((c) => c.title === 'Hardware during the session')!;
        assert.equal(hardware.bands, 1);
        assert.equal(hardware.lines.length, 4); // CPU %, GPU %, RAM, VRAM (the fake's GPUs)
        const verdicts = await page.locator('td [class^="verdict-"]').count();
        assert.ok(verdicts >= 3);
        const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
        assert.equal(background, scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');
        await page.screenshot({ path: join(RESULTS, `report-${scheme}.png`), fullPage: true });
        assert.deepEqual(offline.attempted, []);
        assert.deepEqual(await offline.blocked(), []);
        assert.deepEqual(offline.refused, []);
      } finally {
        await offline.close();
      }
    });
  }

  it('an unknown session is bad input: exit 2', async () => {
    const r = await runCli(
      cliArgs`report --session nope --out ${join(dir, 'x.html')} --store ${dir}`,
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no session with id "nope"/);
  });
});
