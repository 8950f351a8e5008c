// The built-in suites (A: generation, B: prompt processing of a ~2 000-token prompt, C: concurrency
// at 1, 2, 4 streams), and the rules a user's suite must pass.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LONG_PROSE } from '../../src/core/bench/promptText';
import {
  BUILTIN_SUITES,
  parseSuiteJson,
  resolveSuites,
  validateSuite,
  withNumPredict,
} from '../../src/core/bench/suites';
import type { SuiteDefinition } from '../../src/shared/dto';

const mine = {
  name: 'Code review',
  description: 'Reviews a diff',
  tags: ['code'],
  prompts: ['Review this diff: …'],
  options: { num_predict: 128, top_p: 0.9 },
};

describe('built-in suites', () => {
  it('A generates 256 tokens from a short prompt, B 16 from a long one, C runs 1, 2 and 4 streams, E embeds 1, 8 and 32 inputs, V reads an image, then the workload kinds', () => {
    const [a, b, c, e] = BUILTIN_SUITES;
    assert.equal(a!.options.num_predict, 256);
    assert.ok(a!.prompts[0]!.split(/\s+/).length < 40);
    assert.equal(b!.options.num_predict, 16);
    assert.deepEqual(c!.concurrency, [1, 2, 4]);
    assert.deepEqual(e!.batches, [1, 8, 32]);
    assert.deepEqual(
      BUILTIN_SUITES.map((s) => s.kind),
      ['generation', 'prompt', 'concurrency', 'embedding', 'vision', 'depth', 'prefix', 'rate'],
    );
  });
  it("B's prompt is about 2 000 tokens of varied prose, not a repeated filler", () => {
    const words = LONG_PROSE.split(/\s+/);
    // English prose runs about 1.2–1.35 tokens per word with Llama/Qwen tokenizers.
    assert.ok(words.length > 1500 && words.length < 1900, `${words.length} words`);
    const distinct = new Set(words.map((w) => w.toLowerCase().replace(/\W/g, '')));
    assert.ok(distinct.size > 600, `${distinct.size} distinct words`);
    assert.ok(!/lorem ipsum/i.test(LONG_PROSE));
    assert.ok(BUILTIN_SUITES[1]!.prompts[0]!.includes(LONG_PROSE));
  });
});

describe('validateSuite', () => {
  it('accepts a complete suite and fills the defaults', () => {
    const r = validateSuite(mine);
    assert.ok(r.ok);
    assert.deepEqual(r.suite, { ...mine, kind: 'custom' });
  });
  it('gives a concurrency suite its default stream counts', () => {
    const r = validateSuite({ ...mine, kind: 'concurrency' });
    assert.ok(r.ok);
    assert.deepEqual(r.suite.concurrency, [1, 2, 4]);
  });
  const cases: [string, unknown, RegExp][] = [
    ['not an object', [], /must be a JSON object/],
    ['no name', { ...mine, name: ' ' }, /"name" is required/],
    ['a built-in name', { ...mine, name: 'b' }, /built-in suite's name/],
    ['a name with a $', { ...mine, name: '$where' }, /"name" must start with a letter or digit/],
    ['no prompts', { ...mine, prompts: [] }, /non-empty list of prompts/],
    [
      'an empty prompt',
      { ...mine, prompts: ['ok', ''] },
      /Every prompt must be a non-empty string/,
    ],
    ['no num_predict', { ...mine, options: {} }, /"options.num_predict" is required/],
    [
      'a misspelt option',
      { ...mine, options: { num_predict: 8, num_predcit: 8 } },
      /Unknown option "options.num_predcit"/,
    ],
    [
      'a fractional num_predict',
      { ...mine, options: { num_predict: 8.5 } },
      /must be an integer from 1/,
    ],
    [
      'a temperature of 3',
      { ...mine, options: { num_predict: 8, temperature: 3 } },
      /"options.temperature" must be a number from 0 to 2/,
    ],
    ['an unknown field', { ...mine, prompt: 'x' }, /Unknown field "prompt"/],
    ['an unknown kind', { ...mine, kind: 'fast' }, /"kind" must be one of/],
    [
      'bad stream counts',
      { ...mine, kind: 'concurrency', concurrency: [0, 2] },
      /stream counts from 1 to 64/,
    ],
    ['builtin set', { ...mine, builtin: true }, /"builtin" cannot be set/],
  ];
  for (const [what, input, message] of cases) {
    it(`rejects ${what}`, () => {
      const r = validateSuite(input);
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.errors.some((e) => message.test(e)), !r.ok ? r.errors.join(' | ') : '');
    });
  }
  it('reports every problem at once', () => {
    const r = validateSuite({ name: '', prompts: [], options: { num_predict: 0 } });
    assert.ok(!r.ok && r.errors.length === 3, !r.ok ? r.errors.join(' | ') : '');
  });
  it('parses JSON text and names a syntax error', () => {
    assert.ok(parseSuiteJson(JSON.stringify(mine)).ok);
    const bad = parseSuiteJson('{ "name": ');
    assert.ok(!bad.ok && /^Not valid JSON/.test(bad.errors[0]!));
  });
});

describe('resolveSuites', () => {
  const custom = [{ ...mine, kind: 'custom' } as SuiteDefinition];
  it('finds built-ins by letter in any case and user suites by name, in the order asked', () => {
    assert.deepEqual(
      resolveSuites(['c', 'Code review', 'A'], custom).map((s) => s.name),
      ['C', 'Code review', 'A'],
    );
  });
  it('names the known suites when one is unknown', () => {
    assert.throws(
      () => resolveSuites(['Z'], custom),
      /Unknown test suite "Z"\. Known suites: A, B, C, E, V, depth, prefix, rate, Code review\./,
    );
    assert.throws(() => resolveSuites([' '], custom), /No test suite chosen/);
  });
  it('refuses a stored suite that no longer passes validation (edited by hand)', () => {
    const bad = { ...custom[0]!, name: 'Bad', options: { num_predict: -1 } } as SuiteDefinition;
    assert.throws(
      () => resolveSuites(['Bad'], [bad]),
      /Test suite "Bad" is not valid: "options.num_predict" must be/,
    );
  });
  it('overrides num_predict without touching the built-ins', () => {
    const [a] = withNumPredict(resolveSuites(['A'], []), 8);
    assert.equal(a!.options.num_predict, 8);
    assert.equal(BUILTIN_SUITES[0]!.options.num_predict, 256);
  });
});
