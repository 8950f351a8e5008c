// The suite library's text search where no text index answers it (the embedded store, a server
// without $text): a suite matches when any word of the query is a word of its name, description
// or tags, case- and accent-insensitive — MongoDB's $text semantics without its stemming.
import type { Document } from '../store/storeCollection';

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a query or a field: runs of letters and digits. */
export function searchWords(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function suiteMatches(doc: Document, words: readonly string[]): boolean {
  const fields = [doc.name, doc.description, ...(Array.isArray(doc.tags) ? doc.tags : [])];
  const own = new Set(fields.flatMap((f) => (typeof f === 'string' ? searchWords(f) : [])));
  return words.some((w) => own.has(w));
}
