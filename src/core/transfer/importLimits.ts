// What one imported file may hold. Each limit has a name, so a refusal says which one was hit:
// a gzip bomb, a line without an end, a document MongoDB would refuse, nesting deep enough to
// exhaust the stack, a field name or string of absurd length.
import { TransferFormatError } from './transferFormatError';

export const IMPORT_LIMITS = {
  /** Bytes one archive may unpack to. */
  decompressedBytes: 1024 * 1024 * 1024,
  /** Bytes of one archive line (a document plus its collection name). */
  lineBytes: 16 * 1024 * 1024 + 64 * 1024,
  /** BSON bytes of one document: MongoDB's own limit. */
  documentBytes: 16 * 1024 * 1024,
  /** Objects and arrays inside each other. */
  nestingDepth: 100,
  /** Characters of one field name. */
  fieldNameLength: 1024,
  /** Characters of one string value. */
  stringLength: 4 * 1024 * 1024,
  /** Bytes of a JSON export (read whole). */
  jsonExportBytes: 64 * 1024 * 1024,
} as const;

export type ImportLimit = keyof typeof IMPORT_LIMITS;

const LIMIT_WORDS: Record<ImportLimit, string> = {
  decompressedBytes: 'decompressed size',
  lineBytes: 'line length',
  documentBytes: 'document size',
  nestingDepth: 'nesting depth',
  fieldNameLength: 'field name length',
  stringLength: 'string length',
  jsonExportBytes: 'JSON export size',
};

function amount(limit: ImportLimit): string {
  const n = IMPORT_LIMITS[limit];
  if (limit === 'nestingDepth') return `${n} levels`;
  if (limit === 'fieldNameLength' || limit === 'stringLength') return `${n} characters`;
  return n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB` : `${n} bytes`;
}

/** The words of a refusal: which limit, and how much it allows. */
export function limitProblem(limit: ImportLimit, what = ''): string {
  return `over the import limit on ${LIMIT_WORDS[limit]} (${amount(limit)})${what ? `: ${what}` : ''}`;
}

export function limitError(file: string, where: string, limit: ImportLimit, what = '') {
  return new TransferFormatError(file, where, limitProblem(limit, what));
}
