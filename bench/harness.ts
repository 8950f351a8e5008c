// What the measuring costs and whether it reports the server's own figures exactly: streams from
// the Ollama stand-in (a separate process, so its CPU is not counted here) at 5 000 tokens/s and
// prints, per chunk, the client's CPU time with the benchmark harness and with a bare loop over
// the same client (the difference is the harness's own cost), plus the rate error of the
// harness's tokens/s against the stand-in's counters (eval_count / eval_duration), which must be 0.
//
//   npm run bench:harness [-- --requests 8 --tokens 2000 --tps 5000]
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Ollama } from 'ollama';
import { createOllamaClient } from '../src/core/ollama/ollamaClient';
import { generateRequest, observeGeneration } from '../src/core/bench/generation';
import { resolveRunOptions, suiteRequestOptions } from '../src/core/bench/runOptions';
import { ratePerSecond, repetitionFigures } from '../src/core/bench/metrics';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const requests = arg('requests', 8);
const tokens = arg('tokens', 2000);
const tps = arg('tps', 5000);

async function startStandIn(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, '..', 'test', 'fixtures', 'ollamaStandIn.ts'),
      '--tps',
      String(tps),
      '--load-ms',
      '10',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const m = /OLLAMA_STANDIN_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`stand-in exited (${code})`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** A client whose stream is already in memory: what remains is the harness's own work per chunk. */
function inMemoryClient(chunks: number): Ollama {
  const token = { model: 'm', created_at: new Date(), response: ' tok', done: false };
  const last = {
    ...token,
    response: '',
    done: true,
    done_reason: 'length',
    eval_count: chunks,
    eval_duration: 1e9,
  };
  return {
    generate: async () => ({
      abort() {},
      async *[Symbol.asyncIterator]() {
        for (let i = 0; i < chunks; i++) yield token;
        yield last;
      },
    }),
  } as unknown as Ollama;
}

async function inMemoryCost(chunks: number): Promise<{ harness: number; bare: number }> {
  const client = inMemoryClient(chunks);
  const run = resolveRunOptions({ num_ctx: 1, seed: 1, keep_alive: '1m' });
  const req = generateRequest(
    'm',
    'p',
    'n',
    suiteRequestOptions({ num_predict: chunks }, run),
    run.keep_alive,
  );
  const clock = () => performance.now();
  let harness = Infinity;
  let bare = Infinity;
  for (let round = 0; round < 5; round++) {
    let t = performance.now();
    await observeGeneration(client, req, clock, undefined, run.timeouts);
    harness = Math.min(harness, ((performance.now() - t) * 1000) / (chunks + 1));
    t = performance.now();
    let n = 0;
    for await (const _c of await client.generate(req)) n++;
    bare = Math.min(bare, ((performance.now() - t) * 1000) / n);
  }
  return { harness, bare };
}

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

async function main() {
  const standIn = await startStandIn();
  try {
    const client = createOllamaClient(standIn.url);
    const run = resolveRunOptions({ num_ctx: 4096, seed: 42, keep_alive: '10m' });
    const request = (i: number) =>
      generateRequest(
        'llama3.2:3b',
        'Count slowly.',
        `bench${i}`,
        suiteRequestOptions({ num_predict: tokens }, run),
        run.keep_alive,
      );
    const clock = () => performance.now();
    // Warm-up: load the model, JIT the paths.
    await observeGeneration(client, request(-1), clock, undefined, run.timeouts);

    let harnessCpu = 0;
    let harnessChunks = 0;
    let bareCpu = 0;
    let bareChunks = 0;
    let worstError = 0;
    let clientVsServer = 0;
    for (let i = 0; i < requests; i++) {
      // Interleaved with a bare loop over the same client, so drift affects both alike.
      const bareStart = cpuMicros();
      const it = await client.generate(request(requests + i));
      for await (const _chunk of it) bareChunks++;
      bareCpu += cpuMicros() - bareStart;
      const before = cpuMicros();
      const obs = await observeGeneration(client, request(i), clock, undefined, run.timeouts);
      harnessCpu += cpuMicros() - before;
      harnessChunks += obs.tokenTimes.length + 1;
      const figures = repetitionFigures(obs, i, `bench${i}`);
      const fromCounters = ratePerSecond(obs.final.eval_count, obs.final.eval_duration)!;
      worstError = Math.max(worstError, Math.abs(figures.tokens_per_second! - fromCounters));
      const clientRate =
        (obs.tokenTimes.length - 1) / ((obs.tokenTimes.at(-1)! - obs.tokenTimes[0]!) / 1000);
      clientVsServer += (clientRate - fromCounters) / fromCounters / requests;
      if (obs.tokenTimes.length !== obs.final.eval_count) {
        throw new Error(
          `chunks seen ${obs.tokenTimes.length} ≠ eval_count ${obs.final.eval_count}`,
        );
      }
    }

    const memory = await inMemoryCost(200_000);
    const perChunk = harnessCpu / harnessChunks;
    const barePerChunk = bareCpu / bareChunks;
    const own = memory.harness - memory.bare;
    const lines = [
      `stand-in: ${tps} tok/s, ${requests} requests × ${tokens} tokens (${harnessChunks} chunks measured)`,
      `client CPU per chunk over HTTP, with the harness: ${perChunk.toFixed(2)} µs (bare loop: ${barePerChunk.toFixed(2)} µs)`,
      `harness's own cost per chunk (in memory, best of 5): ${memory.harness.toFixed(3)} µs, of which iteration ${memory.bare.toFixed(3)} µs → ${own.toFixed(3)} µs (${((own / (1e6 / tps)) * 100).toFixed(3)} % of a token gap at ${tps} tok/s)`,
      `rate error vs the stand-in's counters: ${worstError} tok/s (must be 0)`,
      `client-clock rate vs counters (info):  ${(clientVsServer * 100).toFixed(2)} % mean difference`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (worstError !== 0) process.exitCode = 1;
  } finally {
    standIn.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:harness: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
