// $set and $unset of plain paths through plain documents, applied directly: the queue's claim and
// completion are nothing else, and mingo's general updater costs more than the rest of a claim
// under the lock. Anything outside that subset is refused before any change, so the caller keeps
// mingo for it: this file only has to be right for what it accepts, never complete.
import { ObjectId, type Document } from 'bson';

// Plain path segments only: digits index into arrays and `$`/proto names mean something else.
const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype', '_id']);

const isPlain = (v: unknown): v is Document =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** A deep copy of a value made of scalars, Dates, ObjectIds, plain documents and arrays. */
function copyValue(v: unknown): { value: unknown } | undefined {
  if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return { value: v };
  if (v instanceof Date) return { value: new Date(v.getTime()) };
  if (v instanceof ObjectId) return { value: v }; // immutable
  if (Array.isArray(v) || isPlain(v)) {
    const out: Document = Array.isArray(v) ? [] : {};
    for (const [k, x] of Object.entries(v)) {
      const c = copyValue(x);
      if (!c) return undefined;
      out[k] = c.value;
    }
    return { value: out };
  }
  return undefined;
}

interface Step {
  parts: string[];
  /** Absent: $unset. */
  set?: { value: unknown };
}

function plan(update: Document): Step[] | undefined {
  const steps: Step[] = [];
  for (const [op, fields] of Object.entries(update)) {
    if ((op !== '$set' && op !== '$unset') || !isPlain(fields)) return undefined;
    for (const [path, v] of Object.entries(fields)) {
      const parts = path.split('.');
      if (!parts.every((p) => SEGMENT.test(p) && !FORBIDDEN.has(p))) return undefined;
      const set = op === '$set' ? copyValue(v) : undefined;
      if (op === '$set' && !set) return undefined;
      steps.push(set ? { parts, set } : { parts });
    }
  }
  // Two steps on one path, or on a path and a field under it: MongoDB refuses, mingo decides.
  const paths = steps.map((s) => s.parts.join('.')).sort();
  for (let i = 1; i < paths.length; i++) {
    const [a, b] = [paths[i - 1] ?? '', paths[i] ?? ''];
    if (a === b || b.startsWith(`${a}.`)) return undefined;
  }
  return steps;
}

/** The document each step's last field lives in; undefined when the path crosses a non-document. */
function parentOf(doc: Document, parts: string[], create: boolean): Document | null | undefined {
  let cur = doc;
  for (const part of parts.slice(0, -1)) {
    const next: unknown = cur[part];
    if (next === undefined) {
      if (!create) return null; // nothing there to unset
      cur = cur[part] = {};
    } else if (isPlain(next)) cur = next;
    else return undefined;
  }
  return cur;
}

/**
 * Applies `update` to `doc` in place when it is only $set/$unset of plain paths through plain
 * documents (values copied deep); returns false, with `doc` unchanged, otherwise.
 */
export function applySimpleUpdate(doc: Document, update: Document): boolean {
  const steps = plan(update);
  if (!steps) return false;
  // Every path checked before any change: a refusal leaves the document as it was.
  for (const { parts } of steps) if (parentOf(doc, parts, false) === undefined) return false;
  for (const { parts, set } of steps) {
    const parent = parentOf(doc, parts, !!set);
    const field = parts[parts.length - 1];
    if (!parent || field === undefined) continue;
    if (set) parent[field] = set.value;
    else delete parent[field];
  }
  return true;
}
