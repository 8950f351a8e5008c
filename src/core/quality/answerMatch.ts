// Whether a model's answer passes an eval item's check. Every check is code, so a score needs no
// judge model:
// - exact: case-insensitive, trimmed, trailing punctuation ignored;
// - number: the first number in the answer (thousands separators allowed), compared numerically;
// - contains: the expected text anywhere in the answer, case-insensitive;
// - regex: the pattern, case-insensitive, against the trimmed answer;
// - json_schema: the answer (one surrounding ``` fence allowed) parses as JSON and satisfies the
//   schema (jsonSchemaCheck.ts).
import type { EvalItem } from './evalItem';
import { satisfiesSchema } from './jsonSchemaCheck';

const TRAILING_PUNCTUATION = /[\s.,;:!?。]+$/u;

const normalised = (text: string) => text.trim().replace(TRAILING_PUNCTUATION, '').toLowerCase();

const FIRST_NUMBER = /[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[-+]?\d+)?|[-+]?\.\d+/i;

/** The first number written in `text`, or undefined. */
export function firstNumber(text: string): number | undefined {
  const m = FIRST_NUMBER.exec(text);
  if (!m) return undefined;
  const n = Number(m[0].replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** The expected value of a `number` item as a number (sets are checked for this on reading). */
export function expectedNumber(expected: unknown): number | undefined {
  if (typeof expected === 'number') return Number.isFinite(expected) ? expected : undefined;
  if (typeof expected === 'string' && expected.trim() !== '') {
    const n = Number(expected);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

const FENCE = /^```[a-z]*\s*\n?([\s\S]*?)\n?```$/i;

/** The JSON value an answer holds, or undefined when it is not JSON. */
export function answerJson(answer: string): { value: unknown } | undefined {
  const trimmed = answer.trim();
  const body = FENCE.exec(trimmed)?.[1] ?? trimmed;
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    return undefined;
  }
}

/** True when `answer` passes `item`'s check. */
export function answerPasses(item: Pick<EvalItem, 'expected' | 'match'>, answer: string): boolean {
  switch (item.match) {
    case 'exact':
      return normalised(answer) === normalised(String(item.expected));
    case 'number': {
      const want = expectedNumber(item.expected);
      const got = firstNumber(answer);
      if (want === undefined || got === undefined) return false;
      return Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
    }
    case 'contains':
      return answer.toLowerCase().includes(String(item.expected).toLowerCase());
    case 'regex':
      return new RegExp(String(item.expected), 'iu').test(answer.trim());
    case 'json_schema': {
      const parsed = answerJson(answer);
      return parsed !== undefined && satisfiesSchema(parsed.value, item.expected);
    }
  }
}

/** What the item expects, as a failure line shows it. */
export function expectedText(item: Pick<EvalItem, 'expected' | 'match'>): string {
  if (item.match === 'json_schema') return `JSON matching ${JSON.stringify(item.expected)}`;
  if (item.match === 'regex') return `/${String(item.expected)}/i`;
  return String(item.expected);
}
