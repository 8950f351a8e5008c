// The options every command shares (src/cli/options.ts), as a user meets them: a malformed value
// is one line on stderr naming the flag and what it expects, exit 2, before Ollama or a store is
// touched (the host below answers nothing; the store folder is never created).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';

describe('shared CLI options: a malformed value is a usage error (exit 2)', () => {
  let dir: string;
  let store: string;
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'ob-options-'));
    store = join(dir, 'never-created');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (extra: string[]) =>
    runCli(['run', '--models', 'llama3.2:3b', '--store', store, '--no-hardware', ...extra]);

  const cases: [string, () => Promise<{ code: number; stderr: string }>, RegExp][] = [
    [
      'run --num-ctx',
      () => run(['--num-ctx', '100']),
      /--num-ctx must be a whole number ≥ 256, not "100"/,
    ],
    ['run --seed', () => run(['--seed', '-1']), /--seed must be a whole number ≥ 0, not "-1"/],
    [
      'run --num-predict',
      () => run(['--num-predict', 'many']),
      /--num-predict must be a whole number ≥ 1, not "many"/,
    ],
    [
      'run --first-token-timeout',
      () => run(['--first-token-timeout', '0']),
      /--first-token-timeout must be a whole number ≥ 1, not "0"/,
    ],
    [
      'run --stall-timeout',
      () => run(['--stall-timeout', '1.5']),
      /--stall-timeout must be a whole number ≥ 1, not "1\.5"/,
    ],
    [
      'run --interval',
      () => run(['--interval', '50']),
      /--interval must be a whole number from 100 to 5000, not "50"/,
    ],
    ['run --host', () => run(['--host', 'ftp://box']), /Ollama host "ftp:\/\/box" is not valid/],
    [
      'fit --num-ctx',
      () => runCli(['fit', '--model', 'm', '--num-ctx', '', '--vram', '0']),
      /--num-ctx must be a whole number ≥ 256, not ""/,
    ],
    [
      'models --timeout',
      () => runCli(['models', '--timeout', '-5']),
      /--timeout must be a whole number ≥ 1, not "-5"/,
    ],
    [
      'hardware --host',
      () => runCli(['hardware', '--host', 'http://box/path']),
      /must not have a path/,
    ],
    [
      'worker --max',
      () => runCli(['worker', '--max', '0', '--store', store]),
      /--max must be a whole number ≥ 1, not "0"/,
    ],
    [
      'worker --stall-timeout',
      () => runCli(['worker', '--stall-timeout', 'soon', '--store', store]),
      /--stall-timeout must be a whole number ≥ 1, not "soon"/,
    ],
    [
      'history --limit',
      () => runCli(['history', '--limit', '0', '--store', store]),
      /--limit must be a whole number from 1 to \d+, not "0"/,
    ],
  ];

  for (const [name, call, message] of cases) {
    it(name, async () => {
      const r = await call();
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^ollama-bench: /);
      assert.match(r.stderr, message);
      assert.equal(existsSync(store), false, 'no store was opened');
    });
  }

  it("run's help quotes each default from where it is applied", async () => {
    const r = await runCli(['run', '--help']);
    assert.equal(r.code, 0, r.stderr);
    const help = r.stdout.replace(/\s+/g, ' ');
    for (const text of [
      'context length for every request (changing it reloads the model) (default: 4096)',
      'temperature is always 0; default: 42',
      'between requests (default: 10m)',
      'covers a cold load; default: 600',
      'stops sending for this long (default: 60)',
      'hardware sampling interval, 100–5000 (default: 500)',
      "Ollama's address (default: OLLAMA_HOST, else http://127.0.0.1:11434)",
    ])
      assert.ok(help.includes(text), `${text} in:\n${r.stdout}`);
  });
});
