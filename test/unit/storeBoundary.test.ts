// src/core/store holds the backends, the collection contract, journaling and integrity; no file
// there may import a feature (plans, rankings, trends, suites, retention, sessions, transfer, …).
// Every import specifier of every file under src/core/store is read and checked against what the
// store may use: its own files, src/shared, neutral helpers, node builtins and libraries.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const STORE = join(ROOT, 'src/core/store');
/** What a file under src/core/store may import besides libraries and node builtins. */
const ALLOWED = [
  'src/core/store',
  'src/shared',
  'src/core/paths',
  'src/core/process',
  'src/core/failures',
  'src/core/text',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.[cm]?ts$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

/** Every specifier the file imports: import/export from, import(), require(). */
function specifiersOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The specifiers of `file` (repository-relative) that leave what the store may import. */
export function forbiddenImports(file: string, text: string): string[] {
  return specifiersOf(text).filter((spec) => {
    if (!spec.startsWith('.')) return false; // a library or node builtin
    const target = relative(ROOT, resolve(ROOT, dirname(file), spec))
      .split(sep)
      .join('/');
    return !ALLOWED.some((dir) => target === dir || target.startsWith(`${dir}/`));
  });
}

describe('src/core/store imports no feature', () => {
  it('finds a feature import when there is one (the check itself works)', () => {
    const file = 'src/core/store/mongo/example.ts';
    const text = [
      "import { ObjectId } from 'bson';",
      "import { join } from 'node:path';",
      "import type { SessionDoc } from '../../../shared/dto';",
      "import { WriteJournal } from '../writeJournal';",
      "import { isAlive } from '../../process/isAlive';",
      "import type { PlanRepository } from '../../plans/planRepository';",
      "export { DailyStatsRepository } from '../../trends/dailyStatsRepository';",
      "const lazy = () => import('../../rank/rankingRepository');",
      "const old = require('../../sessions/sessionRepository');",
    ].join('\n');
    assert.deepEqual(forbiddenImports(file, text), [
      '../../plans/planRepository',
      '../../trends/dailyStatsRepository',
      '../../rank/rankingRepository',
      '../../sessions/sessionRepository',
    ]);
  });

  it('every file under src/core/store imports only the store, src/shared and neutral helpers', () => {
    const files = sourceFiles(STORE);
    assert.ok(files.length > 20, `found only ${files.length} files under ${STORE}`);
    const offenders = files.flatMap((abs) => {
      const file = relative(ROOT, abs).split(sep).join('/');
      return forbiddenImports(file, readFileSync(abs, 'utf8')).map((spec) => `${file}: ${spec}`);
    });
    assert.deepEqual(offenders, [], 'src/core/store must not import a feature folder');
  });
});
