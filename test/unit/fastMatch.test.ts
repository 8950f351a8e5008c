// The compiled history-filter predicate: each operator by hand, then against mingo over thousands
// of random sessionQuery() filters, then the shapes it must refuse (and leave to mingo).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectId, type Document } from 'bson';
import { Query } from 'mingo';
import { compileFilter } from '../../src/core/store/embedded/fastMatch';
import { sessionQuery } from '../../src/core/sessions/historyQuery';
import type { SessionStatus } from '../../src/shared/dto';
import type { HistoryFilter } from '../../src/shared/history';

function select(filter: Document, docs: Document[]): number[] {
  const pred = compileFilter(filter);
  assert.ok(pred, `expected ${JSON.stringify(filter)} to compile`);
  return docs.flatMap((d, i) => (pred(d) ? [i] : []));
}

const idA = new ObjectId();
const idB = new ObjectId();
const d1 = new Date('2024-01-01T00:00:00Z');
const d2 = new Date('2024-06-01T00:00:00Z');

describe('compileFilter by hand', () => {
  const docs: Document[] = [
    /* 0 */ {
      models: [
        { name: 'a', tests: [{ type: 'x' }, { type: 'y' }] },
        { name: 'b', tests: [{ type: 'z' }] },
      ],
      tags: ['p', 'q'],
      status: 'completed',
      start_time: d1,
      hardware_config_id: idA,
      n: 5,
    },
    /* 1 */ { models: [{ name: 'a', tests: [] }], tags: [], status: 'error', start_time: d2 },
    /* 2 */ { models: [], tags: 'p', status: null, hardware_config_id: idA.toHexString() },
    /* 3 */ {},
    /* 4 */ { models: { name: 'b', tests: { type: 'x' } }, start_time: [d1, d2], n: [1, 9] },
  ];

  it('equality: scalars, arrays, nested arrays, ObjectId and Date by value, never missing', () => {
    assert.deepEqual(select({ status: 'error' }, docs), [1]);
    assert.deepEqual(select({ tags: 'p' }, docs), [0, 2]);
    assert.deepEqual(select({ 'models.name': 'b' }, docs), [0, 4]);
    assert.deepEqual(select({ 'models.tests.type': 'z' }, docs), [0]);
    assert.deepEqual(select({ 'models.tests.type': 'x' }, docs), [0, 4]);
    assert.deepEqual(select({ hardware_config_id: new ObjectId(idA.toHexString()) }, docs), [0]);
    // A hex string is not the ObjectId (ObjectId.equals would say it is).
    assert.deepEqual(select({ hardware_config_id: idA.toHexString() }, docs), [2]);
    assert.deepEqual(select({ start_time: new Date(d2.getTime()) }, docs), [1, 4]);
    assert.deepEqual(select({ n: 9 }, docs), [4]);
    assert.deepEqual(select({ n: '5' }, docs), []);
  });

  it('$in: any element of an array field, across nested arrays, per type', () => {
    assert.deepEqual(select({ 'models.tests.type': { $in: ['x'] } }, docs), [0, 4]);
    assert.deepEqual(select({ 'models.tests.type': { $in: ['z', 'nope'] } }, docs), [0]);
    assert.deepEqual(select({ tags: { $in: ['q', 'p'] } }, docs), [0, 2]);
    assert.deepEqual(select({ status: { $in: [] } }, docs), []);
    assert.deepEqual(select({ hardware_config_id: { $in: [idB, idA] } }, docs), [0]);
    assert.deepEqual(select({ hardware_config_id: { $in: [idA.toHexString()] } }, docs), [2]);
    assert.deepEqual(select({ start_time: { $in: [new Date(d1.getTime())] } }, docs), [0, 4]);
  });

  it('$all: every value present, possibly in different elements', () => {
    assert.deepEqual(select({ tags: { $all: ['p', 'q'] } }, docs), [0]);
    assert.deepEqual(select({ tags: { $all: ['p'] } }, docs), [0, 2]);
    assert.deepEqual(select({ 'models.name': { $all: ['a', 'b'] } }, docs), [0]);
    assert.deepEqual(select({ 'models.tests.type': { $all: ['x', 'z'] } }, docs), [0]);
  });

  it('$gte / $lt: same type only, arrays by any element, never missing or null', () => {
    assert.deepEqual(select({ start_time: { $gte: d2 } }, docs), [1, 4]);
    assert.deepEqual(select({ start_time: { $lt: d2 } }, docs), [0, 4]);
    assert.deepEqual(select({ start_time: { $gte: d1, $lt: d2 } }, docs), [0, 4]);
    assert.deepEqual(select({ n: { $gte: 6 } }, docs), [4]);
    assert.deepEqual(select({ n: { $lt: 2 } }, docs), [4]);
    assert.deepEqual(select({ status: { $gte: 'd' } }, docs), [1]);
    assert.deepEqual(select({ status: { $lt: 'zzz' } }, docs), [0, 1]);
    assert.deepEqual(select({ start_time: { $gte: 0 } }, docs), []);
  });

  it('$regex with $options i: strings only, metacharacters literal when escaped', () => {
    assert.deepEqual(select({ status: { $regex: 'ERR', $options: 'i' } }, docs), [1]);
    assert.deepEqual(select({ 'models.tests.type': { $regex: 'Z', $options: 'i' } }, docs), [0]);
    assert.deepEqual(select({ tags: { $regex: '^p$', $options: 'i' } }, docs), [0, 2]);
    assert.deepEqual(select({ n: { $regex: '5', $options: 'i' } }, docs), []);
    const pred = compileFilter({ s: { $regex: 'a\\.b', $options: 'i' } })!;
    assert.equal(pred({ s: 'xA.By' }), true);
    assert.equal(pred({ s: 'axb' }), false);
  });

  it('$and / $or and implicit and', () => {
    assert.deepEqual(select({}, docs), [0, 1, 2, 3, 4]);
    assert.deepEqual(select({ $and: [{ tags: 'p' }, { status: 'completed' }] }, docs), [0]);
    assert.deepEqual(select({ $or: [{ status: 'error' }, { n: 9 }] }, docs), [1, 4]);
    assert.deepEqual(select({ tags: 'p', 'models.name': 'a' }, docs), [0]);
  });
});

// Deterministic pseudo-random numbers (mulberry32), so a failure reproduces.
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const some = <T>(xs: readonly T[], max = 3): T[] =>
    Array.from({ length: int(max + 1) }, () => pick(xs));
  return { next, int, pick, some };
}

const MODELS = ['llama3.2:3b', 'qwen2.5:7b', 'Mistral', 'phi3.5', 'a.b*c', 'x(y)+[z]'];
const TYPES = ['A', 'B', 'C', 'throughput', 'Context-long', 'a|b'];
const STATUSES: SessionStatus[] = ['running', 'completed', 'error', 'cancelled', 'interrupted'];
const TAGS = ['gpu', 'cpu', 'Night', 'A+B', 'x(y)', '^start', 'end$', 'back\\slash'];
const MACHINES = ['box-1', 'Laptop', 'srv.local', 'a?b'];
const HW = [new ObjectId(), new ObjectId(), new ObjectId()];
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

function randomSession(r: ReturnType<typeof rng>): Document {
  const doc: Document = { _id: new ObjectId() };
  if (r.next() < 0.9) doc.status = r.pick(STATUSES);
  if (r.next() < 0.9) doc.start_time = new Date(T0 + r.int(60) * DAY + r.int(DAY));
  const hw = r.next();
  if (hw < 0.7) doc.hardware_config_id = r.pick(HW);
  else if (hw < 0.8) doc.hardware_config_id = 'hand-made';
  if (r.next() < 0.9) {
    doc.models = Array.from({ length: r.int(4) }, () => {
      const m: Document = { name: r.pick(MODELS), model_id: new ObjectId() };
      if (r.next() < 0.85)
        m.tests = Array.from({ length: r.int(4) }, () => ({
          type: r.pick(TYPES),
          start_time: new Date(T0 + r.int(60) * DAY),
        }));
      return m;
    });
  }
  if (r.next() < 0.85) doc.tags = [...new Set(r.some(TAGS, 4))];
  if (r.next() < 0.8) doc.machine = r.pick(MACHINES);
  return doc;
}

/** Free text: often a slice of a known value (so it matches), in any case, with metacharacters. */
function randomText(r: ReturnType<typeof rng>): string {
  const source = r.pick([...MODELS, ...TYPES, ...TAGS, ...MACHINES, '.*', '(', 'zzz', '   ']);
  const from = r.int(source.length);
  const text = source.slice(from, from + 1 + r.int(source.length));
  const cased = r.next() < 0.5 ? text.toUpperCase() : text;
  return r.next() < 0.2 ? ` ${cased} ` : cased;
}

function randomFilter(r: ReturnType<typeof rng>): {
  filter: HistoryFilter;
  hardwareIds?: unknown[];
} {
  const f: HistoryFilter = {};
  const iso = () => new Date(T0 + r.int(62) * DAY + r.int(DAY)).toISOString();
  if (r.next() < 0.3) f.models = r.some(MODELS);
  if (r.next() < 0.3) f.testTypes = r.some(TYPES);
  if (r.next() < 0.3) f.statuses = r.some(STATUSES);
  if (r.next() < 0.3) f.tags = r.some(TAGS, 2);
  if (r.next() < 0.1) {
    f.hardwareConfigId = r.pick([...HW.map((h) => h.toHexString()), 'hand-made', 'other']);
  }
  if (r.next() < 0.3) f.since = iso();
  if (r.next() < 0.3) f.until = iso();
  if (r.next() < 0.35) f.text = randomText(r);
  const hardwareIds = r.next() < 0.15 ? r.some<unknown>([...HW, 'hand-made'], 2) : undefined;
  return { filter: f, hardwareIds };
}

/**
 * mingo's own resolution of `models.tests.type` nests one array per model and $in then compares
 * whole arrays, so with two or more models it misses what MongoDB matches. The reference asks
 * mingo the same question per model ($elemMatch), which it answers as MongoDB does.
 */
function mongoEquivalentForMingo(filter: Document): Document {
  if (Array.isArray(filter.$and) || Array.isArray(filter.$or)) {
    const key = filter.$and ? '$and' : '$or';
    return { [key]: (filter[key] as Document[]).map(mongoEquivalentForMingo) };
  }
  const cond = filter['models.tests.type'] as Document | undefined;
  if (cond && typeof cond === 'object' && '$in' in cond)
    return { models: { $elemMatch: { 'tests.type': cond } } };
  return filter;
}

describe('compileFilter against mingo on random sessionQuery() filters', () => {
  it('selects exactly the documents mingo selects', () => {
    const r = rng(20240601);
    const docs = Array.from({ length: 300 }, () => randomSession(r));
    let nonEmpty = 0;
    let partial = 0;
    for (let i = 0; i < 2000; i++) {
      const { filter, hardwareIds } = randomFilter(r);
      const query = sessionQuery(filter, hardwareIds);
      const pred = compileFilter(query);
      assert.ok(pred, `filter ${i} did not compile: ${JSON.stringify(query)}`);
      const expected = new Query(mongoEquivalentForMingo(query))
        .find<Document>(docs)
        .all()
        .map((d) => String(d._id));
      const actual = docs.filter(pred).map((d) => String(d._id));
      assert.deepEqual(actual, expected, `filter ${i}: ${JSON.stringify(query)}`);
      if (actual.length) nonEmpty++;
      if (actual.length && actual.length < docs.length) partial++;
    }
    // Not a vacuous pass: many filters select some documents and leave others out.
    assert.ok(nonEmpty > 400 && partial > 400, `nonEmpty ${nonEmpty}, partial ${partial}`);
  });
});

describe('compileFilter refuses what it does not implement', () => {
  const unsupported: Document[] = [
    { status: { $ne: 'error' } },
    { status: { $nin: ['error'] } },
    { start_time: { $gt: d1 } },
    { start_time: { $lte: d1 } },
    { tags: { $size: 2 } },
    { tags: { $exists: true } },
    { models: { $elemMatch: { name: 'a' } } },
    { $nor: [{ status: 'error' }] },
    { $where: 'true' },
    { $expr: { $eq: ['$a', 1] } },
    { $and: [] },
    { $or: [{ status: { $ne: 'x' } }] },
    { status: null },
    { status: { $in: [null] } },
    { status: { $in: ['a', ['b']] } },
    { status: { $in: [/a/] } },
    { status: { $in: 'a' } },
    { tags: ['p', 'q'] },
    { tags: { $all: [] } },
    { tags: { $all: [{ $elemMatch: { a: 1 } }] } },
    { models: { name: 'a' } },
    { models: {} },
    { status: /err/i },
    { status: { $regex: 'err' } },
    { status: { $regex: 'err', $options: 'im' } },
    { status: { $regex: /err/, $options: 'i' } },
    { status: { $regex: '(', $options: 'i' } },
    { status: { $options: 'i' } },
    { status: { $eq: 'error' } },
    { status: { $gte: null } },
    { status: { $lt: true } },
    { status: { $gte: idA } },
    { status: { $gte: 'a', $foo: 1 } },
    { status: { $in: ['a'], plain: 1 } },
    { 'models.0.name': 'a' },
    { 'a..b': 1 },
    { __proto__x: 1, 'x.__proto__': 1 },
    { n: NaN },
    { d: new Date(NaN) },
  ];
  for (const filter of unsupported) {
    it(`refuses ${JSON.stringify(filter)}`, () => {
      assert.equal(compileFilter(filter), undefined);
    });
  }
});
