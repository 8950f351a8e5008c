// The JSON Schema subset an eval item's `json_schema` check uses: type (one or a list), enum,
// const, properties / required / additionalProperties, items / minItems / maxItems, minLength /
// maxLength / pattern, minimum / maximum. Keywords beyond it are refused when the set is read
// (schemaProblem), so a check never passes because a keyword was silently ignored.

type Schema = Record<string, unknown>;

const KNOWN = new Set([
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'description',
  'title',
]);

const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

const isObject = (v: unknown): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with a schema (a keyword outside the subset, a malformed one), or undefined. */
export function schemaProblem(schema: unknown, at = 'schema'): string | undefined {
  if (!isObject(schema)) return `${at} must be an object`;
  for (const key of Object.keys(schema))
    if (!KNOWN.has(key)) return `${at} uses "${key}", which the json_schema check does not know`;
  const types = schema.type === undefined ? [] : [schema.type].flat();
  for (const t of types)
    if (typeof t !== 'string' || !TYPES.has(t)) return `${at}.type "${String(t)}" is not a type`;
  if (schema.pattern !== undefined) {
    if (typeof schema.pattern !== 'string') return `${at}.pattern must be a string`;
    try {
      new RegExp(schema.pattern, 'u');
    } catch {
      return `${at}.pattern is not a valid regular expression`;
    }
  }
  if (schema.properties !== undefined) {
    if (!isObject(schema.properties)) return `${at}.properties must be an object`;
    for (const [k, sub] of Object.entries(schema.properties)) {
      const p = schemaProblem(sub, `${at}.properties.${k}`);
      if (p) return p;
    }
  }
  if (isObject(schema.additionalProperties)) {
    const p = schemaProblem(schema.additionalProperties, `${at}.additionalProperties`);
    if (p) return p;
  }
  if (schema.items !== undefined) {
    const p = schemaProblem(schema.items, `${at}.items`);
    if (p) return p;
  }
  if (schema.required !== undefined && !Array.isArray(schema.required))
    return `${at}.required must be a list`;
  if (schema.enum !== undefined && !Array.isArray(schema.enum)) return `${at}.enum must be a list`;
  return undefined;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const typeMatches = (t: string, v: unknown): boolean =>
  t === 'integer' ? Number.isInteger(v) : t === typeOf(v);

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Whether `value` satisfies `schema` (a schema schemaProblem accepts). */
export function satisfiesSchema(value: unknown, schema: unknown): boolean {
  if (!isObject(schema)) return false;
  if (schema.type !== undefined) {
    const types = [schema.type].flat() as string[];
    if (!types.some((t) => typeMatches(t, value))) return false;
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) return false;
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))
  )
    return false;
  if (typeof value === 'string') {
    const min = num(schema.minLength);
    const max = num(schema.maxLength);
    if (min !== undefined && [...value].length < min) return false;
    if (max !== undefined && [...value].length > max) return false;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      return false;
  }
  if (typeof value === 'number') {
    const min = num(schema.minimum);
    const max = num(schema.maximum);
    if (min !== undefined && value < min) return false;
    if (max !== undefined && value > max) return false;
  }
  if (Array.isArray(value)) {
    const min = num(schema.minItems);
    const max = num(schema.maxItems);
    if (min !== undefined && value.length < min) return false;
    if (max !== undefined && value.length > max) return false;
    if (schema.items !== undefined && !value.every((v) => satisfiesSchema(v, schema.items)))
      return false;
  }
  if (isObject(value)) {
    const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
    if (!required.every((k) => typeof k === 'string' && Object.hasOwn(value, k))) return false;
    const props = isObject(schema.properties) ? schema.properties : {};
    for (const [k, v] of Object.entries(value)) {
      const sub = props[k];
      if (sub !== undefined) {
        if (!satisfiesSchema(v, sub)) return false;
      } else if (schema.additionalProperties === false) return false;
      else if (
        isObject(schema.additionalProperties) &&
        !satisfiesSchema(v, schema.additionalProperties)
      )
        return false;
    }
  }
  return true;
}
