import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parsePercent } from '../../../src/core/quality/fastestAccurate';
import { rankMachine } from '../../../src/core/rank/rankMachine';
import { hardware, iso, T0 } from '../../fixtures/storeDocuments';

it('reads the accuracy bar of "the fastest model with accuracy ≥ X %"', () => {
  assert.equal(parsePercent('80'), 80);
  assert.equal(parsePercent(' 72.5 % '), 72.5);
  assert.equal(parsePercent('0'), 0);
  for (const bad of ['', 'high', '101', '-1']) assert.equal(parsePercent(bad), undefined, bad);
});

it('reads a ranking on this machine, or on the machine with the newest results when it has none', () => {
  const older = { ...hardware('older'), updated_at: iso(T0) };
  const newer = { ...hardware('newer', 'Intel Core i5'), updated_at: iso(T0 + 1000) };
  assert.deepEqual(rankMachine([older, newer], 'older'), {
    fingerprint: 'older',
    label: 'this machine (AMD Ryzen 9 7950X · NVIDIA RTX 4090)',
  });
  assert.deepEqual(rankMachine([newer, older], 'elsewhere'), {
    fingerprint: 'newer',
    label: 'Intel Core i5 · NVIDIA RTX 4090',
  });
  assert.equal(rankMachine([], 'elsewhere'), undefined);
});
