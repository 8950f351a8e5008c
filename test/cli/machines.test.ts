// Machines side by side from the command line: `machines --json` over two machines' fingerprints
// in one store; `bundle` then `import` into another store (verified; a modified bundle refused,
// exit 2, nothing imported, unless --force); `leaderboard` opened in Chromium offline with not one
// request attempted (screenshot in test-results/), from the store and a redacted bundle.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { openEmbeddedStore } from '../../src/core/repositories/openStore';
import type { HardwareConfig } from '../../src/shared/dto';
import { cliArgs } from '../fixtures/cliArgs';
import { ensureBuilt, ROOT, runCli } from '../fixtures/cliProcess';
import { launchChromium, openOffline } from '../fixtures/offlinePage';
import { scratchFolders } from '../fixtures/scratchFolders';
import { hardware, session, T0 } from '../fixtures/storeDocuments';

const RESULTS = join(ROOT, 'test-results');

const box = (fp: string, host: string, gpu: string): HardwareConfig => ({
  ...hardware(fp, 'AMD Ryzen 9 7950X', gpu),
  os: { name: 'Linux', version: '6.8', kernel: '6.8.0', hostname: host },
});

/** Two machines, each with three comparable runs of qwen3:8b test A. */
async function twoMachines(dir: string): Promise<void> {
  const store = await openEmbeddedStore(dir);
  try {
    for (const [fp, host, gpu, tps] of [
      ['fp-desk', 'desk-4090', 'NVIDIA RTX 4090', 120],
      ['fp-lap', 'laptop-4060', 'NVIDIA RTX 4060 Laptop', 45],
    ] as const) {
      const hw = await store.sessions.saveHardwareConfig(box(fp, host, gpu));
      for (let r = 0; r < 3; r++)
        await store.sessions.insertSession({
          ...session('qwen3:8b', {
            hw,
            at: T0 + r * 60_000,
            metrics: {
              tokens_per_second: tps + r,
              prompt_tokens_per_second: tps * 8,
              ttft_ms: 20_000 / tps,
              joules_per_token: 30 / tps,
            },
          }),
          ollama_version: '0.6.2',
        });
    }
  } finally {
    await store.close();
  }
}

describe('ollama-bench machines, bundle, import, leaderboard', () => {
  const folder = scratchFolders('ob-machines-cli-');
  let store: string;
  let browser: Browser;

  before(async () => {
    ensureBuilt();
    mkdirSync(RESULTS, { recursive: true });
    store = folder('store');
    await twoMachines(store);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('machines --json: one row per machine, figures as {median, ci95}, sorted', async () => {
    const r = await runCli(cliArgs`machines --model qwen3:8b --suite A --json --store ${store}`);
    assert.equal(r.code, 0, r.stderr);
    const view = JSON.parse(r.stdout) as {
      model: string;
      suite: string;
      machines: {
        hostname: string;
        summary: { gpu: string; ollama_version: string };
        tokens_per_second: { median: number; ci95: [number, number] };
        joules_per_token?: unknown;
        n: number;
        localscore: number;
      }[];
    };
    assert.equal(view.model, 'qwen3:8b');
    assert.equal(view.suite, 'A');
    assert.deepEqual(
      view.machines.map((m) => [m.hostname, m.summary.gpu, m.n, m.tokens_per_second]),
      [
        ['desk-4090', 'NVIDIA RTX 4090', 3, { median: 121, ci95: [120, 122] }],
        ['laptop-4060', 'NVIDIA RTX 4060 Laptop', 3, { median: 46, ci95: [45, 47] }],
      ],
    );
    assert.ok(view.machines.every((m) => m.localscore > 0 && m.joules_per_token));
    const text = await runCli(cliArgs`machines --store ${store}`);
    assert.match(text.stdout, /desk-4090 .*█/);
    const bad = await runCli(cliArgs`machines --sort speed --store ${store}`);
    assert.equal(bad.code, 2);
  });

  it('bundle → import: verified and complete; a modified bundle is refused unless --force', async () => {
    const file = join(folder('b'), 'all.bundle.jsonl.gz');
    mkdirSync(join(file, '..'));
    const b = await runCli(cliArgs`bundle --out ${file} --json --store ${store}`);
    assert.equal(b.code, 0, b.stderr);
    assert.equal((JSON.parse(b.stdout) as { sessions: number }).sessions, 6);
    const target = folder('target');
    const ok = await runCli(cliArgs`import ${file} --json --store ${target}`);
    assert.equal(ok.code, 0, ok.stderr);
    const counts = JSON.parse(ok.stdout) as { added: number; bundles: { verdict: string }[] };
    assert.equal(counts.added, 8); // 2 machines, 6 sessions
    assert.deepEqual(
      counts.bundles.map((x) => x.verdict),
      ['verified'],
    );

    const text = gunzipSync(readFileSync(file));
    const at = text.indexOf('"tokens_per_second":121');
    text[at + '"tokens_per_second":'.length] = '9'.charCodeAt(0);
    const tampered = join(file, '..', 'tampered.bundle.jsonl.gz');
    writeFileSync(tampered, gzipSync(text));
    const other = folder('other');
    const refused = await runCli(cliArgs`import ${tampered} --store ${other}`);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /modified/);
    const empty = await runCli(cliArgs`history --json --store ${other}`);
    assert.equal((JSON.parse(empty.stdout) as unknown[]).length, 0, 'nothing imported');
    const forced = await runCli(cliArgs`import ${tampered} --force --store ${other}`);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stderr, /modified .*imported anyway/);
  });

  it('leaderboard: opens in Chromium offline with no request attempted', async () => {
    const dir = folder('board');
    mkdirSync(dir);
    const bundle = join(dir, 'public.bundle.jsonl.gz');
    assert.equal((await runCli(cliArgs`bundle --out ${bundle} --redact --store ${store}`)).code, 0);
    const out = join(dir, 'board.html');
    const r = await runCli(cliArgs`leaderboard --out ${out} --store ${store} ${bundle}`);
    assert.equal(r.code, 0, r.stderr);
    const offline = await openOffline(browser, out);
    try {
      const { page } = offline;
      assert.equal(await page.locator('h1').textContent(), 'Ollama Bench leaderboard');
      // The bundle holds the store's sessions again: each machine once (by fingerprint).
      const rows = page.locator('section#m-qwen3_8b tbody tr');
      assert.equal(await rows.count(), 2);
      assert.match((await rows.first().textContent()) ?? '', /desk-4090/);
      assert.equal(await page.locator('svg.bar rect').count(), 2);
      await page.screenshot({ path: join(RESULTS, 'leaderboard.png'), fullPage: true });
      assert.deepEqual(offline.attempted, []);
      assert.deepEqual(await offline.blocked(), []);
      assert.deepEqual(offline.refused, []);
    } finally {
      await offline.close();
    }
    // From the redacted bundle alone: the machines under their pseudonyms.
    const pub = join(dir, 'public.html');
    assert.equal((await runCli(cliArgs`leaderboard --out ${pub} ${bundle}`)).code, 0);
    const html = readFileSync(pub, 'utf8');
    assert.equal(html.match(/<td>host-[0-9a-f]{8}<br>/g)?.length, 2);
    assert.doesNotMatch(html, /desk-4090|laptop-4060/);
  });
});
