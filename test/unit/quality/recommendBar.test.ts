import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parsePercent } from '../../../src/core/quality/fastestAccurate';

it('reads the accuracy bar of "the fastest model with accuracy ≥ X %"', () => {
  assert.equal(parsePercent('80'), 80);
  assert.equal(parsePercent(' 72.5 % '), 72.5);
  assert.equal(parsePercent('0'), 0);
  for (const bad of ['', 'high', '101', '-1']) assert.equal(parsePercent(bad), undefined, bad);
});
