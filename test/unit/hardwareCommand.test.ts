// `ollama-bench hardware` as a user runs it (the built dist/cli.js), against the Ollama stand-in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import si from 'systeminformation';
import { ensureBuilt, runCli } from '../fixtures/cliProcess';
import { closedPort } from '../fixtures/closedPort';
import { startOllamaStandIn, type StandIn } from '../fixtures/ollamaStandIn';

describe('ollama-bench hardware', () => {
  let standIn: StandIn;
  before(async () => {
    ensureBuilt();
    standIn = await startOllamaStandIn({ version: '0.12.6' });
  });
  after(() => standIn.close());

  it('--json: cpu.model, cpu.cores, ram.total, os.kernel, gpu [] without a GPU, Ollama version', async () => {
    const { code, stdout, stderr } = await runCli(['hardware', '--json', '--host', standIn.url]);
    assert.equal(code, 0, stderr);
    const config = JSON.parse(stdout);
    assert.equal(typeof config.cpu.model, 'string');
    assert.ok(config.cpu.cores >= 1);
    assert.ok(config.ram.total > 0);
    assert.equal(typeof config.os.kernel, 'string');
    assert.ok(Array.isArray(config.gpu));
    if ((await si.graphics()).controllers.length === 0) assert.deepEqual(config.gpu, []);
    assert.equal(config.ollama.version, '0.12.6');
    assert.match(config.fingerprint, /^[0-9a-f]{32}$/);
  });

  it('text: one line per part; what is missing says "not available"', async () => {
    const { code, stdout } = await runCli(['hardware', '--host', standIn.url]);
    assert.equal(code, 0);
    for (const label of ['CPU', 'GPU', 'RAM', 'Storage', 'OS', 'BIOS', 'Ollama', 'Fingerprint']) {
      assert.match(stdout, new RegExp(`^${label}`, 'm'), label);
    }
    assert.match(stdout, /^Ollama\s+0\.12\.6 at http:\/\/127\.0\.0\.1:\d+/m);
    if ((await si.graphics()).controllers.length === 0) {
      assert.match(stdout, /^GPU\s+not available/m);
    }
  });

  it('an unreachable Ollama still prints the machine, and says Ollama did not answer', async () => {
    // A refused port (port 9, "discard", would be one Node's fetch blocks: a host error instead).
    const host = `http://127.0.0.1:${await closedPort()}`;
    const { code, stdout } = await runCli(['hardware', '--host', host]);
    assert.equal(code, 0);
    assert.ok(stdout.includes(`not available (no answer at ${host})`), stdout);
    assert.match(stdout, /^Ollama\s+not available/m);
  });

  it('a malformed --host is a usage error (exit 2) that says what is wrong', async () => {
    const { code, stderr } = await runCli(['hardware', '--host', 'ftp://x']);
    assert.equal(code, 2);
    assert.match(stderr, /scheme must be http or https/);
  });
});
