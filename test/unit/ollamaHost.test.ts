// How a typed host (setting, OLLAMA_HOST, --host) becomes a base URL, and what a bad one says.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_OLLAMA_HOST,
  defaultOllamaHost,
  HostSettingError,
  isHostSettingError,
  parseOllamaHost,
} from '../../src/core/ollama/ollamaHost';

describe('parseOllamaHost', () => {
  const cases: [string, string][] = [
    ['http://127.0.0.1:11434', 'http://127.0.0.1:11434'],
    ['http://127.0.0.1:11434/', 'http://127.0.0.1:11434'],
    ['  localhost:8080  ', 'http://localhost:8080'],
    ['gpu-box', 'http://gpu-box:11434'],
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['0.0.0.0:11500', 'http://127.0.0.1:11500'],
    ['https://ollama.example.com', 'https://ollama.example.com'],
    ['[::1]:11434', 'http://[::1]:11434'],
    ['HTTP://Example.COM:80', 'http://example.com:80'],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)} as ${expected}`, () => {
      assert.equal(parseOllamaHost(input), expected);
    });
  }

  const bad: [unknown, RegExp][] = [
    ['', /is empty/],
    ['   ', /is empty/],
    ['http://host name', /spaces/],
    ['ftp://host', /scheme must be http or https, not ftp/],
    ['http://user:pw@host', /credentials/],
    ['http://host:11434/api', /must not have a path \(\/api\)/],
    ['http://host?x=1', /query or fragment/],
    ['http://host:99999', /not a URL/],
    [42, /must be a string/],
  ];
  for (const [input, reason] of bad) {
    it(`rejects ${JSON.stringify(input)} saying what is wrong`, () => {
      assert.throws(
        () => parseOllamaHost(input),
        (err: unknown) => {
          assert.ok(err instanceof HostSettingError);
          assert.match(err.message, reason);
          // The message quotes what the user typed and shows a valid example.
          assert.match(err.message, new RegExp(DEFAULT_OLLAMA_HOST.replace(/\./g, '\\.')));
          return true;
        },
      );
    });
  }
});

describe('defaultOllamaHost', () => {
  it('uses OLLAMA_HOST when it is set', () => {
    assert.equal(defaultOllamaHost({ OLLAMA_HOST: ' 10.0.0.5:11434 ' }), '10.0.0.5:11434');
  });
  it('falls back to the local default when OLLAMA_HOST is unset or blank', () => {
    assert.equal(defaultOllamaHost({}), DEFAULT_OLLAMA_HOST);
    assert.equal(defaultOllamaHost({ OLLAMA_HOST: '  ' }), DEFAULT_OLLAMA_HOST);
  });
});

describe('isHostSettingError', () => {
  it("knows the error by its name, so another bundle's copy of the class is recognised", () => {
    assert.ok(isHostSettingError(new HostSettingError('x:1:2', 'bad')));
    class OtherCopy extends Error {
      override readonly name = 'HostSettingError';
    }
    assert.ok(isHostSettingError(new OtherCopy('from dist/extension.js')));
    assert.ok(!isHostSettingError(new Error('other')));
    assert.ok(!isHostSettingError({ name: 'HostSettingError' }));
  });
});
