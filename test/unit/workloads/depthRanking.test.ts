// Tokens/s at any depth D as a rank criterion: interpolated between the measured depths around D,
// refused outside every depth the machine measured, ranked through the store like the fixed
// depths (which read the same levels).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseWeights, RankUsageError } from '../../../src/core/rank/useCaseRules';
import { tokensPerSecondAtDepth } from '../../../src/shared/depthRankFigure';
import { isRankFigure, rankFigureInfo } from '../../../src/shared/rank/rankFigures';
import type { DepthLevel } from '../../../src/shared/workloadTypes';
import { hardware, session } from '../../fixtures/storeDocuments';
import { openTempStore, type TempStore } from '../../fixtures/tempStore';

const T0 = Date.parse('2026-05-04T08:00:00.000Z');
const levels = (tps: [number, number][]): DepthLevel[] =>
  tps.map(([depth, tokens_per_second]) => ({ depth, prompt_tokens: depth, tokens_per_second }));

describe('tokens/s at depth D', () => {
  it('is the level at D, or the straight line between the measured depths around it', () => {
    const sweep = levels([
      [0, 50],
      [8192, 40],
      [32768, 20],
    ]);
    assert.equal(tokensPerSecondAtDepth(sweep, 8192), 40);
    assert.equal(tokensPerSecondAtDepth(sweep, 20480), 30);
    assert.equal(tokensPerSecondAtDepth(sweep, 4096), 45);
    assert.equal(tokensPerSecondAtDepth(sweep, 40000), undefined);
    assert.equal(tokensPerSecondAtDepth(levels([[2048, 60]]), 1024), undefined);
  });

  it('names a figure the rank options accept, a benefit', () => {
    assert.ok(isRankFigure('tokens_per_second_at_depth:16384'));
    assert.ok(!isRankFigure('tokens_per_second_at_depth:16k'));
    assert.ok(!isRankFigure('tokens_per_second_at_depth:'));
    assert.equal(rankFigureInfo('tokens_per_second_at_depth:16384').direction, 'benefit');
    assert.deepEqual(
      [...parseWeights('tokens_per_second_at_depth:16384=2,vram_usage=1')],
      [
        ['tokens_per_second_at_depth:16384', 2],
        ['vram_usage', 1],
      ],
    );
    assert.throws(
      () => parseWeights('tokens_per_second_at_depth:deep=1'),
      /unknown figure .*known: .*tokens_per_second_at_depth:D/,
    );
  });

  describe('ranked from the store', () => {
    let t: TempStore;
    before(async () => {
      t = await openTempStore();
      const hw = await t.store.sessions.saveHardwareConfig(hardware('fp-depth'));
      const sweep = (model: string, at: number, tps: [number, number][]) =>
        t.store.sessions.insertSession(
          session(model, { at, hw, types: ['depth'], metrics: { depth_levels: levels(tps) } }),
        );
      await sweep('steady:8b', T0, [
        [0, 50],
        [8192, 40],
        [32768, 20],
      ]);
      await sweep('short:3b', T0 + 1000, [
        [0, 90],
        [8192, 70],
      ]);
    });
    after(() => t.remove());

    const rank = (weights: string) =>
      t.store.rankings.rank({
        useCase: 'chat',
        machine: 'fp-depth',
        weights: parseWeights(weights),
        now: new Date(T0 + 60_000),
      });

    it('interpolated between the levels; a sweep that stops short is not ranked', async () => {
      const { report } = await rank('tokens_per_second_at_depth:20480=1');
      assert.deepEqual(
        report.ranking.map((m) => [m.model, m.inputs['tokens_per_second_at_depth:20480']]),
        [['steady:8b', 30]],
      );
      assert.deepEqual(
        report.not_ranked.map((m) => m.model),
        ['short:3b'],
      );
    });

    it('the fixed depths read the same levels', async () => {
      const { report } = await rank('tokens_per_second_at_8k=1');
      assert.deepEqual(
        report.ranking.map((m) => [m.model, m.inputs.tokens_per_second_at_8k]),
        [
          ['short:3b', 70],
          ['steady:8b', 40],
        ],
      );
    });

    it('a depth outside every measured depth is refused, saying which depths were', async () => {
      await assert.rejects(
        rank('tokens_per_second_at_depth:65536=1'),
        (e: unknown) =>
          e instanceof RankUsageError &&
          /depth 65536 is outside the measured depths \(0 to 32768\)/.test(e.message),
      );
    });
  });
});
