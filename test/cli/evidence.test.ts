// The machine's evidence as a user gets it from the CLI: `run --json` carries the per-test summary
// figures (GPU power, temperatures, energy per token… from the fake nvidia-smi with power, energy
// counter and throttle-reason columns), absent (never 0) where the machine has no source, and the
// CSV export has one column per figure.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EVIDENCE_COLUMNS } from '../../src/core/export/sessionRows';
import type { SessionDoc } from '../../src/shared/dto';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { fakeNvidiaSmiDir, pathWithFake } from '../fixtures/fake-nvidia-smi/testKit';
import { startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';

describe('ollama-bench run: the machine evidence', () => {
  let standIn: StandIn;
  let dir: string;
  const gpuEnv = {
    PATH: pathWithFake(),
    FAKE_NVIDIA_SMI_CSV: join(fakeNvidiaSmiDir, 'power-throttle.csv'),
  };
  const args = (store: string, ...more: string[]) => [
    'run',
    '--host',
    standIn.url,
    '--store',
    store,
    '--models',
    'llama3.2:3b',
    '--suite',
    'A',
    '--num-predict',
    '60',
    '--repetitions',
    '3',
    '--json',
    ...more,
  ];

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'ollama-bench-evidence-'));
    // 100 tokens/s: each repetition decodes for 0.6 s, several 100 ms samples.
    standIn = await startOllamaStandIn({ tokensPerSecond: 100, jitter: 0, loadMs: 5 });
  });
  after(async () => {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--json carries GPU power, energy, joules per token and the throttled flag', async () => {
    const r = await runCli(args(dir, '--interval', '100'), gpuEnv);
    assert.equal(r.code, 0, r.stderr);
    const session = JSON.parse(r.stdout) as SessionDoc;
    const m = session.models[0]!.tests[0]!.metrics;
    // power-throttle.csv: 300, 350, 310, 100 W; 70–86 °C; the energy counter grows 325, 330, 205 J.
    assert.ok(m.gpu_power_mean_w! >= 100 && m.gpu_power_mean_w! <= 350, String(m.gpu_power_mean_w));
    assert.ok(m.gpu_temp_max_c! >= 70 && m.gpu_temp_max_c! <= 86, String(m.gpu_temp_max_c));
    assert.ok(m.energy_j! > 0, String(m.energy_j));
    // 3 × 60 tokens.
    assert.ok(Math.abs(m.joules_per_token! * 180 - m.energy_j!) < 1e-6);
    assert.ok(Math.abs(m.tokens_per_joule! * m.joules_per_token! - 1) < 1e-9);
    assert.ok(m.flags.includes('throttled'), `flags ${m.flags.join(',')}`);
    for (const key of EVIDENCE_COLUMNS) {
      const v = m[key];
      assert.ok(v === undefined || (typeof v === 'number' && Number.isFinite(v)), key);
    }

    const csv = await runCli(['export', '--format', 'csv', '--store', dir]);
    assert.equal(csv.code, 0, csv.stderr);
    const [header, row] = csv.stdout.split('\r\n');
    const columns = header!.split(',');
    for (const key of EVIDENCE_COLUMNS) assert.ok(columns.includes(key), `CSV column ${key}`);
    const cells = row!.split(',');
    assert.equal(Number(cells[columns.indexOf('energy_j')]), m.energy_j);
    assert.equal(Number(cells[columns.indexOf('joules_per_token')]), m.joules_per_token);
  });

  it('without a source the figures are absent, not 0 (and the CSV cells empty)', async () => {
    const store = mkdtempSync(join(tmpdir(), 'ollama-bench-evidence-none-'));
    try {
      const r = await runCli(args(store, '--no-hardware'));
      assert.equal(r.code, 0, r.stderr);
      const m = (JSON.parse(r.stdout) as SessionDoc).models[0]!.tests[0]!.metrics;
      for (const key of EVIDENCE_COLUMNS) assert.equal(key in m, false, `${key} absent`);
      assert.equal(m.flags.includes('throttled'), false);
      const csv = await runCli(['export', '--format', 'csv', '--store', store]);
      const [header, row] = csv.stdout.split('\r\n');
      const columns = header!.split(',');
      const cells = row!.split(',');
      for (const key of EVIDENCE_COLUMNS) assert.equal(cells[columns.indexOf(key)], '', key);
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  });
});
