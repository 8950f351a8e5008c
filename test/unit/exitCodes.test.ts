// Exit codes are decided in src/cli only: core errors say their kind, one function maps it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXIT_CODES, exitCodeFor } from '../../src/cli/exitCodes';
import { InputError } from '../../src/core/failures/inputError';
import { failureKindOf } from '../../src/core/failures/failureKind';
import { OllamaError } from '../../src/core/ollama/ollamaErrors';
import { HostSettingError } from '../../src/core/ollama/ollamaHost';
import { PlanInputError } from '../../src/core/plans/planMatrix';
import { RankUsageError } from '../../src/core/rank/useCaseRules';
import { HistoryFilterError } from '../../src/core/sessions/historyQuery';
import { MongoConnectionError } from '../../src/core/store/mongo/mongoErrors';
import { StorePathError } from '../../src/core/store/storePathGuard';
import { TransferFormatError } from '../../src/core/transfer/archiveFormat';
import { ComparisonInputError } from '../../src/core/trends/compareSessions';
import { resolveSuites } from '../../src/core/bench/suites';
import { parseByteAmount } from '../../src/core/fit/byteAmount';

describe('exitCodeFor: the kind of a failure → the exit code', () => {
  it('input a user can fix exits 2, whichever part of core found it', () => {
    const input = [
      new InputError('x'),
      new PlanInputError('x'),
      new RankUsageError('x'),
      new StorePathError('x'),
      new ComparisonInputError('x'),
      new HistoryFilterError('x'),
      new TransferFormatError('f.json', 'line 1', 'not JSON'),
      new HostSettingError('ftp://box', 'the scheme must be http or https'),
    ];
    for (const err of input) {
      assert.equal(failureKindOf(err), 'input', err.name);
      assert.equal(exitCodeFor(err), EXIT_CODES.usage, err.name);
    }
    assert.throws(
      () => resolveSuites(['Z'], []),
      (err) => exitCodeFor(err) === 2,
    );
    assert.throws(
      () => parseByteAmount('lots', '--vram'),
      (err) => exitCodeFor(err) === 2,
    );
  });

  it('a service that does not answer, or any other failure, exits 1', () => {
    const unreachable = [
      new OllamaError('not-running', 'Ollama is not running', 'http://h:1'),
      new MongoConnectionError('refused', 'h', 'refused'),
      new HostSettingError('127.0.0.1:6000', 'port 6000 is blocked', true),
    ];
    for (const err of unreachable) {
      assert.equal(failureKindOf(err), 'unreachable', err.message);
      assert.equal(exitCodeFor(err), EXIT_CODES.failed);
    }
    for (const err of [
      new Error('boom'),
      new OllamaError('model-not-found', 'no such model', 'h'),
      'a string',
      undefined,
    ]) {
      assert.equal(failureKindOf(err), 'failed');
      assert.equal(exitCodeFor(err), EXIT_CODES.failed);
    }
  });

  it("by the error's own property, so a copy of a class from another bundle maps the same", () => {
    const copy = Object.assign(new Error('bad'), { name: 'PlanInputError', kind: 'input' });
    assert.equal(exitCodeFor(copy), 2);
  });

  it('core holds no exit code', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
      );
    const core = join(__dirname, '..', '..', 'src', 'core');
    for (const f of files(core).filter((f) => f.endsWith('.ts'))) {
      // An exit code set, declared or carried (`exitCode = 2`, `exitCode: 2`).
      assert.doesNotMatch(readFileSync(f, 'utf8'), /\bexitCode\s*(=(?!=)|:)/, f);
    }
  });
});
