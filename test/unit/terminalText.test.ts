// Stored text made inert for a terminal, and credentials in URLs hidden, wherever they appear.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { terminalSafe } from '../../src/cli/inertOutput';
import { redactUri } from '../../src/core/store/mongo/connectionString';
import { HostSettingError, parseOllamaHost } from '../../src/core/ollama/ollamaHost';
import { inertCell, inertText } from '../../src/core/text/terminalText';
import { redactHostCredentials, redactUrlCredentials } from '../../src/core/text/urlCredentials';

describe('terminal text', () => {
  it('escapes C0, DEL, C1 and bidi controls, keeping newline and tab', () => {
    assert.equal(
      inertText('a\x1b]52;c;x\x07b\n\tc\x7f\x9b\u202e'),
      'a\\u001b]52;c;x\\u0007b\n\tc\\u007f\\u009b\\u202e',
    );
    assert.equal(inertText('plain ünïcode ✓'), 'plain ünïcode ✓');
    // CSV's CRLF line ends stay; a lone CR (which would overwrite the line) does not.
    assert.equal(inertText('a,b\r\nc\rd'), 'a,b\r\nc\\u000dd');
  });

  it('keeps JSON valid and its strings exact', () => {
    const value = { tag: 'x\x1b[2J\x9by' };
    assert.deepEqual(JSON.parse(terminalSafe(JSON.stringify(value))), value);
  });

  it('cuts a long cell to one line with an ellipsis', () => {
    assert.equal(inertCell('a\nb'), 'a b');
    assert.equal(inertCell('x'.repeat(500), 10), `${'x'.repeat(9)}…`);
  });
});

describe('URL credentials', () => {
  it('replaces the password (or a lone token) of every URL by ****', () => {
    assert.equal(
      redactUrlCredentials('GET http://u:pw@h:1/x and https://tok@h2 and mongodb://a:b@c/d'),
      'GET http://u:****@h:1/x and https://****@h2 and mongodb://a:****@c/d',
    );
    assert.equal(redactHostCredentials('u:S3cret@127.0.0.1:1'), 'u:****@127.0.0.1:1');
    assert.equal(
      redactUri('mongodb+srv://user:p%40ss@x.example/db'),
      'mongodb+srv://user:****@x.example/db',
    );
  });

  it('keeps the password out of a refused Ollama host', () => {
    for (const typed of ['http://user:S3cretPW@127.0.0.1:1', 'user:S3cretPW@127.0.0.1:1']) {
      const err = (() => {
        try {
          parseOllamaHost(typed);
        } catch (e) {
          return e as HostSettingError;
        }
        return undefined;
      })();
      assert.ok(err instanceof HostSettingError);
      assert.doesNotMatch(err.message, /S3cretPW/);
      assert.doesNotMatch(err.input, /S3cretPW/);
      assert.match(err.message, /user:\*\*\*\*@127\.0\.0\.1:1/);
    }
  });
});
