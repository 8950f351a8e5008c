// The Mann-Whitney U test against published numbers: the standard table of critical U (alpha
// 0.05, two-sided), exact p-values of small samples, and a normal approximation with ties worked
// by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  averageRanks,
  exactTwoSidedP,
  mannWhitneyU,
  uDistribution,
} from '../../src/core/trends/mannWhitney';

/** Two samples without ties whose U of the first sample is exactly u (x beats u (x, y) pairs). */
function samplesWithU(n1: number, n2: number, u: number): { x: number[]; y: number[] } {
  const y = Array.from({ length: n2 }, (_, j) => 2 * j);
  const beats: number[] = [];
  let left = u;
  for (let i = 0; i < n1; i++) {
    const k = Math.min(n2, left);
    beats.push(k);
    left -= k;
  }
  assert.equal(left, 0, 'u must be at most n1 × n2');
  // x beating k values of y lies just above y[k - 1]; a tiny offset keeps the x values distinct.
  const x = beats.map((k, i) => 2 * k - 1 + i * 1e-3);
  return { x, y };
}

describe('Mann-Whitney U: exact small-sample p-values', () => {
  it('counts the null distribution: C(n1 + n2, n1) arrangements, symmetric', () => {
    const d = uDistribution(4, 4);
    assert.equal(d.length, 17);
    assert.equal(
      d.reduce((a, b) => a + b, 0),
      70,
    );
    assert.deepEqual(d.slice(0, 5), [1, 1, 2, 3, 5]);
    assert.deepEqual([...d].reverse(), d);
    assert.equal(
      uDistribution(10, 10).reduce((a, b) => a + b, 0),
      184_756,
    );
  });

  it('4 vs 4 fully separated: p = 2/70', () => {
    const r = mannWhitneyU([10, 11, 12, 13], [20, 21, 22, 23]);
    assert.equal(r.method, 'exact');
    assert.equal(r.u, 0);
    assert.equal(r.u1, 0);
    assert.equal(r.u2, 16);
    assert.ok(Math.abs(r.pValue - 2 / 70) < 1e-12);
  });

  // Critical values of U for a two-sided test at alpha = 0.05 (e.g. Siegel & Castellan, table J;
  // the table every statistics textbook prints): reject when U <= the value.
  const critical: [number, number, number][] = [
    [4, 4, 0],
    [5, 5, 2],
    [6, 6, 5],
    [7, 7, 8],
    [8, 8, 13],
    [9, 9, 17],
    [10, 10, 23],
    [4, 8, 4],
    [5, 10, 8],
    [6, 9, 10],
    [8, 10, 17],
  ];
  for (const [n1, n2, uc] of critical) {
    it(`n1 = ${n1}, n2 = ${n2}: critical U is ${uc}`, () => {
      assert.ok(exactTwoSidedP(n1, n2, uc) <= 0.05, `p at U = ${uc}`);
      assert.ok(exactTwoSidedP(n1, n2, uc + 1) > 0.05, `p at U = ${uc + 1}`);
      // The same through the samples: U is computed from ranks and the p agrees.
      const { x, y } = samplesWithU(n1, n2, uc);
      const r = mannWhitneyU(x, y);
      assert.equal(r.method, 'exact');
      assert.equal(r.u, uc);
      assert.equal(r.pValue, exactTwoSidedP(n1, n2, uc));
      // And symmetric: the sides swapped give the same two-sided p.
      assert.equal(mannWhitneyU(y, x).pValue, r.pValue);
    });
  }

  it('identical distributions give p = 1 at the centre', () => {
    assert.equal(exactTwoSidedP(4, 4, 8), 1);
  });
});

describe('Mann-Whitney U: normal approximation with ties', () => {
  it('averages tied ranks', () => {
    assert.deepEqual(averageRanks([10, 12, 12, 14, 12, 14, 16, 18]), {
      ranks: [1, 3, 3, 5.5, 3, 5.5, 7, 8],
      tieSizes: [3, 2],
    });
  });

  it('matches the hand computation: x = 10 12 12 14, y = 12 14 16 18', () => {
    // Pooled ranks: 10→1, the three 12s→3, the two 14s→5.5, 16→7, 18→8.
    // R1 = 1 + 3 + 3 + 5.5 = 12.5, U1 = 12.5 − 4·5/2 = 2.5, U2 = 16 − 2.5 = 13.5, mean 8.
    // Variance with ties: 4·4/12 · (9 − (3³−3 + 2³−2) / (8·7)) = 4/3 · (9 − 30/56) = 11.2857…
    // z = (|2.5 − 8| − 0.5) / √11.2857 = 1.48835; p = 2 · (1 − Φ(1.48835)) = 0.136658.
    const r = mannWhitneyU([10, 12, 12, 14], [12, 14, 16, 18]);
    assert.equal(r.method, 'normal');
    assert.equal(r.u1, 2.5);
    assert.equal(r.u2, 13.5);
    assert.equal(r.u, 2.5);
    assert.ok(Math.abs(r.pValue - 0.136658) < 1e-5, String(r.pValue));
  });

  it('is close to the exact p for larger samples without ties', () => {
    // 26 vs 26 is past the exact limit; the approximation at a clear shift is small.
    const x = Array.from({ length: 26 }, (_, i) => i);
    const y = Array.from({ length: 26 }, (_, i) => i + 13.5);
    const r = mannWhitneyU(x, y);
    assert.equal(r.method, 'normal');
    // U1 = pairs x > y: for x = i, y values below i are j + 13.5 < i → j < i − 13.5.
    assert.equal(r.u1, 78);
    assert.ok(r.pValue > 1e-6 && r.pValue < 1e-4, String(r.pValue));
  });

  it('all values tied: nothing tells the samples apart, p = 1', () => {
    assert.equal(mannWhitneyU([5, 5, 5, 5], [5, 5, 5, 5]).pValue, 1);
  });

  it('refuses empty or non-finite samples with a clear error', () => {
    assert.throws(() => mannWhitneyU([], [1, 2]), /values on both sides/);
    assert.throws(() => mannWhitneyU([1, Number.NaN], [1, 2]), /finite numbers/);
  });
});
