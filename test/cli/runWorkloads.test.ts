// `ollama-bench run --suite rate|depth` as a user runs it: the workload flags reach the run, the
// levels land in --json and below the table, and malformed flags are refused before anything runs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SessionDoc } from '../../src/shared/dto';
import { cliArgs } from '../fixtures/cliArgs';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { scratchFolders } from '../fixtures/scratchFolders';
import { startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';

describe('ollama-bench run: workload suites', () => {
  const folder = scratchFolders('ollama-bench-workloads-');
  const dir = folder('store');
  let standIn: StandIn;
  const run = (args: string[]) =>
    runCli(['run', ...args, ...cliArgs`--host ${standIn.url} --store ${dir} --no-hardware`]);

  before(async () => {
    ensureBuilt();
    standIn = await startOllamaStandIn({ tokensPerSecond: 2000, jitter: 0, loadMs: 5 });
  });
  after(() => standIn.close());

  it('--suite rate --rate --arrival --requests --slo: one level, stored with its SLO', async () => {
    const args = cliArgs`--models llama3.2:3b --suite rate --num-predict 4 --rate 20 --arrival constant --requests 5 --slo ttft_ms<=800,tpot_ms<=50`;
    const r = await run([...args, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const session = JSON.parse(r.stdout) as SessionDoc;
    const m = session.models[0]?.tests[0]?.metrics;
    assert.equal(m?.rate_levels?.length, 1);
    assert.equal(m?.rate_levels?.[0]?.requests, 5);
    assert.deepEqual(m?.slo?.bounds, { ttft_ms: 800, tpot_ms: 50 });
    assert.equal(session.options.workload?.arrival, 'constant');
    const table = await run(args);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /Max sustainable rps 20\.00 · Goodput rps [\d.]+ · SLO custom/);
  });

  it('--suite depth --depths: a level per depth below the table', async () => {
    const r = await run(
      cliArgs`--models llama3.2:3b --suite depth --num-predict 4 --repetitions 1 --depths 0,256`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /@0 tok\/s [\d.]+ .* · @256 tok\/s/);
  });

  it('malformed workload flags: one line, exit 2, nothing run', async () => {
    for (const [flags, words] of [
      [cliArgs`--rate 0`, /--rate must be requests per second/],
      [cliArgs`--arrival bursty`, /--arrival must be constant or poisson/],
      [cliArgs`--duration forever`, /--duration must be a duration/],
      [cliArgs`--slo ttft<5`, /An SLO is interactive, standard/],
      [cliArgs`--rates 3`, /give --sweep too/],
      [cliArgs`--depths 0,-5`, /--depths/],
    ] as const) {
      const r = await run([...cliArgs`--models llama3.2:3b --suite rate`, ...flags]);
      assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, words);
    }
  });
});
