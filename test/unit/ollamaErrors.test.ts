// What a user reads when talking to Ollama fails: a port Node's fetch refuses although Ollama
// answers there, and hints whose model names are quoted for the shell.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pullCommand, shellQuote } from '../../src/core/ollama/commandHints';
import { discoverModels } from '../../src/core/ollama/discovery';
import { FETCH_BLOCKED_PORTS } from '../../src/core/ollama/fetchBlockedPorts';
import { OllamaError, toOllamaError } from '../../src/core/ollama/ollamaErrors';
import { HostSettingError, parseOllamaHost } from '../../src/core/ollama/ollamaHost';
import { ROOT } from '../fixtures/cliProcess';
import { startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';

const HOSTILE = ['a;echo pwned', '$(touch /tmp/x)', '`id`', "it's", 'a b', 'x\ny', '--help'];

describe('shellQuote / pullCommand', () => {
  it('quotes any name as one POSIX shell word', () => {
    assert.equal(shellQuote('llama3.2:3b'), "'llama3.2:3b'");
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    assert.equal(pullCommand('a;echo pwned'), "ollama pull 'a;echo pwned'");
  });

  it('a hostile name stays one argument when the hint is run by sh', async () => {
    const { execFileSync } = await import('node:child_process');
    for (const name of HOSTILE) {
      // printf prints each argument on its own line: exactly one line, the name itself.
      const out = execFileSync('sh', ['-c', `printf '%s\\n' ${shellQuote(name)}`], {
        encoding: 'utf8',
      });
      assert.equal(out, `${name}\n`, name);
    }
  });

  it('the model-not-found message quotes the name in its pull hint', () => {
    for (const name of HOSTILE) {
      const err = Object.assign(new Error(`model '${name}' not found`), {
        name: 'ResponseError',
        status_code: 404,
      });
      const e = toOllamaError(err, 'http://127.0.0.1:11434');
      assert.equal(e.kind, 'model-not-found');
      assert.ok(e.message.includes(`\`${pullCommand(name)}\``), e.message);
    }
  });
});

describe('fetch-blocked ports', () => {
  it('is the list undici refuses', () => {
    const undici = createRequire(join(ROOT, 'package.json'))(
      join(ROOT, 'node_modules/undici/lib/web/fetch/constants.js'),
    ) as { badPorts: readonly string[] };
    assert.deepEqual([...FETCH_BLOCKED_PORTS].map(String), [...undici.badPorts]);
  });

  it('parseOllamaHost says so before any request, for a written port or OLLAMA_HOST', () => {
    for (const input of ['127.0.0.1:6000', 'http://localhost:6666', 'https://box:10080', 'gpu:1']) {
      assert.throws(
        () => parseOllamaHost(input),
        (err: unknown) => {
          assert.ok(err instanceof HostSettingError);
          assert.match(
            err.message,
            /port \d+ is blocked by Node's fetch \(a WHATWG 'bad port'\); run Ollama on another port, e\.g\. OLLAMA_HOST=127\.0\.0\.1:11434/,
          );
          return true;
        },
      );
    }
    assert.equal(parseOllamaHost('127.0.0.1:6001'), 'http://127.0.0.1:6001');
  });

  describe('an Ollama that really listens on port 6000', () => {
    let standIn: StandIn | undefined;
    before(async () => {
      standIn = await startOllamaStandIn({ port: 6000 }).catch(() => undefined);
    });
    after(() => standIn?.close());

    it('answers curl-like clients, yet fetch fails: the error names the port, not "fetch failed"', async (t) => {
      if (!standIn) return t.skip('port 6000 cannot be bound here');
      // The server is there: a plain TCP HTTP request gets its answer.
      const { get } = await import('node:http');
      const body = await new Promise<string>((resolve, reject) => {
        get(`${standIn!.url}/api/version`, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d));
          res.on('end', () => resolve(text));
        }).on('error', reject);
      });
      assert.match(body, /"version"/);
      await assert.rejects(discoverModels(standIn.url, { timeoutMs: 2000 }), (err: unknown) => {
        assert.ok(err instanceof OllamaError);
        assert.equal(err.kind, 'wrong-address');
        assert.doesNotMatch(err.message, /fetch failed/);
        assert.match(err.message, /port 6000 is blocked by Node's fetch \(a WHATWG 'bad port'\)/);
        return true;
      });
    });
  });
});
