// How honest the load generator is, on the Ollama stand-in (in a child process, so the CPU time
// measured is the generator's own): a constant 20 requests/s for 30 s, then Poisson arrivals at
// 20 requests/s for 30 s, each request a streamed generation of 8 tokens through the same
// scheduler and client a rate test uses. Prints the achieved arrival rate against the asked one
// (goal: error ≤ 1 %), the Kolmogorov–Smirnov test of the Poisson level's actual inter-send gaps
// against the exponential of the asked rate (goal: p > 0.05), the p99 lateness of a send against
// its schedule, and the client's CPU time per request; the last line is the rate error in percent.
// Timings on a shared machine are noisy.
//
//   npm run bench:load [-- --rate 20 --seconds 30]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Ollama } from 'ollama';
import { generateRequest, observeGeneration } from '../src/core/bench/generation';
import { DEFAULT_STREAM_TIMEOUTS } from '../src/core/bench/runOptions';
import { percentile } from '../src/core/bench/stats';
import {
  arrivalSchedule,
  interArrivalGaps,
  type Arrival,
} from '../src/core/workloads/arrivalSchedule';
import { runOnSchedule } from '../src/core/workloads/arrivalScheduler';
import { ksExponential } from '../src/core/workloads/ksTest';
import { realLevelClock } from '../src/core/workloads/levelClock';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rate = arg('rate', 20);
const seconds = arg('seconds', 30);

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'loadStandIn.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [first] = (await once(child.stdout, 'data')) as [Buffer];
  const host = first.toString().trim();
  const client = new Ollama({ host });
  const options = { num_predict: 8, num_ctx: 2048, seed: 1, temperature: 0, think: false as const };
  let n = 0;
  const send = async () => {
    const observed = await observeGeneration(
      client,
      generateRequest('llama3.2:3b', 'Say hello.', `load-${n++}`, options, '10m'),
      realLevelClock.now,
      undefined,
      DEFAULT_STREAM_TIMEOUTS,
    );
    return { e2e_ms: observed.tEnd - observed.t0, eval_count: observed.final.eval_count ?? 0 };
  };
  await send(); // the cold load, not measured
  const level = async (arrival: Arrival) => {
    const schedule = arrivalSchedule({ rate, arrival, durationMs: seconds * 1000, seed: 42 });
    const cpu = process.cpuUsage();
    const records = await runOnSchedule(schedule, send, realLevelClock);
    const used = process.cpuUsage(cpu);
    const sent = records.map((r) => r.sentMs).sort((a, b) => a - b);
    const span = (sent.at(-1) ?? 0) - (sent[0] ?? 0);
    return {
      records,
      achieved: ((sent.length - 1) / span) * 1000,
      scheduled: ((schedule.length - 1) / ((schedule.at(-1) ?? 0) - (schedule[0] ?? 0))) * 1000,
      gaps: interArrivalGaps(sent),
      lagP99: percentile(
        records.map((r) => r.sentMs - r.scheduledMs),
        0.99,
      ),
      cpuMsPerRequest: (used.user + used.system) / 1000 / records.length,
      failed: records.filter((r) => !r.ok).length,
    };
  };
  const constant = await level('constant');
  const error = (Math.abs(constant.achieved - rate) / rate) * 100;
  console.log(
    `constant: asked ${rate} req/s, achieved ${constant.achieved.toFixed(3)} req/s over ${constant.records.length} requests (error ${error.toFixed(3)} %, goal ≤ 1 %); send lag p99 ${constant.lagP99.toFixed(2)} ms; ${constant.failed} failed`,
  );
  const poisson = await level('poisson');
  const ks = ksExponential(poisson.gaps, rate);
  console.log(
    `poisson: asked ${rate} req/s, achieved ${poisson.achieved.toFixed(3)} req/s (the seeded schedule's own ${poisson.scheduled.toFixed(3)}) over ${poisson.records.length} requests; KS against exponential(${rate}/s): D ${ks.d.toFixed(4)}, p ${ks.p.toFixed(3)} (${ks.p > 0.05 ? 'passes' : 'FAILS'}, goal p > 0.05); send lag p99 ${poisson.lagP99.toFixed(2)} ms; ${poisson.failed} failed`,
  );
  const cpu = (constant.cpuMsPerRequest + poisson.cpuMsPerRequest) / 2;
  console.log(
    `client CPU per request: ${cpu.toFixed(3)} ms (user + system, the stand-in excluded)`,
  );
  console.log(`rate error: ${error.toFixed(3)} %`);
  child.stdin.end();
  if (error > 1 || ks.p <= 0.05) process.exitCode = 1;
}

void main();
