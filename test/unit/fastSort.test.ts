// The embedded engine's scalar sort and its one-pass first (a queue claim): the same document first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectId } from 'bson';
import { firstScalar, sortScalar } from '../../src/core/store/embedded/fastSort';
import type { SortSpec } from '../../src/core/store/storeCollection';

/** Documents with many equal keys (so ties decide), of mixed BSON types, some keys missing. */
function queue(n: number, seed: number) {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  return Array.from({ length: n }, (_, i) => {
    const doc: Record<string, unknown> = { _id: new ObjectId(), n: i };
    const p = next() % 4;
    if (p) doc.priority = p === 3 ? 'high' : p;
    doc.created_at = new Date(Date.UTC(2026, 0, 1) + (next() % 3) * 1000);
    doc.meta = { rank: next() % 2 };
    return doc;
  });
}

describe('firstScalar', () => {
  it('takes what the stable sort puts first, ties to the earliest, any direction', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const docs = queue(50, seed);
      const sorts: SortSpec[] = [
        { priority: 1, created_at: 1 },
        { priority: -1, 'meta.rank': 1 },
        { created_at: -1 },
        { 'meta.rank': 1, priority: 1, created_at: 1, _id: 1 },
      ];
      for (const sort of sorts)
        assert.equal(firstScalar(docs, sort)?.first, sortScalar(docs, sort)?.[0]);
    }
  });

  it('answers nothing to sort for no documents, and leaves array keys to the caller', () => {
    assert.deepEqual(firstScalar([], { priority: 1 }), { first: undefined });
    assert.equal(firstScalar([{ priority: [1, 2] }], { priority: 1 }), undefined);
  });
});
