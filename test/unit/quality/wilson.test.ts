import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wilsonInterval } from '../../../src/core/quality/wilson';

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 5e-4, `${actual} ≠ ${expected}`);

describe('Wilson 95 % interval', () => {
  it('8 of 10, worked by hand', () => {
    // p = 0.8, n = 10, z = 1.96, z² = 3.8415:
    // centre = p + z²/2n = 0.8 + 0.19207 = 0.99207
    // spread = z·√(p(1−p)/n + z²/4n²) = 1.96·√(0.016 + 0.0096037) = 1.96·0.160012 = 0.313623
    // denominator = 1 + z²/n = 1.38415
    // low = 0.678447 / 1.38415 = 0.49016; high = 1.305693 / 1.38415 = 0.94332
    const [lo, hi] = wilsonInterval(8, 10);
    close(lo, 0.49016);
    close(hi, 0.94332);
  });

  it('stays inside [0, 1] at the ends, where the normal approximation collapses', () => {
    const [lo0, hi0] = wilsonInterval(0, 10);
    assert.equal(lo0, 0);
    close(hi0, 0.27753);
    const [lo1, hi1] = wilsonInterval(10, 10);
    close(lo1, 0.72247);
    assert.equal(hi1, 1);
  });

  it('is empty without items', () => {
    assert.deepEqual(wilsonInterval(0, 0), [0, 0]);
  });
});
