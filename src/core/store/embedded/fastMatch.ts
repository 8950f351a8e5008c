// A compiled predicate for the small part of MongoDB's query language that the history filter
// (sessionQuery) produces. mingo resolves every path generically for every document, which on a
// 10 000-session history page is most of the time spent; a closure built once per filter is
// several times faster. Anything outside the subset compiles to undefined, so the caller keeps
// mingo for it: this file only has to be right for what it accepts, never complete.
import { ObjectId, type Document } from 'bson';

type Test = (value: unknown) => boolean;
type Predicate = (doc: Document) => boolean;

/** Values compared by equality ($eq, $in, $all); null is left out (it also matches missing). */
type Scalar = string | number | boolean | Date | ObjectId;

// Plain path segments only: digits index into arrays and `$`/proto names mean something else.
const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function isPlain(v: unknown): v is Document {
  if (v === null || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function isScalar(v: unknown): v is Scalar {
  if (typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return !Number.isNaN(v);
  if (v instanceof Date) return !Number.isNaN(v.getTime());
  return v instanceof ObjectId;
}

/**
 * Whether any value the path reaches passes `test`, as MongoDB resolves it: an array met on the
 * way is walked element by element (documents only, nested arrays are not entered), and an array
 * at the end matches when any of its elements does.
 */
function anyLeaf(value: unknown, parts: string[], i: number, test: Test): boolean {
  const part = parts[i];
  if (part === undefined) {
    // Past the last part: the value itself, or an element of it, is the leaf.
    if (test(value)) return true;
    if (Array.isArray(value)) for (const x of value) if (test(x)) return true;
    return false;
  }
  if (Array.isArray(value)) {
    for (const el of value) {
      if (isPlain(el) && Object.hasOwn(el, part) && anyLeaf(el[part], parts, i + 1, test))
        return true;
    }
    return false;
  }
  return isPlain(value) && Object.hasOwn(value, part) && anyLeaf(value[part], parts, i + 1, test);
}

/** Equality by BSON type: ObjectId by value (and only with an ObjectId: equals() accepts hex). */
function equalsTest(v: Scalar): Test {
  if (v instanceof ObjectId) return (x) => x instanceof ObjectId && v.equals(x);
  if (v instanceof Date) {
    const t = v.getTime();
    return (x) => x instanceof Date && x.getTime() === t;
  }
  return (x) => x === v;
}

/** $in as set look-ups, keyed per type so that "1" never equals 1 nor a hex string an ObjectId. */
function inTest(list: Scalar[]): Test {
  const plain = new Set<unknown>();
  const dates = new Set<number>();
  const ids = new Set<string>();
  for (const v of list) {
    if (v instanceof Date) dates.add(v.getTime());
    else if (v instanceof ObjectId) ids.add(v.toHexString());
    else plain.add(v);
  }
  return (x) => {
    if (x instanceof Date) return dates.has(x.getTime());
    if (x instanceof ObjectId) return ids.has(x.toHexString());
    return (
      (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') && plain.has(x)
    );
  };
}

/** $gte / $lt compare only within one type (Date, number, string), as MongoDB's brackets do. */
function rangeTest(v: unknown, inclusiveAbove: boolean): Test | undefined {
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) return undefined;
    return inclusiveAbove
      ? (x) => x instanceof Date && x.getTime() >= t
      : (x) => x instanceof Date && x.getTime() < t;
  }
  if (typeof v === 'number' && !Number.isNaN(v)) {
    return inclusiveAbove
      ? (x) => typeof x === 'number' && x >= v
      : (x) => typeof x === 'number' && x < v;
  }
  if (typeof v === 'string') {
    return inclusiveAbove
      ? (x) => typeof x === 'string' && x >= v
      : (x) => typeof x === 'string' && x < v;
  }
  return undefined;
}

function regexTest(pattern: unknown, options: unknown): Test | undefined {
  if (typeof pattern !== 'string' || options !== 'i') return undefined;
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'i'); // built once; no 'g', so test() keeps no state between calls
  } catch {
    return undefined; // let mingo report the bad pattern as it does today
  }
  return (x) => typeof x === 'string' && re.test(x);
}

function scalarList(v: unknown): Scalar[] | undefined {
  return Array.isArray(v) && v.every(isScalar) ? v : undefined;
}

/** One field's condition: a bare value (equality) or an object of supported operators. */
function compileField(path: string, cond: unknown): Predicate | undefined {
  const parts = path.split('.');
  if (!parts.every((p) => SEGMENT.test(p) && !FORBIDDEN.has(p))) return undefined;
  const on =
    (test: Test): Predicate =>
    (doc) =>
      anyLeaf(doc, parts, 0, test);

  if (isScalar(cond)) return on(equalsTest(cond));
  if (!isPlain(cond)) return undefined;
  const ops = Object.keys(cond);
  if (!ops.length) return undefined; // {} is equality with an empty document
  const preds: Predicate[] = [];
  for (const op of ops) {
    const arg: unknown = cond[op];
    if (op === '$in') {
      const list = scalarList(arg);
      if (!list) return undefined;
      preds.push(on(inTest(list)));
    } else if (op === '$all') {
      const list = scalarList(arg);
      if (!list?.length) return undefined; // an empty $all is an edge case left to mingo
      // Each listed value on its own: different elements may supply different values.
      const tests = list.map(equalsTest);
      preds.push((doc) => tests.every((t) => anyLeaf(doc, parts, 0, t)));
    } else if (op === '$gte' || op === '$lt') {
      const test = rangeTest(arg, op === '$gte');
      if (!test) return undefined;
      preds.push(on(test));
    } else if (op === '$regex') {
      const test = regexTest(arg, cond.$options);
      if (!test) return undefined;
      preds.push(on(test));
    } else if (op === '$options') {
      if (!Object.hasOwn(cond, '$regex')) return undefined;
    } else {
      return undefined;
    }
  }
  return all(preds);
}

function all(preds: Predicate[]): Predicate {
  const [only] = preds;
  if (only && preds.length === 1) return only;
  return (doc) => preds.every((p) => p(doc));
}

function compileList(v: unknown): Predicate[] | undefined {
  if (!Array.isArray(v) || !v.length) return undefined;
  const out: Predicate[] = [];
  for (const f of v) {
    const p = isPlain(f) ? compileFilter(f) : undefined;
    if (!p) return undefined;
    out.push(p);
  }
  return out;
}

/**
 * The filter as a predicate, or undefined when it uses anything beyond `$and`, `$or`, `$in`,
 * `$all`, `$gte`, `$lt`, `$regex` with `$options: 'i'` and equality with a string, number,
 * boolean, Date or ObjectId.
 */
export function compileFilter(filter: Document): ((doc: Document) => boolean) | undefined {
  if (!isPlain(filter)) return undefined;
  const preds: Predicate[] = [];
  for (const key of Object.keys(filter)) {
    const value: unknown = filter[key];
    if (key === '$and' || key === '$or') {
      const list = compileList(value);
      if (!list) return undefined;
      preds.push(key === '$and' ? all(list) : (doc) => list.some((p) => p(doc)));
    } else if (key.startsWith('$')) {
      return undefined;
    } else {
      const p = compileField(key, value);
      if (!p) return undefined;
      preds.push(p);
    }
  }
  return preds.length ? all(preds) : () => true;
}
