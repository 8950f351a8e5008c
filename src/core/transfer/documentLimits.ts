// The limits one parsed document must keep: field names and strings of bounded length, and at
// most MongoDB's 16 MB as BSON. Nesting is checked on the text before parsing (jsonNesting.ts),
// so the walk here stays shallow.
import { calculateObjectSize, type Document } from 'bson';
import { IMPORT_LIMITS, limitProblem } from './importLimits';

function walk(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    return value.length > IMPORT_LIMITS.stringLength
      ? limitProblem('stringLength', `"${path}" holds ${value.length}`)
      : undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = walk(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (value instanceof Date || (value as { _bsontype?: unknown })._bsontype) return undefined;
  for (const key of Object.keys(value)) {
    if (key.length > IMPORT_LIMITS.fieldNameLength)
      return limitProblem('fieldNameLength', `a field name of ${key.length} in "${path}"`);
    const problem = walk((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    if (problem) return problem;
  }
  return undefined;
}

/** Which limit the document breaks, or undefined. */
export function documentLimitProblem(doc: Document): string | undefined {
  const problem = walk(doc, '');
  if (problem) return problem;
  const size = calculateObjectSize(doc);
  return size > IMPORT_LIMITS.documentBytes
    ? limitProblem('documentBytes', `${size} bytes as BSON`)
    : undefined;
}
