// The measured part of a rate test: requests arriving on a schedule (constant or Poisson, seeded
// by the run's seed) whether or not earlier ones finished, one level at a time. Without a sweep,
// one level at the asked rate; with one, as GuideLLM: synchronous, throughput, then the rates
// between (sweepRates.ts), stopping early when a level over-saturates (saturation.ts). Each
// finished level is summarised (rateLevelFigures.ts), kept in the test's figures and stored
// before the next starts; a cancelled run stops sending at once and keeps the finished levels.
import type { RepetitionFigures } from '../../shared/dto';
import type { RateLevel, RateMode } from '../../shared/workloadTypes';
import { abortError, observeGeneration } from '../bench/generation';
import { repetitionFigures } from '../bench/metrics';
import type { RepetitionLoopDeps } from '../bench/repetitionLoop';
import type { RunSuite } from '../bench/runOptions';
import { suitePrompt } from '../bench/suites';
import type { TestProgress } from '../bench/testResult';
import { arrivalSchedule } from './arrivalSchedule';
import { runClosedLoop, runOnSchedule, type RequestOutcome } from './arrivalScheduler';
import { realLevelClock } from './levelClock';
import type { RateRequest } from './rateRequest';
import { rateLevelFigures } from './rateLevelFigures';
import { saturated } from './saturation';
import { markKnee, maxSustainableRps } from './sustainableRate';
import { runSweep } from './sweep';
import { resolveWorkloadOptions, THROUGHPUT_STREAMS } from './workloadOptions';

/** The figure a level is announced and stored with as the test's repetition. */
function levelFigure(level: RateLevel, index: number): RepetitionFigures {
  return {
    index,
    nonce: `${level.mode} ${level.rate_rps} rps`,
    rate_rps: level.rate_rps,
    ...(level.ttft_ms_p50 !== undefined ? { ttft_ms: level.ttft_ms_p50 } : {}),
    ...(level.tpot_ms_p50 !== undefined ? { tpot_ms: level.tpot_ms_p50 } : {}),
    e2e_ms: level.e2e_ms_p50 ?? 0,
    aggregate_tokens_per_second: level.output_tokens_per_second,
    eval_count: 0,
    eval_duration_ns: 0,
    prompt_eval_count: 0,
    prompt_eval_duration_ns: 0,
    total_duration_ns: 0,
    load_duration_ns: 0,
  };
}

export async function runRateLevels(
  suite: RunSuite,
  progress: TestProgress,
  deps: RepetitionLoopDeps,
): Promise<void> {
  const options = deps.workload ?? resolveWorkloadOptions();
  const clock = deps.levelClock ?? realLevelClock;
  const { slo } = options;
  const levels: RateLevel[] = [];
  let sent = 0;
  const send = async (): Promise<RequestOutcome> => {
    const nonce = deps.nonce();
    const observed = await observeGeneration(
      deps.clientFor,
      deps.request(suitePrompt(suite, sent++), nonce),
      deps.clock,
      deps.signal,
      deps.timeouts,
    );
    const f = repetitionFigures(observed, 0, nonce);
    const ttft = f.ttft_ms;
    const busyMs = (f.load_duration_ns + f.prompt_eval_duration_ns) / 1e6;
    return {
      ...(ttft !== undefined ? { ttft_ms: ttft, wait_ms: Math.max(0, ttft - busyMs) } : {}),
      ...(f.tpot_ms !== undefined ? { tpot_ms: f.tpot_ms } : {}),
      ...(f.itl_p50_ms !== undefined ? { itl_ms: f.itl_p50_ms } : {}),
      e2e_ms: f.e2e_ms,
      eval_count: f.eval_count,
    };
  };
  const bounds = { requests: options.requests, durationMs: options.durationMs };
  const finish = (stopped?: string) => {
    const marked = markKnee(levels);
    progress.workload = {
      rate_levels: marked,
      goodput_rps: Math.max(0, ...marked.map((l) => l.goodput_rps)),
      max_sustainable_rps: maxSustainableRps(marked),
      slo,
      ...(stopped ? { sweep_stopped: stopped } : {}),
    };
  };
  const level = async (mode: RateMode, rate: number | undefined, requests: RateRequest[]) => {
    if (deps.signal?.aborted) {
      finish('cancelled: the levels before it are kept');
      throw abortError();
    }
    const figures = rateLevelFigures(mode, rate, requests, slo);
    if (mode === 'constant' || mode === 'poisson') figures.saturated = saturated(requests);
    levels.push(figures);
    finish();
    const rep = levelFigure(figures, progress.reps.length);
    progress.reps.push(rep);
    await deps.onRepetition(rep);
    return figures;
  };
  const scheduled = (rate: number) =>
    runOnSchedule(
      arrivalSchedule({ rate, arrival: options.arrival, seed: suite.options.seed, ...bounds }),
      send,
      clock,
      deps.signal,
    );
  if (!options.sweep) {
    await level(options.arrival, options.rate, await scheduled(options.rate));
    return;
  }
  const stopped = await runSweep(
    async (mode, rate) =>
      level(
        mode,
        rate,
        rate !== undefined
          ? await scheduled(rate)
          : await runClosedLoop(
              { streams: mode === 'synchronous' ? 1 : THROUGHPUT_STREAMS, ...bounds },
              send,
              clock,
              deps.signal,
            ),
      ),
    options.arrival,
    options.rates,
  );
  if (stopped) {
    finish(stopped);
    deps.log?.(`sweep stopped early: ${stopped}.`);
  }
}
