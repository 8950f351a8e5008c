// Verdict rules: significance and minimum effect both required, direction by figure, too few
// repetitions give "insufficient", never a verdict from 1 vs 1.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkVerdictSettings, judge, INSUFFICIENT_ADVICE } from '../../src/core/trends/verdict';

const base = [100, 101, 99, 100.5, 99.5];

describe('regression verdict', () => {
  it('a rate that drops 12 % with p < 0.05 is a regression', () => {
    const v = judge('tokens_per_second', base, [88, 88.5, 87.5, 88.2, 87.9]);
    assert.equal(v.verdict, 'regression');
    assert.equal(v.baseline.median, 100);
    assert.equal(v.candidate.median, 88);
    assert.ok(Math.abs(v.delta_pct! - -12) < 1e-9);
    assert.ok(Math.abs(v.p_value! - 2 / 252) < 1e-12); // 5 vs 5, fully separated
  });

  it('a rate that rises is an improvement; a time that rises is a regression', () => {
    assert.equal(
      judge('tokens_per_second', base, [120, 121, 119, 122, 118]).verdict,
      'improvement',
    );
    assert.equal(judge('ttft_ms', base, [120, 121, 119, 122, 118]).verdict, 'regression');
    assert.equal(judge('ttft_ms', base, [80, 81, 79, 82, 78]).verdict, 'improvement');
  });

  it('a significant change smaller than the minimum effect is no change', () => {
    const v = judge('tokens_per_second', base, [97, 97.1, 96.9, 97.2, 96.8]);
    assert.ok(v.p_value! < 0.05);
    assert.equal(v.verdict, 'no_change');
    // With a 2 % minimum effect the same data is a regression.
    assert.equal(
      judge('tokens_per_second', base, [97, 97.1, 96.9, 97.2, 96.8], {
        alpha: 0.05,
        minEffectPct: 2,
      }).verdict,
      'regression',
    );
  });

  it('a large change that noise explains is no change', () => {
    const noisy = judge('tokens_per_second', [60, 140, 80, 120], [70, 130, 50, 110]);
    assert.ok(noisy.p_value! > 0.05);
    assert.equal(noisy.verdict, 'no_change');
  });

  it('alpha is a setting: 4 vs 4 separated (p = 0.029) passes 0.05 but not 0.01', () => {
    const a = [100, 101, 102, 103];
    const b = [80, 81, 82, 83];
    assert.equal(judge('tokens_per_second', a, b).verdict, 'regression');
    assert.equal(
      judge('tokens_per_second', a, b, { alpha: 0.01, minEffectPct: 5 }).verdict,
      'no_change',
    );
  });

  it('fewer than 4 repetitions on a side: insufficient, with the advice', () => {
    for (const [x, y] of [
      [[100], [50]],
      [
        [100, 101, 102],
        [50, 51, 52, 53],
      ],
      [
        [100, 101, 102, 103],
        [50, 51, 52],
      ],
    ] as const) {
      const v = judge('tokens_per_second', x, y);
      assert.equal(v.verdict, 'insufficient');
      assert.equal(v.p_value, null);
      assert.match(v.reason!, new RegExp(INSUFFICIENT_ADVICE));
    }
    assert.equal(INSUFFICIENT_ADVICE, 'run at least 4 repetitions');
  });

  it('refuses settings that make no sense', () => {
    assert.throws(() => checkVerdictSettings({ alpha: 0, minEffectPct: 5 }), /alpha/);
    assert.throws(() => checkVerdictSettings({ alpha: 1.5, minEffectPct: 5 }), /alpha/);
    assert.throws(() => checkVerdictSettings({ alpha: 0.05, minEffectPct: -1 }), /minimum effect/);
  });
});
