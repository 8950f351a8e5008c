// The keep_alive a user types is checked the way Ollama parses it (Go's time.ParseDuration), so a
// session is not a row of 400s; the stand-in's own parser is the reference.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keepAliveProblem } from '../../src/core/ollama/keepAlive';
import { keepAliveMs } from '../fixtures/ollamaStandIn';

describe('keepAliveProblem', () => {
  const values = [
    '10m',
    '300s',
    '1h30m',
    '1.5h',
    '250ms',
    '0',
    '-1m',
    '300',
    '5',
    '10 m',
    '1d',
    'abc',
    '',
    'm',
  ];
  for (const v of values) {
    it(`${JSON.stringify(v)}: refused exactly when Ollama refuses it`, () => {
      const ollamaReads = typeof keepAliveMs(v) === 'number';
      assert.equal(keepAliveProblem(v) === undefined, ollamaReads);
    });
  }
  it('says a bare number lacks a unit', () => {
    assert.match(keepAliveProblem('300')!, /"300" has no unit; .* such as 10m, 300s or 1h/);
  });
});
