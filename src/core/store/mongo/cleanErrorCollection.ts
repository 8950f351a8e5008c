// The driver's collections as the store hands them out: every error a user may see is redacted
// (never the password) and, where the server is unreachable, one sentence that says so. The
// classified error keeps the driver's as its cause, so it still reads as "unreachable" to the
// outage journal. Everything else (a change stream's `watch`) passes through untouched.
import type { Collection, Document } from 'mongodb';
import type { StoreCollection } from '../storeCollection';

const PROMISED = new Set([
  'insertOne',
  'insertMany',
  'findOne',
  'updateOne',
  'replaceOne',
  'deleteMany',
  'countDocuments',
  'createIndex',
  'updateMany',
  'findOneAndUpdate',
]);
const CURSORS = new Set(['find', 'aggregate']);

export function cleanErrorCollection(
  collection: Collection<Document>,
  clean: (err: unknown) => Error,
): StoreCollection {
  const rethrow = (err: unknown): never => {
    throw clean(err);
  };
  return new Proxy(collection, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof prop === 'string' && PROMISED.has(prop))
        return (...args: unknown[]) =>
          (method.apply(target, args) as Promise<unknown>).catch(rethrow);
      if (typeof prop === 'string' && CURSORS.has(prop))
        return (...args: unknown[]) => {
          const cursor = method.apply(target, args) as { toArray(): Promise<Document[]> };
          return new Proxy(cursor, {
            get(c, p) {
              const v: unknown = Reflect.get(c, p, c);
              if (p === 'toArray') return () => cursor.toArray().catch(rethrow);
              return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(c) : v;
            },
          });
        };
      return method.bind(target);
    },
  }) as unknown as StoreCollection;
}
