// MongoDB through the official driver: the contract suite over the wire on jongodb, and on a real
// server when MONGODB_URI is set; connection errors; the journal across an outage.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openMongoStore } from '../../src/core/repositories/openStore';
import { isUnreachable, MongoConnectionError } from '../../src/core/store/mongo/mongoErrors';
import { closedPort } from '../fixtures/closedPort';
import { jongodbAvailable, startJongodb, type Jongodb } from '../fixtures/jongodb';
import { storeContract } from './storeContract';
import { session } from '../fixtures/storeDocuments';

const dir = mkdtempSync(join(tmpdir(), 'ob-mongo-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const fast = { serverSelectionTimeoutMS: 1_500, retryAfterMs: 100 };

if (jongodbAvailable()) {
  let server: Jongodb;
  storeContract('MongoDB driver over the wire (jongodb)', {
    open: async () => {
      server = await startJongodb();
      return openMongoStore(server.uri, {
        database: 'contract',
        journalDir: join(dir, 'j1'),
        // Says which steps this partial server skips (validators, time-series).
        log: (m) => console.log(`jongodb: ${m}`),
        ...fast,
      });
    },
    cleanup: () => server.stop(),
  });
} else {
  it('MongoDB contract on jongodb', (t) =>
    t.skip('jongodb is not installed (optional dependency, linux-x64 only)'));
}

const realUri = process.env.MONGODB_URI;
if (realUri) {
  storeContract('real MongoDB (MONGODB_URI)', {
    open: () =>
      openMongoStore(realUri, {
        database: `ollama_bench_test_${process.pid}`,
        journalDir: join(dir, 'j2'),
        ...fast,
      }),
    cleanup: async () => {
      const { MongoClient } = await import('mongodb');
      const c = await MongoClient.connect(realUri);
      await c.db(`ollama_bench_test_${process.pid}`).dropDatabase();
      await c.close();
    },
  });
} else {
  it('MongoDB contract on a real server', (t) =>
    t.skip('MONGODB_URI is not set: no real MongoDB to test against'));
}

describe('MongoDB connection errors', () => {
  it('names the server, says nothing listens, never shows the password', async () => {
    const port = await closedPort();
    const uri = `mongodb://bench:s3cr%40tPW@127.0.0.1:${port}/?directConnection=true`;
    const logs: string[] = [];
    const err = await openMongoStore(uri, {
      database: 'x',
      journalDir: join(dir, 'j3'),
      log: (m) => logs.push(m),
      ...fast,
    }).then(
      () => assert.fail('connected to nothing'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof MongoConnectionError);
    assert.equal(err.problem, 'refused');
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.match(err.message, /refused/);
    for (const text of [err.message, String(err.stack), ...logs]) {
      assert.doesNotMatch(text, /s3cr/);
    }
  });

  it('counts a bare socket error from the driver (EPIPE, ECONNRESET) as the server gone', () => {
    const epipe = Object.assign(new Error('This socket has been ended by the other party'), {
      code: 'EPIPE',
    });
    assert.ok(isUnreachable(epipe));
    assert.ok(isUnreachable(new Error('wrapped', { cause: { code: 'ECONNRESET' } })));
    assert.ok(
      !isUnreachable(Object.assign(new Error('Document failed validation'), { code: 121 })),
    );
    assert.ok(!isUnreachable(undefined));
  });

  it('says a name does not resolve', async () => {
    const err = await openMongoStore(
      'mongodb://u:hunter2@no-such-host.invalid:27017/?directConnection=true',
      {
        database: 'x',
        journalDir: join(dir, 'j4'),
        ...fast,
      },
    ).then(
      () => assert.fail('resolved'),
      (e: unknown) => e as MongoConnectionError,
    );
    assert.ok(['dns', 'timeout'].includes(err.problem), err.message);
    assert.match(err.message, /no-such-host\.invalid/);
    assert.doesNotMatch(err.message, /hunter2/);
  });
});

describe(
  'journal: MongoDB goes away mid-run',
  { skip: !jongodbAvailable() && 'jongodb is not installed' },
  () => {
    it('holds the writes on disk and writes them, in order, when the server is back', async () => {
      let server = await startJongodb();
      const port = server.port;
      const logs: string[] = [];
      const journalDir = join(dir, 'j5');
      const store = await openMongoStore(server.uri, {
        database: 'run',
        journalDir,
        log: (m) => logs.push(m),
        ...fast,
      });
      try {
        const s = session('llama3.2:3b');
        const id = await store.runWrites.insertSession({ ...s, status: 'running' });
        await server.stop(); // the outage, mid-run

        const rid = await store.runWrites.insertTestResult({
          session_id: id,
          model_name: 'llama3.2:3b',
          test_type: 'A',
          status: 'completed',
          metrics: {
            tokens_per_second: 40,
            ram_usage: [],
            vram_usage: [],
            cpu_usage: [],
            gpu_usage: [],
            stats: {},
            repetitions: [],
            flags: [],
          },
          output: 'hi',
          logs: [],
          samples: [{ t: Date.parse(s.start_time), cpu_total: 5 }],
          created_at: s.start_time,
        });
        await store.runWrites.updateSession({ ...s, _id: id, status: 'completed' });
        assert.equal(store.backend.pendingWrites(), 2);
        assert.ok(
          logs.some((l) => /unreachable; 2 result write\(s\) held/.test(l)),
          logs.join('\n'),
        );

        // The server comes back empty (jongodb keeps nothing): the journal alone must restore the run.
        server = await startJongodb({ port });
        assert.equal(await store.backend.flushJournal(), 0);
        const back = await store.sessions.getSession(id);
        assert.equal(back?.status, 'completed');
        const results = await store.sessions.getTestResults(id);
        assert.deepEqual(
          results.map((r) => [r._id, r.samples?.length]),
          [[rid, 1]],
        );
        assert.ok(logs.some((l) => /answers again: all 2 held write/.test(l)));
      } finally {
        await store.close();
        await server.stop();
      }
    });

    it('writes what a closed process held when the store next opens', async () => {
      let server = await startJongodb();
      const port = server.port;
      const journalDir = join(dir, 'j6');
      const first = await openMongoStore(server.uri, { database: 'run', journalDir, ...fast });
      let id: string;
      try {
        await server.stop();
        id = await first.runWrites.insertSession(session('mistral:7b'));
        assert.equal(first.backend.pendingWrites(), 1);
      } finally {
        await first.close(); // still down: the write stays in the journal file
      }

      server = await startJongodb({ port });
      const logs: string[] = [];
      const second = await openMongoStore(server.uri, {
        database: 'run',
        journalDir,
        log: (m) => logs.push(m),
        ...fast,
      });
      try {
        assert.equal(second.backend.pendingWrites(), 0);
        assert.equal((await second.sessions.getSession(id))?.models[0]?.name, 'mistral:7b');
        assert.ok(
          logs.some((l) => /1 write\(s\) held from an earlier run/.test(l)),
          logs.join('\n'),
        );
      } finally {
        await second.close();
        await server.stop();
      }
    });
  },
);
