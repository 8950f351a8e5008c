// The CLI's option readers (src/cli/options.ts) as functions: the value a flag gives, or an
// InputError (exit 2) that names the flag and what it expects.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exitCodeFor } from '../../src/cli/exitCodes';
import {
  hostFrom,
  intervalFrom,
  list,
  numCtxFrom,
  optionalWholeNumber,
  requestTimeoutFrom,
  runOptionsFrom,
  streamTimeoutsFrom,
  wholeNumber,
  wholeNumberList,
} from '../../src/cli/options';
import { resolveRunOptions } from '../../src/core/bench/runOptions';

const usage = (message: RegExp) => (err: unknown) => {
  assert.equal(exitCodeFor(err), 2);
  assert.match((err as Error).message, message);
  return true;
};

describe('CLI option readers', () => {
  it('whole numbers: the range in the message, junk and blanks refused', () => {
    assert.equal(wholeNumber('7', '--n', 1, 10), 7);
    assert.throws(
      () => wholeNumber('11', '--n', 1, 10),
      usage(/--n must be a whole number from 1 to 10, not "11"/),
    );
    assert.throws(
      () => wholeNumber('2.5', '--n', 1),
      usage(/--n must be a whole number ≥ 1, not "2\.5"/),
    );
    assert.throws(() => wholeNumber(' ', '--n', 0), usage(/not " "/));
    assert.equal(optionalWholeNumber(undefined, '--n', 1), undefined);
    assert.deepEqual(wholeNumberList('2048, 4096,,8192', '--num-ctx'), [2048, 4096, 8192]);
    assert.throws(
      () => wholeNumberList('2048,4k', '--num-ctx'),
      usage(/--num-ctx takes whole numbers, not "4k"/),
    );
    assert.deepEqual(list(' a, ,b '), ['a', 'b']);
  });

  it('the host: --host, else OLLAMA_HOST, else the local default; malformed is a usage error', () => {
    const saved = process.env.OLLAMA_HOST;
    try {
      process.env.OLLAMA_HOST = '';
      assert.equal(hostFrom({}), 'http://127.0.0.1:11434');
      process.env.OLLAMA_HOST = 'box:1234';
      assert.equal(hostFrom({}), 'http://box:1234');
      assert.equal(hostFrom({ host: 'https://other' }), 'https://other');
      assert.throws(() => hostFrom({ host: 'ftp://box' }), usage(/is not valid/));
    } finally {
      if (saved === undefined) delete process.env.OLLAMA_HOST;
      else process.env.OLLAMA_HOST = saved;
    }
  });

  it('interval and request timeout: their default when not given, checked when given', () => {
    assert.equal(intervalFrom({}), 500);
    assert.equal(intervalFrom({ interval: '100' }), 100);
    assert.throws(() => intervalFrom({ interval: '6000' }), usage(/--interval/));
    assert.equal(requestTimeoutFrom({}), 5000);
    assert.throws(() => requestTimeoutFrom({ timeout: '0' }), usage(/--timeout/));
  });

  it('run options: only what was given, in seconds → ms; the rest is resolveRunOptions’', () => {
    assert.deepEqual(streamTimeoutsFrom({ stallTimeout: '5' }), { stallMs: 5000 });
    assert.equal(numCtxFrom({}), undefined);
    assert.throws(
      () => numCtxFrom({ numCtx: '128' }),
      usage(/--num-ctx must be a whole number ≥ 256/),
    );
    const given = runOptionsFrom({ numCtx: '8192', numPredict: '16', keepAlive: '1h' });
    assert.deepEqual(resolveRunOptions(given), {
      ...resolveRunOptions(),
      num_ctx: 8192,
      num_predict: 16,
      keep_alive: '1h',
    });
    assert.deepEqual(resolveRunOptions(runOptionsFrom({})), resolveRunOptions());
    assert.throws(
      () => runOptionsFrom({ keepAlive: '300' }),
      usage(/--keep-alive: "300" has no unit/),
    );
  });
});
