// `ollama-bench tune`: the fastest per-request options for a model on this machine, found within
// a time budget (src/core/tune/), each trial a stored session tagged with the tune's id. Prints
// the winner, its gain over Ollama's defaults, every trial, a Modelfile and the command that
// builds it (or all of it as JSON); --apply builds the tuned model through /api/create, --serve
// measures the server settings that need a restart on a server of its own. Ctrl-C stops the
// search and still prints the best so far (then exits 130).
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { preflight } from '../core/bench/preflight';
import { runSession } from '../core/bench/runner';
import { resolveRunOptions } from '../core/bench/runOptions';
import { resolveSuites } from '../core/bench/suites';
import { parseByteAmount } from '../core/fit/byteAmount';
import { serverKvCacheType } from '../core/fit/kvCacheType';
import { InputError } from '../core/failures/inputError';
import { createHardwareMonitor } from '../core/hardware/systemHardwareMonitor';
import { createOllamaClient } from '../core/ollama/ollamaClient';
import { embeddedStoreDir } from '../core/store/storeLocation';
import { JournalingRunStore, runJournalDirs } from '../core/store/runStore';
import { createBody } from '../core/tune/modelfile';
import { newTuneId, prepareTune } from '../core/tune/tunePreparation';
import { envText, serverAdvice } from '../core/tune/serverAdvice';
import { serverTrials } from '../core/tune/serverTrials';
import { startBudget, parseBudget } from '../core/tune/tuneBudget';
import { GOAL_MEASURES, isTuneGoal, TUNE_GOALS } from '../core/tune/tuneGoal';
import { tuneJson, tuneText, type ServerTrial } from '../core/tune/tuneReport';
import { runTune, type TuneOutcome } from '../core/tune/tuneRun';
import { settingKey } from '../core/tune/tuneSetting';
import { trialRunner } from '../core/tune/trialSession';
import type { Trial } from '../core/tune/tuneTrials';
import { cancelOnSignals, SIGNAL_EXIT_CODES } from './cancelOnSignals';
import { EXIT_CODES } from './exitCodes';
import {
  addHostOption,
  addJsonOption,
  addNumCtxOption,
  addNumPredictOption,
  addStoreOption,
  hostFrom,
  numCtxFrom,
  numPredictFrom,
  optionalWholeNumber,
  wholeNumber,
  withStore,
  type HostOptionValues,
  type JsonOptionValues,
  type NumCtxOptionValues,
  type NumPredictOptionValues,
  type StoreOptionValues,
} from './options';

interface TuneOptionValues
  extends
    StoreOptionValues,
    HostOptionValues,
    JsonOptionValues,
    NumCtxOptionValues,
    NumPredictOptionValues {
  model?: string;
  goal: string;
  budget: string;
  maxThreads?: string;
  vram: string;
  repetitions: string;
  apply?: boolean;
  serve?: string;
  hardware: boolean;
}

const say = (line: string) => process.stderr.write(`${line}\n`);

export function registerTuneCommand(program: Command): void {
  const command = program
    .command('tune')
    .description(
      "Find the fastest num_gpu, num_thread, num_batch and num_ctx for a model on this machine within a time budget, against Ollama's defaults; print a Modelfile.",
    )
    .option('--model <name>', 'the model to tune, as Ollama names it')
    .option('--goal <goal>', `what to make faster: ${TUNE_GOALS.join(', ')}`, 'decode')
    .option('--budget <duration>', 'time for the whole tune (10m, 90s, 1h)', '10m');
  addNumCtxOption(
    command,
    'fix the context instead of searching the largest that keeps the layers in VRAM',
  )
    .option(
      '--max-threads <n>',
      "the most threads to try (default: this machine's cores; needed when Ollama runs elsewhere)",
    )
    .option(
      '--vram <bytes|auto>',
      'GPU memory (24GB, 0 = no GPU); auto reads the hardware inventory',
      'auto',
    )
    .option('--repetitions <n>', 'repetitions of each screening trial, 2–20', '3');
  addNumPredictOption(
    command,
    "tokens each trial's requests generate (default: the goal's suite's)",
  )
    .option('--apply', 'create the tuned model M-tuned through /api/create after the search')
    .option(
      '--serve <path>',
      'the ollama binary: also measure server settings, each on its own ollama serve',
    )
    .option(
      '--no-hardware',
      'no hardware inventory or sampling (then give --max-threads and --vram)',
    );
  addHostOption(command);
  addJsonOption(command, 'print the answer as JSON');
  addStoreOption(command).action(async (opts: TuneOptionValues) => {
    if (!opts.model) throw new InputError('--model is required: the model to tune');
    const goal = opts.goal.trim().toLowerCase();
    if (!isTuneGoal(goal))
      throw new InputError(`--goal is ${TUNE_GOALS.join(', ')}, not "${opts.goal}"`);
    const budgetMs = parseBudget(opts.budget);
    const givenCtx = numCtxFrom(opts);
    const numCtx = resolveRunOptions({ num_ctx: givenCtx }).num_ctx;
    const givenThreads = optionalWholeNumber(opts.maxThreads, '--max-threads', 1);
    const repetitions = wholeNumber(opts.repetitions, '--repetitions', 2, 20);
    const numPredict = numPredictFrom(opts);
    const host = hostFrom(opts);
    const ready = await preflight(host, [opts.model]);
    if (!ready.ok) throw new Error(ready.message);
    const model = ready.resolved[opts.model] ?? opts.model;

    const monitor = opts.hardware ? createHardwareMonitor({ ollamaHost: host }) : undefined;
    const inventory = await monitor?.inventory().catch(() => undefined);
    const measure = GOAL_MEASURES[goal];
    const { plan, bytes, vramBytes } = await prepareTune(
      {
        host,
        model,
        goal,
        ...(givenCtx !== undefined ? { numCtx: givenCtx } : {}),
        defaultNumCtx: numCtx,
        ...(givenThreads !== undefined ? { maxThreads: givenThreads } : {}),
        vram:
          opts.vram.trim().toLowerCase() === 'auto' ? 'auto' : parseByteAmount(opts.vram, '--vram'),
        ...(inventory ? { inventory } : {}),
        kvCacheType: serverKvCacheType(),
        repetitions,
      },
      createOllamaClient(host, { requestTimeoutMs: 30_000 }),
    );
    const { space } = plan;
    const tuneId = newTuneId(new Date(), randomBytes(4).toString('hex'));

    await withStore(opts, async (store) => {
      const [suite] = resolveSuites([measure.suite], []);
      if (!suite) throw new Error(`The built-in suite ${measure.suite} is missing.`);
      const runStore = new JournalingRunStore(
        store.runWrites,
        runJournalDirs(embeddedStoreDir(opts.store)),
        (m) => say(`warning: ${m}`),
      );
      const cancel = cancelOnSignals();
      const budget = startBudget(budgetMs);
      const runnerFor = (url: string) =>
        trialRunner({
          model,
          goal,
          suite,
          tuneId,
          ...(numPredict !== undefined ? { numPredict } : {}),
          runSession,
          store: runStore,
          host: url,
          monitor,
          signal: cancel.signal,
        });
      say(
        `tune ${tuneId}: ${model}, goal ${goal}, budget ${opts.budget}; ${space.notes.join('; ')}`,
      );
      try {
        let count = 0;
        const outcome = await runTune(plan, {
          runTrial: runnerFor(host),
          budget,
          signal: cancel.signal,
          onTrial: (t) => say(trialLine(++count, t, measure.unit)),
        });
        const server = await serverPart(outcome, opts, {
          budget,
          signal: cancel.signal,
          runnerFor,
          repetitions,
          advice: serverAdvice(bytes, vramBytes, numCtx),
          unit: measure.unit,
        });
        const answer = { model, tuneId, outcome, notes: space.notes, server };
        process.stdout.write(
          opts.json ? `${JSON.stringify(tuneJson(answer), null, 2)}\n` : `${tuneText(answer)}\n`,
        );
        const signal = cancel.signalName();
        if (signal) process.exitCode = SIGNAL_EXIT_CODES[signal];
        else if (!outcome.best) process.exitCode = EXIT_CODES.failed;
        else if (opts.apply) await apply(host, model, outcome);
      } finally {
        cancel.dispose();
      }
    });
  });
}

function trialLine(n: number, t: Trial, unit: string): string {
  const what = settingKey(t.setting);
  return t.status === 'ok' && t.value !== undefined
    ? `trial ${n} (${t.stage}) ${what}: ${t.value.toFixed(2)} ${unit}`
    : `trial ${n} (${t.stage}) ${what}: failed — ${t.error ?? 'no figure'}`;
}

/** With --serve, the server settings measured; without, the advice. */
async function serverPart(
  outcome: TuneOutcome,
  opts: TuneOptionValues,
  deps: {
    budget: ReturnType<typeof startBudget>;
    signal: AbortSignal;
    runnerFor: Parameters<typeof serverTrials>[2]['runnerFor'];
    repetitions: number;
    advice: ReturnType<typeof serverAdvice>;
    unit: string;
  },
): Promise<{ advice?: ReturnType<typeof serverAdvice>; measured?: ServerTrial[] }> {
  if (!opts.serve || !outcome.best || deps.signal.aborted) return { advice: deps.advice };
  const measured = await serverTrials(outcome.best.setting, deps.repetitions, {
    binary: opts.serve,
    budget: deps.budget,
    signal: deps.signal,
    runnerFor: deps.runnerFor,
    onTrial: (t) =>
      say(
        `server ${envText(t.env)}: ${t.status === 'ok' && t.value !== undefined ? `${t.value.toFixed(2)} ${deps.unit}` : `failed — ${t.error ?? ''}`}`,
      ),
  });
  return { measured };
}

/** --apply: says what it does, then creates M-tuned from M with the winner's parameters. */
async function apply(host: string, model: string, outcome: TuneOutcome): Promise<void> {
  const best = outcome.best;
  if (!best || outcome.confirmation === 'defaults_best') {
    say("--apply: nothing to create, Ollama's defaults were the fastest setting found");
    return;
  }
  const body = createBody(model, best.setting);
  say(
    `--apply: creating ${body.model} from ${model} with ${JSON.stringify(body.parameters)} (POST ${host}/api/create)`,
  );
  const client = createOllamaClient(host, { requestTimeoutMs: 120_000 });
  for await (const progress of await client.create(body)) say(`  ${progress.status}`);
  say(`created ${body.model}: ollama run ${body.model}`);
}
