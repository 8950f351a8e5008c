// The Machines view: one row per machine for a model and test, like for like, each figure the
// median of the machine's results with its 95 % interval, the LocalScore of the medians, sorted
// by the chosen figure; results with other options are named, not mixed in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localScore } from '../../../src/core/machines/localScore';
import { machinesView } from '../../../src/core/machines/machineRows';
import { medianIntervalRanks, medianWithInterval } from '../../../src/core/machines/medianInterval';
import { machinesJson, machinesText } from '../../../src/core/machines/machinesText';
import type { HardwareConfig, SessionDoc } from '../../../src/shared/dto';
import { hardware, session, T0 } from '../../fixtures/storeDocuments';

const fast: HardwareConfig = {
  ...hardware('fp-fast'),
  _id: 'hw-fast',
  os: { name: 'Linux', version: '6.8', kernel: '6.8.0', hostname: 'fast-box' },
};
const slow: HardwareConfig = {
  ...hardware('fp-slow', 'Apple M2', 'Apple M2 GPU'),
  _id: 'hw-slow',
  os: { name: 'macOS', version: '14.5', kernel: '23.5.0', hostname: 'slow-laptop' },
};
const machines = new Map([
  ['hw-fast', fast],
  ['hw-slow', slow],
]);

const run = (
  hw: string,
  tps: number,
  extra: { at?: number; num_ctx?: number; joules?: number } = {},
) => ({
  ...session('qwen3:8b', {
    hw,
    at: extra.at ?? T0,
    metrics: {
      tokens_per_second: tps,
      prompt_tokens_per_second: tps * 10,
      ttft_ms: 1000 / tps,
      ...(extra.joules === undefined ? {} : { joules_per_token: extra.joules }),
    },
    options: extra.num_ctx ? { num_ctx: extra.num_ctx } : {},
  }),
  ollama_version: '0.6.2',
});

describe('machines view', () => {
  const sessions = [
    run('hw-fast', 100, { joules: 0.5 }),
    run('hw-fast', 110, { at: T0 + 1000, joules: 0.4 }),
    run('hw-fast', 90, { at: T0 + 2000, joules: 0.6 }),
    run('hw-slow', 30, { at: T0 + 3000 }),
    run('hw-slow', 20, { at: T0 + 4000, num_ctx: 8192 }),
  ];

  it('one row per machine, sorted by the chosen figure, with medians, intervals, n and LocalScore', () => {
    const view = machinesView(sessions, machines, { model: 'qwen3:8b', suite: 'A' });
    assert.deepEqual(
      view.machines.map((r) => [r.hostname, r.n]),
      [
        ['fast-box', 3],
        ['slow-laptop', 1],
      ],
    );
    const [top, bottom] = view.machines;
    assert.deepEqual(top?.tokens_per_second, { median: 100, ci95: [90, 110] });
    assert.deepEqual(top?.joules_per_token, { median: 0.5, ci95: [0.4, 0.6] });
    assert.equal(bottom?.joules_per_token, undefined, 'not measured: left out');
    assert.equal(top?.localscore, localScore(1000, 100, 10));
    assert.deepEqual(top?.summary, {
      cpu: 'AMD Ryzen 9 7950X',
      gpu: 'NVIDIA RTX 4090',
      vram_bytes: 24e9,
      ram_bytes: 64e9,
      os: 'Linux 6.8',
      ollama_version: '0.6.2',
    });
    assert.equal(view.setting, 'A · num_ctx 2048');
    assert.deepEqual(view.excluded, [
      { machine_id: 'hw-slow', hostname: 'slow-laptop', setting: 'A · num_ctx 8192', n: 1 },
    ]);
    const byTtft = machinesView(sessions, machines, { sort: 'ttft_ms' });
    assert.deepEqual(
      byTtft.machines.map((r) => r.hostname),
      ['fast-box', 'slow-laptop'],
      'lower TTFT first',
    );
    const byEnergy = machinesView(sessions, machines, { sort: 'joules_per_token' });
    assert.equal(byEnergy.machines.at(-1)?.hostname, 'slow-laptop', 'unmeasured last');
  });

  it('prints a table with bars, and JSON with figures as {median, ci95}', () => {
    const view = machinesView(sessions, machines);
    const text = machinesText(view);
    assert.match(text, /fast-box .*100 \[90–110\] .*0\.500 \[0\.400–0\.600\].*█{20}/);
    assert.match(
      text,
      /slow-laptop: Apple M2 · Apple M2 GPU 24\.0 GB VRAM · 64\.0 GB RAM · macOS 14\.5 · Ollama 0\.6\.2/,
    );
    assert.match(text, /slow-laptop: 1 result\(s\) at A · num_ctx 8192/);
    const json = JSON.parse(JSON.stringify(machinesJson(view))) as Record<string, unknown>;
    assert.equal(json.model, 'qwen3:8b');
    assert.equal(json.suite, 'A');
    assert.equal('choices' in json, false);
  });

  it('names the conditions that differ between machines', () => {
    const withEnv: SessionDoc[] = [
      { ...run('hw-fast', 100), conditions: { ollama_env: { OLLAMA_FLASH_ATTENTION: '1' } } },
      { ...run('hw-slow', 30), conditions: { ollama_env: {} } },
    ];
    const view = machinesView(withEnv, machines);
    assert.deepEqual(
      view.differences.find((d) => d.condition === 'OLLAMA_FLASH_ATTENTION')?.values,
      ['1', 'unset (default)'],
    );
  });

  it('an unknown model is bad input', () => {
    assert.throws(() => machinesView(sessions, machines, { model: 'nope' }), {
      name: 'InputError',
      message: /no completed result for model "nope"/,
    });
  });
});

describe('median and its 95 % interval', () => {
  it('uses order statistics: the whole range below 6 results, then the binomial ranks', () => {
    assert.deepEqual(medianIntervalRanks(5), [0, 4]);
    assert.deepEqual(medianIntervalRanks(6), [0, 5]);
    assert.deepEqual(medianIntervalRanks(10), [1, 8]);
    assert.deepEqual(medianIntervalRanks(20), [5, 14]);
    assert.deepEqual(medianWithInterval([3, 1, 2]), { median: 2, ci95: [1, 3] });
    assert.deepEqual(medianWithInterval([7], [6, 8]), { median: 7, ci95: [6, 8] });
    assert.equal(medianWithInterval([]), undefined);
  });
});

describe('LocalScore', () => {
  it('is 10 · ∛(prompt tok/s · tokens/s · 1000 / TTFT ms), absent without a figure', () => {
    assert.equal(localScore(1000, 100, 100), 10 * Math.cbrt(1_000_000));
    assert.ok(Math.abs((localScore(1000, 100, 100) ?? 0) - 1000) < 1e-9);
    assert.equal(localScore(undefined, 100, 100), undefined);
    assert.equal(localScore(1000, 100, 0), undefined);
  });
});
