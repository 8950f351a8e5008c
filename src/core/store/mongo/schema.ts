// Schema version and idempotent migrations, run at every connect: collections with $jsonSchema
// validators (so a bad write fails loudly), indexes, and the hardware sample layout (a time-series
// collection on MongoDB 5+, else bucketed documents). Every step may run twice — two processes
// can connect at once — and a server that lacks a command (code 238) skips that step, saying so.
import type { Db, Document } from 'mongodb';
import type { SampleLayout } from '../storeBackend';
import { BUCKET_SAMPLE_INDEXES, INDEXES, SUITE_TEXT_INDEX } from '../indexes';
import { CollectionNames, NOT_IMPLEMENTED, errorCode } from '../storeCollection';
import { SUITE_KINDS } from '../../../shared/suiteKinds';

export const SCHEMA_VERSION = 7;
const NAMESPACE_EXISTS = 48;

const PLAN_VALIDATORS: Record<string, Document> = {
  [CollectionNames.plans]: {
    bsonType: 'object',
    required: ['name', 'dimensions', 'created_at', 'updated_at'],
    properties: {
      name: { bsonType: 'string', minLength: 1 },
      dimensions: { bsonType: 'object', required: ['models', 'suites', 'num_ctx'] },
      created_at: { bsonType: 'date' },
      updated_at: { bsonType: 'date' },
    },
  },
  [CollectionNames.configs]: {
    bsonType: 'object',
    required: [
      'plan_id',
      'model',
      'suite',
      'options',
      'machine',
      'key',
      'status',
      'priority',
      'created_at',
      'retry_count',
      'max_retries',
    ],
    properties: {
      plan_id: { bsonType: ['objectId', 'string'] },
      model: { bsonType: 'string', minLength: 1 },
      suite: { bsonType: 'string', minLength: 1 },
      options: {
        bsonType: 'object',
        required: ['num_ctx', 'repetitions'],
        properties: {
          num_ctx: { bsonType: ['int', 'long', 'double'], minimum: 1 },
          repetitions: { bsonType: ['int', 'long', 'double'], minimum: 1 },
        },
      },
      machine: { bsonType: 'string' },
      key: { bsonType: 'string' },
      status: { enum: ['pending', 'running', 'completed', 'failed', 'cancelled'] },
      priority: { bsonType: ['int', 'long', 'double'] },
      created_at: { bsonType: 'date' },
      started_at: { bsonType: 'date' },
      heartbeat_at: { bsonType: 'date' },
      completed_at: { bsonType: 'date' },
      claimed_by: { bsonType: 'object', required: ['hostname', 'pid', 'worker_id'] },
      retry_count: { bsonType: ['int', 'long', 'double'], minimum: 0 },
      max_retries: { bsonType: ['int', 'long', 'double'], minimum: 0 },
      error_message: { bsonType: 'string', maxLength: 1000 },
      result_ids: { bsonType: 'array' },
    },
  },
};

const date = { bsonType: 'date' };
const str = { bsonType: 'string' };
const id = { bsonType: ['objectId', 'string'] };

export const VALIDATORS: Record<string, Document> = {
  [CollectionNames.sessions]: {
    bsonType: 'object',
    required: ['status', 'start_time', 'models', 'tags', 'created_at', 'updated_at'],
    properties: {
      status: { enum: ['running', 'completed', 'error', 'cancelled', 'interrupted'] },
      start_time: date,
      end_time: date,
      hardware_config_id: id,
      tags: { bsonType: 'array', items: str },
      models: {
        bsonType: 'array',
        items: {
          bsonType: 'object',
          required: ['name', 'tests'],
          properties: {
            name: str,
            tests: {
              bsonType: 'array',
              items: { bsonType: 'object', required: ['type', 'status'] },
            },
          },
        },
      },
      created_at: date,
      updated_at: date,
    },
  },
  [CollectionNames.results]: {
    bsonType: 'object',
    required: ['session_id', 'test_type', 'metrics', 'created_at'],
    properties: {
      session_id: id,
      model_id: id,
      test_type: str,
      metrics: { bsonType: 'object' },
      created_at: date,
    },
  },
  [CollectionNames.models]: {
    bsonType: 'object',
    required: ['name', 'created_at', 'updated_at'],
    properties: {
      name: str,
      digest: str,
      size: { bsonType: ['int', 'long', 'double'] },
      created_at: date,
      updated_at: date,
    },
  },
  [CollectionNames.hardwareConfigs]: {
    bsonType: 'object',
    required: ['fingerprint', 'cpu', 'os', 'created_at'],
    properties: {
      fingerprint: str,
      cpu: { bsonType: 'object', required: ['model'] },
      created_at: date,
    },
  },
  [CollectionNames.suites]: {
    bsonType: 'object',
    required: ['name', 'kind', 'prompts', 'options'],
    properties: {
      name: str,
      kind: { enum: [...SUITE_KINDS] },
      prompts: { bsonType: 'array', items: str },
    },
  },
  // Benchmark plans (src/core/plans/): a queue many workers write to must refuse a malformed step.
  ...PLAN_VALIDATORS,
};

interface MetaDoc {
  _id: string;
  version: number;
  sample_layout?: SampleLayout;
}

const notSupported = (err: unknown) =>
  errorCode(err) === 59 ||
  errorCode(err) === NOT_IMPLEMENTED ||
  /not (implemented|supported)|unsupported|no such command/i.test(String((err as Error)?.message));

async function ensureValidated(db: Db, name: string, log: (m: string) => void): Promise<void> {
  const validator = { $jsonSchema: VALIDATORS[name] };
  try {
    await db.createCollection(name, { validator, validationLevel: 'moderate' });
  } catch (err) {
    if (errorCode(err) === NAMESPACE_EXISTS) {
      await db.command({ collMod: name, validator, validationLevel: 'moderate' });
      return;
    }
    throw err;
  }
  void log;
}

async function ensureSampleLayout(db: Db, log: (m: string) => void): Promise<SampleLayout> {
  try {
    await db.createCollection(CollectionNames.samples, {
      timeseries: { timeField: 't', metaField: 'meta', granularity: 'seconds' },
    });
    return 'timeseries';
  } catch (err) {
    if (errorCode(err) === NAMESPACE_EXISTS) {
      const [info] = await db.listCollections({ name: CollectionNames.samples }).toArray();
      return (info as { type?: string } | undefined)?.type === 'timeseries'
        ? 'timeseries'
        : 'buckets';
    }
    // MongoDB < 5 answers "unknown field timeseries"; a partial server does not implement create.
    log(
      `hardware samples kept as bucketed documents: this server has no time-series collections (${(err as Error).message})`,
    );
    return 'buckets';
  }
}

/** The saved suites' validator again, with today's kinds (skipped where the server has none). */
async function revalidateSuites(db: Db, log: (m: string) => void): Promise<void> {
  try {
    await ensureValidated(db, CollectionNames.suites, log);
  } catch (err) {
    if (!notSupported(err)) throw err;
    log(`validators skipped for ${CollectionNames.suites}: ${(err as Error).message}`);
  }
}

/** Brings the database to SCHEMA_VERSION; returns the sample layout to use. */
export async function migrate(db: Db, log: (m: string) => void): Promise<SampleLayout> {
  const meta = db.collection<MetaDoc>(CollectionNames.meta);
  const current = (await meta.findOne({ _id: 'schema' })) ?? { _id: 'schema', version: 0 };
  let layout = current.sample_layout;
  if (current.version < 1) {
    // v1: the data model's collections with validators, and their indexes.
    for (const name of Object.keys(VALIDATORS)) {
      try {
        await ensureValidated(db, name, log);
      } catch (err) {
        if (!notSupported(err)) throw err;
        log(
          `validators skipped for ${name}: this server does not support $jsonSchema/create (${(err as Error).message})`,
        );
      }
    }
    for (const [name, specs] of Object.entries(INDEXES)) {
      for (const spec of specs ?? []) {
        await db.collection(name).createIndex(spec.keys, {
          unique: spec.unique ?? false,
          ...(spec.name ? { name: spec.name } : {}),
        });
      }
    }
    await meta.updateOne({ _id: 'schema' }, { $set: { version: 1 } }, { upsert: true });
  }
  if (current.version < 2 || !layout) {
    // v2: hardware samples beside each result, in a time-series collection where possible.
    layout = await ensureSampleLayout(db, log);
    if (layout === 'buckets') {
      for (const spec of BUCKET_SAMPLE_INDEXES)
        await db.collection(CollectionNames.samples).createIndex(spec.keys);
    }
    await meta.updateOne(
      { _id: 'schema' },
      { $set: { version: 2, sample_layout: layout } },
      { upsert: true },
    );
  }
  if (current.version < 3) {
    // v3: the suite library's text search over name, description and tags.
    try {
      await db
        .collection(CollectionNames.suites)
        .createIndex({ ...SUITE_TEXT_INDEX.keys }, { name: SUITE_TEXT_INDEX.name });
    } catch (err) {
      if (!notSupported(err)) throw err;
      log(
        `suite search without a text index: this server cannot build one (${(err as Error).message})`,
      );
    }
    await meta.updateOne({ _id: 'schema' }, { $set: { version: 3 } }, { upsert: true });
  }
  if (current.version >= 1 && current.version < 4) {
    // v4: benchmark plans — their collections with validators, and the queue's indexes (a new
    // database got them with v1 above).
    for (const name of Object.keys(PLAN_VALIDATORS)) {
      try {
        await ensureValidated(db, name, log);
      } catch (err) {
        if (!notSupported(err)) throw err;
        log(`validators skipped for ${name}: ${(err as Error).message}`);
      }
      for (const spec of INDEXES[name as keyof typeof INDEXES] ?? [])
        await db.collection(name).createIndex(spec.keys, { unique: spec.unique ?? false });
    }
  }
  if (current.version < 4)
    await meta.updateOne({ _id: 'schema' }, { $set: { version: 4 } }, { upsert: true });
  // v5: saved suites may be of kind embedding or vision (a new database got them with v1).
  if (current.version >= 1 && current.version < 5) await revalidateSuites(db, log);
  if (current.version < 5)
    await meta.updateOne({ _id: 'schema' }, { $set: { version: 5 } }, { upsert: true });
  // v6: saved suites may be of kind depth, prefix or rate (a new database got them with v1).
  if (current.version >= 1 && current.version < 6) await revalidateSuites(db, log);
  if (current.version < 6)
    await meta.updateOne({ _id: 'schema' }, { $set: { version: 6 } }, { upsert: true });
  // v7: model_evaluations' indexes (a new database got them with v1).
  if (current.version >= 1 && current.version < 7)
    for (const spec of INDEXES[CollectionNames.modelEvaluations] ?? [])
      await db.collection(CollectionNames.modelEvaluations).createIndex(spec.keys);
  if (current.version < 7)
    await meta.updateOne({ _id: 'schema' }, { $set: { version: 7 } }, { upsert: true });
  return layout;
}
