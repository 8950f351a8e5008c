// An `ollama serve` of the tune's own, for a server setting that needs a restart: the given
// binary started with the setting's environment on a free loopback port (OLLAMA_HOST), ready once
// it answers, stopped (SIGTERM, then SIGKILL) after its trial.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface ServedOllama {
  readonly url: string;
  stop(): Promise<void>;
}

/** A port nobody listens on now, on the loopback interface. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startServedOllama(
  binary: string,
  env: Record<string, string>,
  options: { readyTimeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<ServedOllama> {
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binary, ['serve'], {
    env: { ...process.env, ...env, OLLAMA_HOST: `127.0.0.1:${port}` },
    stdio: 'ignore',
  });
  const exited = new Promise<string>((resolve) => {
    child.once('error', (err) => resolve(err.message));
    child.once('exit', (code, signal) => resolve(`exited with ${signal ?? code}`));
  });
  const stop = () => stopChild(child);
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  const get = options.fetch ?? fetch;
  for (;;) {
    const gone = await Promise.race([exited, pause(100).then(() => undefined)]);
    if (gone !== undefined) throw new Error(`${binary} serve ${gone} before it answered`);
    const ok = await get(url, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${binary} serve did not answer at ${url} in time`);
    }
  }
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await done;
  clearTimeout(timer);
}
