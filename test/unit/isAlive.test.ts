import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { isAlive } from '../../src/core/process/isAlive';

describe('isAlive', () => {
  it('is true for this process and for a running child, false once the child has exited', async () => {
    assert.equal(isAlive(process.pid), true);
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    await once(child, 'spawn');
    const pid = child.pid!;
    assert.equal(isAlive(pid), true);
    child.kill('SIGKILL');
    await once(child, 'exit');
    assert.equal(isAlive(pid), false);
  });

  it('is false for pids that name no single process (0, negatives, non-integers)', () => {
    // process.kill(0, 0) would "succeed" by signalling this process's own group.
    for (const pid of [0, -1, -process.pid, 1.5, Number.NaN]) assert.equal(isAlive(pid), false);
  });

  it(
    'is true for a process of another user (EPERM), such as init',
    { skip: process.platform === 'win32' || process.getuid?.() === 0 },
    () => {
      assert.equal(isAlive(1), true);
    },
  );
});
