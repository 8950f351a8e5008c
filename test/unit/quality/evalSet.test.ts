import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { coreSetText } from '../../../scripts/coreEvalSet';
import { answerPasses } from '../../../src/core/quality/answerMatch';
import { MATCH_KINDS } from '../../../src/core/quality/evalItem';
import { EvalSetError, parseEvalSet } from '../../../src/core/quality/evalSetParser';
import { coreSetPath, loadEvalSet } from '../../../src/core/quality/evalSetSource';
import { selectItems } from '../../../src/core/quality/evalSelection';
import { failureKindOf } from '../../../src/core/failures/failureKind';

const line = (o: Record<string, unknown>) => JSON.stringify(o);
const good = { id: 'a', prompt: 'What is 2 + 2?', expected: 4, match: 'number' };

function refusal(text: string): EvalSetError {
  try {
    parseEvalSet('mine', text);
  } catch (err) {
    assert.ok(err instanceof EvalSetError);
    return err;
  }
  assert.fail('the set was accepted');
}

describe('eval sets', () => {
  it('reads one item a line, skipping blank lines, with the category defaulted', () => {
    const set = parseEvalSet(
      'mine',
      `${line(good)}\n\n${line({ ...good, id: 'b', category: 'maths' })}\n`,
    );
    assert.deepEqual(
      set.items.map((i) => [i.id, i.category]),
      [
        ['a', 'uncategorised'],
        ['b', 'maths'],
      ],
    );
    assert.match(set.hash, /^[0-9a-f]{64}$/);
    assert.notEqual(parseEvalSet('mine', line(good)).hash, set.hash);
  });

  it('names the line of the first bad item, as an input error', () => {
    const cases: [string, RegExp][] = [
      ['{not json', /line 2: not valid JSON/],
      [line({ ...good, id: '' }), /line 2: "id"/],
      [line({ ...good, match: 'fuzzy' }), /line 2: "match" must be one of exact, number/],
      [line({ ...good, expected: 'four' }), /line 2: "expected" must be a number/],
      [
        line({ ...good, match: 'regex', expected: '(' }),
        /line 2: "expected" is not a valid regular/,
      ],
      [
        line({ ...good, match: 'json_schema', expected: { type: 'object', oneOf: [] } }),
        /line 2: .*"oneOf"/,
      ],
      [line({ ...good, expexted: 4 }), /line 2: unknown field "expexted"/],
      [line({ ...good, id: 'a' }), /line 2: id "a" is already used on line 1/],
      [
        line({ ...good, id: 'c', reference: '5' }),
        /line 2: "reference" does not pass its own check/,
      ],
    ];
    for (const [second, message] of cases) {
      const err = refusal(`${line(good)}\n${second}\n`);
      assert.match(err.message, message);
      assert.equal(err.line, 2);
      assert.equal(failureKindOf(err), 'input');
    }
    assert.match(refusal('\n\n').message, /has no items/);
  });

  it('takes a limit in turn from each category, grouped by category', () => {
    const items = ['x1', 'y1', 'x2', 'y2', 'x3', 'z1'].map((id) => ({
      id,
      prompt: id,
      expected: id,
      match: 'exact' as const,
      category: id.slice(0, 1),
    }));
    assert.deepEqual(
      selectItems(items, 4).map((i) => i.id),
      ['x1', 'x2', 'y1', 'z1'],
    );
    assert.deepEqual(
      selectItems(items, null).map((i) => i.id),
      ['x1', 'x2', 'x3', 'y1', 'y2', 'z1'],
    );
  });
});

describe('the shipped core set', () => {
  const set = loadEvalSet('core');

  it('has at least 200 items in at least 5 categories, using every match kind', () => {
    assert.ok(set.items.length >= 200, `${set.items.length} items`);
    const categories = new Set(set.items.map((i) => i.category));
    assert.ok(categories.size >= 5, [...categories].join(', '));
    for (const c of ['arithmetic', 'units_dates', 'instructions', 'json_schema', 'code_output'])
      assert.ok(categories.has(c), c);
    assert.deepEqual(new Set(set.items.map((i) => i.match)), new Set(MATCH_KINDS));
  });

  it('every item has a reference answer that passes its check, and a wrong one that does not', () => {
    for (const item of set.items) {
      assert.ok(item.reference !== undefined, item.id);
      assert.equal(answerPasses(item, item.reference), true, item.id);
      assert.equal(answerPasses(item, 'Not sure.'), false, item.id);
    }
  });

  it('is the committed file, which its generator still writes', () => {
    const text = readFileSync(coreSetPath(), 'utf8');
    assert.equal(text, coreSetText());
    assert.equal(
      coreSetPath(),
      join(__dirname, '..', '..', '..', 'src', 'core', 'quality', 'sets', 'core.jsonl'),
    );
  });
});
