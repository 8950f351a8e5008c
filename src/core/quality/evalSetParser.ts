// Reads an eval set (JSONL, one item a line) and checks every line before anything runs: the
// first bad line is an EvalSetError (kind input: exit 2) naming its line number and what is
// wrong, so nothing is asked of a model and nothing is stored for a set that is not sound.
import { createHash } from 'node:crypto';
import { InputError } from '../failures/inputError';
import { answerPasses, expectedNumber } from './answerMatch';
import { isMatchKind, MATCH_KINDS, type EvalItem, type EvalSet } from './evalItem';
import { schemaProblem } from './jsonSchemaCheck';

export class EvalSetError extends InputError {
  constructor(
    readonly setName: string,
    readonly line: number | undefined,
    problem: string,
  ) {
    super(`eval set ${setName}${line !== undefined ? `, line ${line}` : ''}: ${problem}`);
    this.name = 'EvalSetError';
  }
}

const FIELDS = new Set(['id', 'prompt', 'expected', 'match', 'category', 'reference']);

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** What is wrong with `expected` for this match kind, or undefined. */
function expectedProblem(match: EvalItem['match'], expected: unknown): string | undefined {
  switch (match) {
    case 'exact':
    case 'contains':
      return nonEmpty(expected) ? undefined : `"expected" must be a non-empty string for ${match}`;
    case 'number':
      return expectedNumber(expected) !== undefined
        ? undefined
        : '"expected" must be a number for number';
    case 'regex':
      if (!nonEmpty(expected)) return '"expected" must be a pattern (a string) for regex';
      try {
        new RegExp(expected, 'iu');
        return undefined;
      } catch (err) {
        return `"expected" is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`;
      }
    case 'json_schema': {
      const p = schemaProblem(expected, '"expected"');
      return p;
    }
  }
}

function itemOf(value: unknown): EvalItem | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'not a JSON object';
  const o = value as Record<string, unknown>;
  const unknown = Object.keys(o).find((k) => !FIELDS.has(k));
  if (unknown !== undefined)
    return `unknown field "${unknown}" (fields: id, prompt, expected, match, category, reference)`;
  if (!nonEmpty(o.id)) return '"id" must be a non-empty string';
  if (!nonEmpty(o.prompt)) return '"prompt" must be a non-empty string';
  if (!isMatchKind(o.match)) return `"match" must be one of ${MATCH_KINDS.join(', ')}`;
  if (!('expected' in o)) return '"expected" is missing';
  const problem = expectedProblem(o.match, o.expected);
  if (problem) return problem;
  if (o.category !== undefined && !nonEmpty(o.category))
    return '"category" must be a non-empty string when given';
  if (o.reference !== undefined && typeof o.reference !== 'string')
    return '"reference" must be a string when given';
  const item: EvalItem = {
    id: o.id.trim(),
    prompt: o.prompt,
    expected: o.expected,
    match: o.match,
    category: typeof o.category === 'string' ? o.category.trim() : 'uncategorised',
    ...(typeof o.reference === 'string' ? { reference: o.reference } : {}),
  };
  if (item.reference !== undefined && !answerPasses(item, item.reference))
    return '"reference" does not pass its own check';
  return item;
}

/** The set `text` holds; blank lines are skipped. Throws EvalSetError at the first bad line. */
export function parseEvalSet(name: string, text: string): EvalSet {
  const items: EvalItem[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new EvalSetError(name, i + 1, 'not valid JSON');
    }
    const item = itemOf(value);
    if (typeof item === 'string') throw new EvalSetError(name, i + 1, item);
    const first = seen.get(item.id);
    if (first !== undefined)
      throw new EvalSetError(name, i + 1, `id "${item.id}" is already used on line ${first}`);
    seen.set(item.id, i + 1);
    items.push(item);
  }
  if (!items.length) throw new EvalSetError(name, undefined, 'has no items');
  return { name, hash: createHash('sha256').update(text).digest('hex'), items };
}
