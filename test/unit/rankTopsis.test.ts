// TOPSIS, the Pareto front and the ranked list: against Hwang and Yoon's published worked example
// (the fighter aircraft choice, 1981), recomputed by hand here step by step.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dominates, paretoFront } from '../../src/shared/rank/pareto';
import { normaliseWeights, scoreRanking, whyThisRank } from '../../src/shared/rank/scoreRanking';
import { topsis, type TopsisCriterion } from '../../src/shared/rank/topsis';

// Hwang & Yoon (1981), "Multiple Attribute Decision Making", the fighter aircraft example:
// maximum speed (Mach), ferry range (NM), maximum payload (lb), acquisition cost ($M, a cost),
// reliability and manoeuvrability (ratings). Published closeness: 0.643, 0.268, 0.613, 0.312.
const X = [
  [2.0, 1500, 20000, 5.5, 5, 9],
  [2.5, 2700, 18000, 6.5, 3, 5],
  [1.8, 2000, 21000, 4.5, 7, 7],
  [2.2, 1800, 20000, 5.0, 5, 5],
];
const W = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3];
const CRITERIA: TopsisCriterion[] = W.map((weight, j) => ({
  weight,
  direction: j === 3 ? 'cost' : 'benefit',
}));

const close = (actual: number, expected: number, eps = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= eps, `${actual} is not ${expected} (± ${eps})`);

describe('TOPSIS (Hwang & Yoon fighter aircraft example)', () => {
  const t = topsis(X, CRITERIA);

  it('normalises each column by its Euclidean norm', () => {
    // Column 1: √(2.0² + 2.5² + 1.8² + 2.2²) = √(4 + 6.25 + 3.24 + 4.84) = √18.33
    close(t.normalized[0]![0]!, 2.0 / Math.sqrt(18.33));
    close(t.normalized[1]![0]!, 2.5 / Math.sqrt(18.33));
    // Column 4 (cost): √(5.5² + 6.5² + 4.5² + 5²) = √(30.25 + 42.25 + 20.25 + 25) = √117.75
    close(t.normalized[2]![3]!, 4.5 / Math.sqrt(117.75));
    // Column 6: √(81 + 25 + 49 + 25) = √180
    close(t.weighted[0]![5]!, (0.3 * 9) / Math.sqrt(180));
    for (let j = 0; j < 6; j++) {
      const sumSquares = t.normalized.reduce((s, row) => s + row[j]! ** 2, 0);
      close(sumSquares, 1);
    }
  });

  it('takes the ideal and anti-ideal by direction', () => {
    // Benefit: the largest is ideal (speed: A2's 2.5); cost: the smallest (A3's 4.5).
    close(t.ideal[0]!, (0.2 * 2.5) / Math.sqrt(18.33));
    close(t.antiIdeal[0]!, (0.2 * 1.8) / Math.sqrt(18.33));
    close(t.ideal[3]!, (0.1 * 4.5) / Math.sqrt(117.75));
    close(t.antiIdeal[3]!, (0.1 * 6.5) / Math.sqrt(117.75));
  });

  it('measures S⁺ and S⁻ and the closeness, step by step for A1', () => {
    const n = [
      Math.sqrt(18.33),
      Math.sqrt(1500 ** 2 + 2700 ** 2 + 2000 ** 2 + 1800 ** 2),
      Math.sqrt(20000 ** 2 + 18000 ** 2 + 21000 ** 2 + 20000 ** 2),
      Math.sqrt(117.75),
      Math.sqrt(25 + 9 + 49 + 25),
      Math.sqrt(180),
    ];
    const v = (x: number, j: number) => (W[j]! * x) / n[j]!;
    // A1 against the ideal (2.5, 2700, 21000, 4.5, 7, 9) and anti-ideal (1.8, 1500, 18000, 6.5, 3, 5).
    const ideal = [2.5, 2700, 21000, 4.5, 7, 9];
    const anti = [1.8, 1500, 18000, 6.5, 3, 5];
    const a1 = X[0]!;
    const sPlus = Math.sqrt(a1.reduce((s, x, j) => s + (v(x, j) - v(ideal[j]!, j)) ** 2, 0));
    const sMinus = Math.sqrt(a1.reduce((s, x, j) => s + (v(x, j) - v(anti[j]!, j)) ** 2, 0));
    close(t.sPlus[0]!, sPlus);
    close(t.sMinus[0]!, sMinus);
    close(t.closeness[0]!, sMinus / (sPlus + sMinus));
  });

  it('gives the published closeness values and order A1 > A3 > A4 > A2', () => {
    const published = [0.643, 0.268, 0.613, 0.312];
    // The book gives three decimals from rounded intermediate steps (A3: 0.6135 printed 0.613).
    t.closeness.forEach((c, i) => close(c, published[i]!, 0.001));
    const order = t.closeness.map((c, i) => [c, i] as const).sort((a, b) => b[0] - a[0]);
    assert.deepEqual(
      order.map(([, i]) => `A${i + 1}`),
      ['A1', 'A3', 'A4', 'A2'],
    );
  });

  it('gives closeness 1 to an alternative that is the ideal, and to a lone one', () => {
    assert.deepEqual(topsis([[3, 1]], CRITERIA.slice(3, 5)).closeness, [1]);
    const same = topsis(
      [
        [1, 2],
        [1, 2],
      ],
      CRITERIA.slice(0, 2),
    );
    assert.deepEqual(same.closeness, [1, 1]);
  });

  it('refuses a missing value instead of ranking it as 0', () => {
    assert.throws(() => topsis([[1, NaN]], CRITERIA.slice(0, 2)), /not a finite number/);
  });
});

describe('Pareto front', () => {
  const dirs = ['benefit', 'cost'] as const;

  it('keeps every model no other beats on all criteria', () => {
    // (tokens/s ↑, ttft ↓): a dominates c; a and b trade off.
    const rows = [
      [50, 200],
      [40, 100],
      [45, 250],
    ];
    assert.deepEqual(paretoFront(rows, [...dirs]), [true, true, false]);
  });

  it('keeps ties together on the front (equal is not beaten)', () => {
    const rows = [
      [50, 200],
      [50, 200],
      [40, 300],
    ];
    assert.deepEqual(paretoFront(rows, [...dirs]), [true, true, false]);
    assert.equal(dominates(rows[0]!, rows[1]!, [...dirs]), false);
  });

  it('counts a missing value as worse than any value, so the model can lead on another only', () => {
    const rows: (number | undefined)[][] = [
      [60, undefined], // fastest, but no ttft: still on the front on tokens/s
      [50, 200],
      [50, undefined], // beaten by the second (equal speed, a ttft against none)
    ];
    assert.deepEqual(paretoFront(rows, [...dirs]), [true, true, false]);
    assert.equal(dominates([50, 200], [50, undefined], [...dirs]), true);
    assert.equal(dominates([50, undefined], [50, undefined], [...dirs]), false);
  });
});

describe('scoreRanking', () => {
  const criteria = [
    { figure: 'tokens_per_second', weight: 3, direction: 'benefit' },
    { figure: 'ttft_ms', weight: 1, direction: 'cost' },
  ] as const;
  const rows = [
    { model: 'a', inputs: { tokens_per_second: 50, ttft_ms: 200 } },
    { model: 'b', inputs: { tokens_per_second: 40, ttft_ms: 100 } },
    { model: 'c', inputs: { tokens_per_second: 30, ttft_ms: 300 } },
  ];

  it('normalises weights to sum 1', () => {
    assert.deepEqual(
      normaliseWeights([...criteria]).map((c) => c.weight),
      [0.75, 0.25],
    );
  });

  it('ranks by closeness with the breakdown per criterion and the front', () => {
    const ranked = scoreRanking(rows, [...criteria]);
    assert.deepEqual(
      ranked.map((m) => [m.model, m.rank, m.pareto]),
      [
        ['a', 1, true],
        ['b', 2, true],
        ['c', 3, false],
      ],
    );
    const top = ranked[0]!;
    // a is the ideal on tokens/s (full weight 0.75) and halfway on ttft (0.25 × 0.5).
    close(top.breakdown.tokens_per_second!, 0.75);
    close(top.breakdown.ttft_ms!, 0.125);
    const bottom = ranked[2]!;
    assert.equal(bottom.breakdown.tokens_per_second, 0);
    assert.equal(bottom.breakdown.ttft_ms, 0);
    assert.match(whyThisRank(top, normaliseWeights([...criteria])), /strongest: tokens_per_second/);
  });

  it('re-ranks when the weights move', () => {
    const ranked = scoreRanking(rows, [
      { ...criteria[0], weight: 1 },
      { ...criteria[1], weight: 3 },
    ]);
    assert.equal(ranked[0]!.model, 'b');
  });

  it('shares a rank between equal scores', () => {
    const ranked = scoreRanking(
      [
        { model: 'x', inputs: { tokens_per_second: 50, ttft_ms: 200 } },
        { model: 'y', inputs: { tokens_per_second: 50, ttft_ms: 200 } },
        { model: 'z', inputs: { tokens_per_second: 10, ttft_ms: 900 } },
      ],
      [...criteria],
    );
    assert.deepEqual(
      ranked.map((m) => m.rank),
      [1, 1, 3],
    );
  });
});
