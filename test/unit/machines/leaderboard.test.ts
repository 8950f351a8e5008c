// The offline leaderboard: per model the machines ranked, per machine the models it ran, one
// self-contained page (no script, nothing that loads) of at most 2 MB for 50 machines × 20
// models; a machine found in a store and in a bundle under another _id is one machine.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leaderboard, mergeSources } from '../../../src/core/machines/leaderboardData';
import { renderLeaderboard } from '../../../src/core/machines/leaderboardHtml';
import type { HardwareConfig, SessionDoc } from '../../../src/shared/dto';
import { hardware, session, T0 } from '../../fixtures/storeDocuments';

const META = {
  toolVersion: 'test',
  generatedAt: '2025-03-01T00:00:00.000Z',
  sources: ['the store'],
};

function machine(i: number): HardwareConfig {
  return {
    ...hardware(`fp-${i}`, `CPU model ${i}`, `GPU model ${i}`),
    _id: `hw-${i}`,
    os: {
      name: 'Linux',
      version: '6.8',
      kernel: '6.8.0',
      hostname: `box-${String(i).padStart(2, '0')}`,
    },
  };
}

function runs(machines: number, models: number, perPair = 3, first = 0): SessionDoc[] {
  const out: SessionDoc[] = [];
  for (let m = first; m < first + machines; m++)
    for (let k = 0; k < models; k++)
      for (let r = 0; r < perPair; r++)
        out.push({
          ...session(`model-${k}:8b`, {
            hw: `hw-${m}`,
            at: T0 + r * 1000,
            metrics: {
              tokens_per_second: 20 + m + r,
              prompt_tokens_per_second: 200 + 10 * m,
              ttft_ms: 300 - m,
              joules_per_token: 0.5,
            },
          }),
          _id: `s-${m}-${k}-${r}`,
        });
  return out;
}

describe('offline leaderboard', () => {
  it('ranks machines per model and lists each machine’s models, in one page without script', () => {
    const machines = [machine(1), machine(2)];
    const board = leaderboard(
      mergeSources([{ sessions: runs(2, 2, 3, 1), hardware: machines }]),
      'tokens_per_second',
    );
    assert.deepEqual(
      board.models.map((v) => [v.model, v.machines.map((r) => r.hostname)]),
      [
        ['model-0:8b', ['box-02', 'box-01']],
        ['model-1:8b', ['box-02', 'box-01']],
      ],
    );
    assert.deepEqual(
      board.machines.map((m) => [m.hostname, m.models.map((x) => x.model)]),
      [
        ['box-01', ['model-0:8b', 'model-1:8b']],
        ['box-02', ['model-0:8b', 'model-1:8b']],
      ],
    );
    const html = renderLeaderboard(board, META);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.match(html, /box-02<br><span class="muted">CPU model 2 · GPU model 2/);
    assert.match(html, /LocalScore/);
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|url\(|(src|href)=["']?(https?:)?\/\//i);
  });

  it('merges a store and a bundle: one machine per fingerprint, one session per _id', () => {
    const inStore = machine(1);
    const inBundle = { ...machine(1), _id: 'other-id' };
    const bundled = runs(1, 1, 3, 1).map((s) => ({ ...s, hardware_config_id: 'other-id' }));
    const merged = mergeSources([
      { sessions: runs(1, 1, 3, 1), hardware: [inStore] },
      {
        sessions: [...bundled, ...bundled.slice(0, 1).map((s) => ({ ...s, _id: 'new' }))],
        hardware: [inBundle],
      },
    ]);
    assert.deepEqual([...merged.hardware.keys()], ['hw-1']);
    assert.equal(merged.sessions.length, 4);
    assert.ok(merged.sessions.every((s) => s.hardware_config_id === 'hw-1'));
  });

  it('an empty source gives an empty board', () => {
    const board = leaderboard(mergeSources([{ sessions: [], hardware: [] }]), 'localscore');
    assert.deepEqual([board.models, board.machines], [[], []]);
    assert.match(renderLeaderboard(board, META), /0 model\(s\) on 0 machine\(s\)/);
  });

  it('stays under 2 MB for 50 machines × 20 models', () => {
    const machines = Array.from({ length: 50 }, (_, i) => machine(i));
    const board = leaderboard(
      mergeSources([{ sessions: runs(50, 20), hardware: machines }]),
      'tokens_per_second',
    );
    assert.equal(board.models.length, 20);
    assert.ok(board.models.every((v) => v.machines.length === 50));
    const bytes = Buffer.byteLength(renderLeaderboard(board, META));
    assert.ok(bytes <= 2 * 1024 * 1024, `${bytes} bytes`);
  });
});
