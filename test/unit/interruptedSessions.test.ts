// A session whose process died mid-run is marked "interrupted" the next time the store opens; a
// session still being run by a live process, or one from another machine, is left alone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openStore } from '../../src/core/repositories/openStore';
import type { SessionDoc } from '../../src/shared/dto';
import { session } from '../fixtures/storeDocuments';

const dir = mkdtempSync(join(tmpdir(), 'ob-interrupted-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

function running(model: string, runner: SessionDoc['runner']): SessionDoc {
  const s = session(model, { status: 'running' });
  delete s.end_time;
  s.models[0]!.tests.push({ type: 'B', status: 'pending', metrics: { flags: [] }, logs: [] });
  return { ...s, runner };
}

describe('interrupted sessions', () => {
  it('are marked when the store next opens; live and foreign sessions are not', async () => {
    const first = await openStore(dir);
    const dead = await first.sessions.insertSession(
      running('dead:1b', { hostname: hostname(), pid: deadPid() }),
    );
    const live = await first.sessions.insertSession(
      running('live:1b', { hostname: hostname(), pid: process.pid }),
    );
    const foreign = await first.sessions.insertSession(
      running('other:1b', { hostname: 'another-machine', pid: deadPid() }),
    );
    const done = await first.sessions.insertSession(session('done:1b'));
    await first.close();

    const logs: string[] = [];
    const second = await openStore(dir, { log: (m) => logs.push(m) });
    try {
      const cut = (await second.sessions.getSession(dead))!;
      assert.equal(cut.status, 'interrupted');
      assert.ok(cut.end_time, 'the end is when it was last written');
      assert.match(cut.error!, /process running it \(pid \d+\) ended/);
      assert.deepEqual(
        cut.models[0]!.tests.map((t) => [t.type, t.status]),
        [
          ['A', 'completed'],
          ['B', 'cancelled'],
        ],
        'finished tests are kept as they are',
      );
      assert.equal(cut.models[0]!.tests[0]!.metrics.tokens_per_second, 40);
      assert.equal((await second.sessions.getSession(live))!.status, 'running');
      assert.equal((await second.sessions.getSession(foreign))!.status, 'running');
      assert.equal((await second.sessions.getSession(done))!.status, 'completed');
      assert.ok(
        logs.some(
          (l) => l.includes(`1 session(s) whose process ended mid-run`) && l.includes(dead),
        ),
        logs.join('\n'),
      );
    } finally {
      await second.close();
    }
  });
});
