// The embedded engine's lookups (src/core/store/embedded/fieldLookup.ts): the documents a filter
// names by _id or by an indexed field, in natural order, and what is left of the filter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectId, type Document } from 'bson';
import { idKey } from '../../src/core/store/embedded/collectionLog';
import { FieldLookup } from '../../src/core/store/embedded/fieldLookup';

/** A collection of `n` documents as the log keeps it, with a lookup on session_id and tags. */
function collection(n: number) {
  const docs = new Map<string, Document>();
  const lookup = new FieldLookup(docs);
  lookup.add('session_id');
  const put = (doc: Document) => {
    const key = idKey(doc._id);
    const previous = docs.get(key);
    docs.set(key, doc);
    lookup.put(key, doc, previous);
  };
  const sessions = [new ObjectId(), new ObjectId()];
  for (let i = 0; i < n; i++)
    put({ _id: i, session_id: sessions[i % 2], tags: i % 10 ? [`t${i % 10}`] : 'none' });
  lookup.add('tags'); // added once documents are held: they are indexed then
  return { docs, lookup, put, sessions };
}

const ids = (found: { docs: Document[] } | undefined) => found?.docs.map((d) => d._id as number);

describe('embedded lookups', () => {
  it('gives the documents of a value, an $in of values or an array holding one, in natural order', () => {
    const { lookup, sessions } = collection(100);
    const [a, b] = sessions;
    assert.deepEqual(ids(lookup.candidates({ _id: { $in: [7, 3, 999] } })), [3, 7]);
    assert.deepEqual(ids(lookup.candidates({ _id: 5, status: 'x' })), [5]);
    assert.deepEqual(lookup.candidates({ _id: 5, status: 'x' })?.rest, { status: 'x' });
    const even = lookup.candidates({ session_id: a });
    assert.equal(even, undefined, 'half the collection is scanned, not looked up');
    assert.deepEqual(
      ids(lookup.candidates({ tags: 't1', session_id: b })),
      [1, 11, 21, 31, 41, 51, 61, 71, 81, 91],
    );
    assert.deepEqual(lookup.candidates({ tags: 't1', session_id: b })?.rest, { session_id: b });
  });

  it('follows changes: a value moved, a document deleted, everything reset', () => {
    const { docs, lookup, put } = collection(100);
    put({ _id: 2, tags: ['t1'] });
    assert.deepEqual(
      ids(lookup.candidates({ tags: { $in: ['t1'] } })),
      [1, 2, 11, 21, 31, 41, 51, 61, 71, 81, 91],
    );
    const key = idKey(11);
    const gone = docs.get(key);
    assert.ok(gone);
    docs.delete(key);
    lookup.delete(key, gone);
    assert.equal(ids(lookup.candidates({ tags: 't1' }))?.includes(11), false);
    lookup.reset();
    docs.clear();
    assert.deepEqual(ids(lookup.candidates({ tags: 't1' })), []);
  });

  it('leaves to a scan what it cannot answer exactly', () => {
    const { lookup } = collection(100);
    for (const filter of [
      { tags: null },
      { tags: { $in: ['t1', /t/] } },
      { tags: { $in: ['t1'], $ne: 't2' } },
      { 'tags.0': 't1' },
      { model: 'x' },
      { $or: [{ tags: 't1' }] },
    ])
      assert.equal(lookup.candidates(filter), undefined, JSON.stringify(filter));
  });
});
