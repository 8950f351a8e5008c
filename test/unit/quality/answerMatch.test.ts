import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerPasses, firstNumber } from '../../../src/core/quality/answerMatch';

const passes = (
  match: Parameters<typeof answerPasses>[0]['match'],
  expected: unknown,
  answer: string,
) => answerPasses({ match, expected }, answer);

describe('answer checks', () => {
  it('exact: case-insensitive, trimmed, trailing punctuation ignored', () => {
    assert.equal(passes('exact', 'Tuesday', '  tuesday.  '), true);
    assert.equal(passes('exact', 'Tuesday', 'TUESDAY!?'), true);
    assert.equal(passes('exact', 'Tuesday', 'It is Tuesday'), false);
    assert.equal(passes('exact', 'Tuesday', '.Tuesday'), false);
  });

  it('number: the first number of the answer, compared numerically', () => {
    assert.equal(passes('number', 42, 'The answer is 42.'), true);
    assert.equal(passes('number', '42', '42.0'), true);
    assert.equal(passes('number', 1234, '1,234 apples'), true);
    assert.equal(passes('number', -7.5, 'It is -7.5, then 3'), true);
    assert.equal(passes('number', 3, 'It is -7.5, then 3'), false);
    assert.equal(passes('number', 42, 'forty-two'), false);
    assert.equal(firstNumber('x = 1e3'), 1000);
    assert.equal(firstNumber('none'), undefined);
  });

  it('contains: the expected text anywhere, case-insensitive', () => {
    assert.equal(passes('contains', 'Paris', 'The capital is paris, of course'), true);
    assert.equal(passes('contains', 'Paris', 'Lyon'), false);
  });

  it('regex: case-insensitive against the trimmed answer', () => {
    const fiveWords = '^\\s*(?:\\S+\\s+){4}\\S+\\s*$';
    assert.equal(passes('regex', fiveWords, ' one two three four five \n'), true);
    assert.equal(passes('regex', fiveWords, 'one two three four'), false);
    const banana = '^(?![\\s\\S]*\\bapple\\b)[\\s\\S]*\\bbanana\\b';
    assert.equal(passes('regex', banana, 'A BANANA split'), true);
    assert.equal(passes('regex', banana, 'A banana and an apple'), false);
  });

  it('json_schema: the answer parses as JSON (one fence allowed) and satisfies the schema', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { const: 'Ada' },
        age: { type: 'integer', minimum: 0 },
        tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' }, maxItems: 2 },
      },
      required: ['name', 'age'],
      additionalProperties: false,
    };
    assert.equal(passes('json_schema', schema, '{"name":"Ada","age":36}'), true);
    assert.equal(
      passes('json_schema', schema, '```json\n{"name":"Ada","age":36,"tags":["x"]}\n```'),
      true,
    );
    assert.equal(passes('json_schema', schema, 'Sure! {"name":"Ada","age":36}'), false);
    assert.equal(passes('json_schema', schema, '{"name":"Ada","age":36.5}'), false);
    assert.equal(passes('json_schema', schema, '{"name":"Ada"}'), false);
    assert.equal(passes('json_schema', schema, '{"name":"Ada","age":1,"extra":true}'), false);
    assert.equal(passes('json_schema', schema, '{"name":"Ada","age":1,"tags":["A"]}'), false);
    assert.equal(
      passes('json_schema', schema, '{"name":"Ada","age":1,"tags":["a","b","c"]}'),
      false,
    );
  });
});
