// docs/ARCHITECTURE.md names files: every one it names must exist, so the map stays true as files
// move. A backticked path with a folder (`src/core/bench/runner.ts`, `mongo/schema.ts`) must be a
// file or folder of the repository, or the tail of one; a bare file name (`runner.ts`) must be
// some file's name. Build outputs (`dist/…`), patterns (`webview/<panel>/main.ts`) and bare data
// file names (`logs.json`, a file inside a store folder) are skipped.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..');
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git', 'test-results', '.vscode-test']);

/** Every file and folder of the repository, as paths relative to its root ('src/core/', 'src/cli.ts'). */
function repositoryPaths(dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED_FOLDERS.has(entry.name)) return [];
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? [`${path}/`, ...repositoryPaths(path)] : [path];
  });
}

/** Backticked names of files (`x.ts`, `a/b.mjs`) and folders (`src/core/`, `embedded/`). */
function namedPaths(markdown: string): string[] {
  const names = [...markdown.matchAll(/`([^`\s]+)`/g)].map((match) => match[1] ?? '');
  return names.filter(
    (name) =>
      /^[\w.@/-]+$/.test(name) &&
      !name.startsWith('dist/') &&
      (/\.(ts|mjs|sh)$/.test(name) ||
        (/\.(json|md)$/.test(name) && name.includes('/')) ||
        (name.endsWith('/') && name.length > 1)),
  );
}

function exists(name: string, paths: string[]): boolean {
  return paths.some((path) => path === name || path.endsWith(`/${name}`));
}

describe('docs/ARCHITECTURE.md', () => {
  const doc = readFileSync(join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');
  const paths = repositoryPaths();

  it('names only files and folders that exist', () => {
    const named = namedPaths(doc);
    assert.ok(named.length > 50, `expected the map to name many files, found ${named.length}`);
    const missing = [...new Set(named)].filter((name) => !exists(name, paths));
    assert.deepEqual(missing, [], 'paths named in docs/ARCHITECTURE.md that do not exist');
  });

  it('finds a moved file', () => {
    assert.deepEqual(namedPaths('see `src/core/nowhere.ts` and `dist/cli.js`'), [
      'src/core/nowhere.ts',
    ]);
    assert.equal(exists('src/core/nowhere.ts', paths), false);
    assert.equal(exists('runner.ts', paths), true);
    assert.equal(exists('mongo/schema.ts', paths), true);
  });
});
