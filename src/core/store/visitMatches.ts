// A large read that only looks: on the embedded engine the stored documents themselves (no copy
// per document), elsewhere find() with the projection (only the fields read cross the wire).
import type { Document, StoreCollection } from './storeCollection';

/** `visit` sees either a stored document or a projected copy: it reads, never changes, either. */
export async function visitMatches(
  collection: StoreCollection,
  filter: Document,
  projection: Record<string, 1>,
  visit: (doc: Document) => void,
): Promise<void> {
  if (collection.visitStored) return collection.visitStored(filter, visit);
  for (const doc of await collection.find(filter, { projection }).toArray()) visit(doc);
}
