// Reading back what `export --format json` (and the dashboard's JSON export) writes: an array of
// session documents with ISO dates and string ids. Each becomes the stored document the store
// would have written; a problem names the byte offset where the JSON or the session begins.
import type { Document } from 'bson';
import type { SessionDoc } from '../../shared/dto';
import { storedSessionDocument } from '../sessions/sessionRepository';
import { TransferFormatError, type ArchiveEntry } from './archiveFormat';
import { CollectionNames } from '../store/storeCollection';
import { documentLimitProblem } from './documentLimits';
import { sessionShapeProblem } from './documentChecks';
import { IMPORT_LIMITS, limitProblem } from './importLimits';
import { nestsDeeperThan } from './jsonNesting';

function byteOffset(text: string, charIndex: number): number {
  return Buffer.byteLength(text.slice(0, charIndex), 'utf8');
}

/** Where each element of the top-level array starts (character index), skipping strings. */
function elementStarts(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (depth === 1 && expectValue && ch !== ']') {
      starts.push(i);
      expectValue = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectValue = true;
  }
  return starts;
}

function sessionProblem(s: unknown): string | undefined {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return 'not a session object';
  const o = s as Record<string, unknown>;
  if (typeof o._id !== 'string' || !o._id) return 'no "_id" (import matches sessions by _id)';
  for (const f of ['status', 'start_time', 'created_at', 'updated_at'])
    if (typeof o[f] !== 'string') return `"${f}" is missing or not text`;
  if (!Array.isArray(o.models)) return '"models" must be a list';
  if (!Array.isArray(o.tags)) return '"tags" must be a list';
  return sessionShapeProblem(o);
}

/** The sessions of a JSON export as stored documents; throws TransferFormatError. */
export function parseJsonExport(file: string, text: string): ArchiveEntry[] {
  // The list of sessions is one level more than a session.
  if (nestsDeeperThan(text, IMPORT_LIMITS.nestingDepth + 1))
    throw new TransferFormatError(file, 'byte offset unknown', limitProblem('nestingDepth'));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    throw new TransferFormatError(
      file,
      at ? `byte offset ${byteOffset(text, Number(at[1]))}` : 'byte offset unknown',
      `not valid JSON (${message})`,
    );
  }
  if (!Array.isArray(value))
    throw new TransferFormatError(
      file,
      'byte offset 0',
      'expected the JSON export of sessions (a list) or a .jsonl.gz archive',
    );
  const starts = elementStarts(text);
  return value.map((s, i) => {
    const where = `session ${i + 1} at byte offset ${byteOffset(text, starts[i] ?? 0)}`;
    const problem = sessionProblem(s);
    if (problem) throw new TransferFormatError(file, where, problem);
    let doc: Document;
    try {
      doc = storedSessionDocument(s as SessionDoc);
    } catch (err) {
      throw new TransferFormatError(file, where, (err as Error).message);
    }
    const over = documentLimitProblem(doc);
    if (over) throw new TransferFormatError(file, where, over);
    return { collection: CollectionNames.sessions, doc };
  });
}
