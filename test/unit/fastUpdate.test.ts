// The embedded engine's direct $set/$unset: where it applies an update, the document is the one
// mingo (MongoDB's semantics) makes; where it refuses, the document is untouched.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectId, type Document } from 'bson';
import { update as mingoUpdate } from 'mingo';
import { applySimpleUpdate } from '../../src/core/store/embedded/fastUpdate';

const config = (): Document => ({
  _id: new ObjectId('65a000000000000000000001'),
  status: 'pending',
  priority: 0,
  created_at: new Date(Date.UTC(2026, 0, 1)),
  claimed_by: { worker_id: 'old', pid: 1 },
  error_message: 'boom',
  tags: ['a'],
  nested: { deep: { x: 1 } },
});

describe('applySimpleUpdate', () => {
  it('makes the document mingo makes, with values copied', () => {
    const claimer = { worker_id: 'w', pid: 2, hostname: 'h' };
    const at = new Date(Date.UTC(2026, 0, 2));
    const updates: Document[] = [
      {
        $set: { status: 'running', claimed_by: claimer, started_at: at, heartbeat_at: at },
        $unset: { error_message: '', completed_at: '' },
      },
      { $set: { 'claimed_by.worker_id': 'x', 'fresh.path.here': [1, { y: 2 }] } },
      { $unset: { 'nested.deep.x': '', 'missing.path': '' } },
      { $set: { session_id: new ObjectId('65a000000000000000000002'), tags: [] } },
      { $set: {} },
    ];
    for (const u of updates) {
      const mine = config();
      const theirs = config();
      assert.equal(applySimpleUpdate(mine, u), true, JSON.stringify(u));
      mingoUpdate(theirs, u, undefined, undefined, { cloneMode: 'deep' });
      assert.deepEqual(mine, theirs);
    }
    const doc = config();
    applySimpleUpdate(doc, { $set: { claimed_by: claimer } });
    claimer.worker_id = 'changed later';
    assert.equal((doc.claimed_by as Document).worker_id, 'w', 'the value was copied');
  });

  it('refuses what it does not cover, leaving the document as it was', () => {
    const refused: Document[] = [
      { $inc: { priority: 1 } },
      { $set: { status: 'running' }, $push: { tags: 'b' } },
      { $set: { 'tags.0': 'z' } },
      { $set: { 'tags.x': 'z', status: 'running' } },
      { $set: { 'status.x': 1 } },
      { $set: { a: 1, 'a.b': 2 } },
      { $set: { _id: 'other' } },
      { $set: { __proto__x: 1, 'x.$': 1 } },
      { $set: { when: new Map() } },
    ];
    for (const u of refused) {
      const doc = config();
      assert.equal(applySimpleUpdate(doc, u), false, JSON.stringify(u));
      assert.deepEqual(doc, config());
    }
  });
});
