// Strict indexing stays on and non-null assertions (`x!`) stay few in the product's code (src/ and
// webview/): each one is a claim the compiler takes on trust. A new one should narrow, fall back to
// a default that is right, or fail with a message instead; the budget below is the ceiling.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const BUDGET = 30;

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Where each `x!` of the source text is, as "file:line". */
function nonNullAssertions(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNonNullExpression(node)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${fileName}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('non-null assertions', () => {
  it('are counted as the compiler parses them, not by the look of a "!"', () => {
    const text = [
      'const a = xs[0]!;',
      'const b = map.get(k)!.value;',
      'const c = f()!();',
      'const d = !ready && x !== y;',
      "const e = '!';",
      '// a comment with x!',
      'let f!: number;',
    ].join('\n');
    assert.deepEqual(nonNullAssertions('sample.ts', text), [
      'sample.ts:1',
      'sample.ts:2',
      'sample.ts:3',
    ]);
  });

  it(`number at most ${BUDGET} in src/ and webview/`, () => {
    const found = ['src', 'webview'].flatMap((dir) =>
      typeScriptFiles(join(ROOT, dir)).flatMap((path) =>
        nonNullAssertions(relative(ROOT, path), readFileSync(path, 'utf8')),
      ),
    );
    assert.ok(
      found.length <= BUDGET,
      `${found.length} non-null assertions (budget ${BUDGET}):\n${found.join('\n')}`,
    );
  });

  it('are not needed to index safely: noUncheckedIndexedAccess is on for every tsconfig', () => {
    const base = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')) as {
      compilerOptions?: { noUncheckedIndexedAccess?: boolean };
    };
    assert.equal(base.compilerOptions?.noUncheckedIndexedAccess, true);
    for (const config of ['tsconfig.json', 'webview/tsconfig.json']) {
      const { extends: parent, compilerOptions } = JSON.parse(
        readFileSync(join(ROOT, config), 'utf8'),
      ) as { extends?: string; compilerOptions?: { noUncheckedIndexedAccess?: boolean } };
      assert.match(parent ?? '', /tsconfig\.base\.json$/, `${config} extends the base`);
      assert.notEqual(compilerOptions?.noUncheckedIndexedAccess, false, `${config} keeps it on`);
    }
  });
});
