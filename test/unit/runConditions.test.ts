// Run conditions: each session records Ollama's version, its OLLAMA_* settings where readable,
// the GPU driver and power limit and the CPU governor; compare, trends and the regression
// notification name each one that differs.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ollamaEnvOf, readRunConditions } from '../../src/core/bench/runConditions';
import { buildCompareView, sessionSubjects } from '../../src/core/dashboard/compare';
import { readCpuGovernor } from '../../src/core/hardware/cpuGovernor';
import { parsePowerLimits } from '../../src/core/hardware/gpuPowerLimit';
import { verdictSentence } from '../../src/core/trends/comparisonText';
import { changesText, contextChanges } from '../../src/core/trends/contextChanges';
import type { RunConditions } from '../../src/shared/dto';
import type { ComparisonRow } from '../../src/shared/trends';
import { run, standIn } from '../fixtures/runnerHarness';
import { session } from '../fixtures/storeDocuments';

const SERVER: RunConditions = {
  ollama_env: { OLLAMA_NUM_PARALLEL: '1', OLLAMA_FLASH_ATTENTION: '1' },
  ollama_env_source: 'server',
  gpu_power_limit_w: [350],
  cpu_governor: 'performance',
};

describe('run conditions', () => {
  it('the session records them with Ollama version and GPU driver; run --json carries them', async () => {
    const s = await standIn({ version: '0.33.0' });
    const { session: done } = await run(
      s,
      { repetitions: 1 },
      { readConditions: async () => SERVER },
    );
    assert.deepEqual(done.conditions, { ollama_version: '0.33.0', ...SERVER });
  });

  it('reads the server environment first, else this process, else nothing', async () => {
    const env = { OLLAMA_KV_CACHE_TYPE: 'q8_0', OLLAMA_HOST: 'x', PATH: '/bin' };
    assert.deepEqual(ollamaEnvOf({ serverEnvs: () => [env], clientEnv: {} }), {
      ollama_env: { OLLAMA_KV_CACHE_TYPE: 'q8_0' },
      ollama_env_source: 'server',
    });
    assert.deepEqual(ollamaEnvOf({ serverEnvs: () => [], clientEnv: env }), {
      ollama_env: { OLLAMA_KV_CACHE_TYPE: 'q8_0' },
      ollama_env_source: 'client',
    });
    assert.deepEqual(ollamaEnvOf({ serverEnvs: () => [], clientEnv: {} }), {});
    const read = await readRunConditions({
      serverEnvs: () => [],
      clientEnv: {},
      gpuPowerLimits: async () => [250, 300],
      cpuGovernor: () => 'powersave',
    });
    assert.deepEqual(read, { gpu_power_limit_w: [250, 300], cpu_governor: 'powersave' });
    assert.deepEqual(parsePowerLimits('350.00\n 300.00 \n'), [350, 300]);
    assert.equal(parsePowerLimits('[N/A]\n'), undefined);
    if (process.platform === 'linux') {
      const file = join(mkdtempSync(join(tmpdir(), 'gov-')), 'scaling_governor');
      writeFileSync(file, 'schedutil\n');
      assert.equal(readCpuGovernor(file), 'schedutil');
    }
  });

  it('what changed names each differing condition; the regression sentence and compare show them', () => {
    const before = {
      ...session('m', { at: 0 }),
      _id: 'a',
      ollama_version: '0.32.0',
      conditions: SERVER,
    };
    const after = {
      ...session('m', { at: 1 }),
      _id: 'b',
      ollama_version: '0.33.0',
      conditions: {
        ...SERVER,
        ollama_env: { OLLAMA_NUM_PARALLEL: '4' },
        gpu_power_limit_w: [250],
        cpu_governor: 'powersave',
      },
    };
    const changes = contextChanges(before, after, ['m'], ['A']);
    assert.equal(
      changesText(changes),
      'Ollama 0.32.0 → 0.33.0, OLLAMA_FLASH_ATTENTION 1 → unset (default), OLLAMA_NUM_PARALLEL 1 → 4, GPU power limit 350 W → 250 W, CPU governor performance → powersave',
    );
    const row: ComparisonRow = {
      model: 'm',
      test: 'A',
      figure: 'tokens_per_second',
      baseline: { n: 3, median: 40 },
      candidate: { n: 3, median: 30 },
      delta_pct: -0.25,
      p_value: 0.01,
      verdict: 'regression',
    };
    assert.match(
      verdictSentence(row, changes),
      /Changed since: Ollama 0\.32\.0 → 0\.33\.0, .*CPU governor/,
    );
    // A session without recorded conditions is no evidence of a change.
    assert.deepEqual(contextChanges(session('m'), after, ['m'], ['A']), {});
    const view = buildCompareView(sessionSubjects([before, after]));
    assert.deepEqual(
      view.conditions?.map((c) => c.condition),
      [
        'Ollama',
        'OLLAMA_FLASH_ATTENTION',
        'OLLAMA_NUM_PARALLEL',
        'GPU power limit',
        'CPU governor',
      ],
    );
    assert.deepEqual(view.conditions?.[2]?.values, ['1', '4']);
  });
});
