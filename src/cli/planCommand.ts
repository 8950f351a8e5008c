// `ollama-bench plan …`: a benchmark plan is a matrix of configurations queued in the store
// (src/core/plans/); workers on any machine that shares the store run them (`ollama-bench worker`).
// Bad input exits 2 with a message and stores nothing.
import type { Command } from 'commander';
import { DEFAULT_NUM_CTX } from '../core/bench/runOptions';
import { DEFAULT_REPETITIONS, MAX_REPETITIONS } from '../core/bench/suites';
import { createHardwareMonitor } from '../core/hardware/systemHardwareMonitor';
import { parseDurationMs } from '../core/plans/duration';
import { PlanInputError } from '../core/plans/planMatrix';
import { inertCell } from '../core/text/terminalText';
import { DEFAULT_STALE_AFTER_MS } from '../core/plans/planRepository';
import { askedWorkloadSettings } from '../core/workloads/workloadSettings';
import {
  ANY_MACHINE,
  LARGE_PLAN_CONFIGS,
  planProgressText,
  type PlanStatus,
} from '../shared/plans';
import {
  addStoreOption,
  list,
  optionalWholeNumber,
  wholeNumberList,
  withStore,
  type JsonOptionValues,
  type StoreOptionValues,
  jsonOption,
  numPredictFrom,
  repetitionsFrom,
  addWorkloadOptions,
  workloadOptionsFrom,
  type WorkloadOptionValues,
} from './options';

const print = (json: boolean | undefined, data: unknown, text: string) =>
  process.stdout.write(json ? `${JSON.stringify(data)}\n` : `${text}\n`);

function etaText(s: number | null): string {
  if (s === null) return 'ETA unknown';
  if (s === 0) return 'done';
  return s < 90
    ? `ETA ${s} s`
    : s < 5400
      ? `ETA ${Math.round(s / 60)} min`
      : `ETA ${(s / 3600).toFixed(1)} h`;
}

function statusText(s: PlanStatus): string {
  const lines = [
    `${inertCell(s.name)}: ${planProgressText(s)} · ${s.counts.pending} pending · ${etaText(s.eta_s)}`,
  ];
  for (const [host, m] of Object.entries(s.machines))
    lines.push(
      `  ${inertCell(host)}: ${m.completed} completed, ${m.running} running, ${m.failed} failed`,
    );
  return lines.join('\n');
}

interface CreateValues extends StoreOptionValues, JsonOptionValues, WorkloadOptionValues {
  name: string;
  description?: string;
  models: string;
  suites: string;
  numCtx: string;
  concurrency?: string;
  repetitions: string;
  numPredict?: string;
  priority?: string;
  machine: string;
  maxRetries?: string;
  yesLarge?: boolean;
}

export function registerPlanCommand(program: Command): void {
  const plan = program
    .command('plan')
    .description(
      'Benchmark plans: a matrix of configurations queued in the store, run by `ollama-bench worker` on one or many machines.',
    );

  addStoreOption(
    addWorkloadOptions(
      plan
        .command('create')
        .description(
          'Queue the cross product of models × suites × num_ctx (× concurrency); adding values adds only the new points.',
        )
        .requiredOption('--name <name>', 'the plan (creating it again adds only what is new)')
        .requiredOption('--models <names>', 'comma-separated model names')
        .option(
          '--suites <names>',
          'comma-separated suites (A, B, C, E, V, depth, prefix, rate or saved suites; eval:core or eval:FILE scores each model on an eval set once, skipped where already measured)',
          'A',
        )
        .option('--num-ctx <values>', 'comma-separated context lengths', String(DEFAULT_NUM_CTX))
        .option('--concurrency <values>', 'comma-separated stream counts (concurrency suites only)')
        .option(
          '--repetitions <n>',
          `measured repetitions per config, 1–${MAX_REPETITIONS}`,
          String(DEFAULT_REPETITIONS),
        )
        .option('--num-predict <n>', "override every suite's tokens to generate")
        .option('--priority <n>', 'lower runs first (default 100)')
        .option('--machine <any|this>', 'run anywhere, or only on this machine', ANY_MACHINE)
        .option(
          '--max-retries <n>',
          'how often a config may lose its worker before it fails (default 2)',
        )
        .option('--description <text>', 'what the plan is for')
        .option('--yes-large', `queue a plan of more than ${LARGE_PLAN_CONFIGS} configurations`)
        .addOption(jsonOption('print {"plan_id","name","added","existing","total"}')),
    ),
  ).action(async (opts: CreateValues) => {
    // Checked before the store opens: a typo costs nothing.
    const input = {
      name: opts.name,
      description: opts.description,
      models: list(opts.models),
      suites: list(opts.suites),
      num_ctx: wholeNumberList(opts.numCtx, '--num-ctx'),
      concurrency: opts.concurrency
        ? wholeNumberList(opts.concurrency, '--concurrency')
        : undefined,
      repetitions: repetitionsFrom(opts),
      num_predict: numPredictFrom(opts),
      // The depth and rate suites' options, as `run` takes them; each config keeps its kind's.
      workload: askedWorkloadSettings(workloadOptionsFrom(opts)),
      // Any whole number, negative too: planMatrix checks it.
      priority: opts.priority === undefined ? undefined : Number(opts.priority),
      max_retries: optionalWholeNumber(opts.maxRetries, '--max-retries', 0),
      machine: opts.machine,
      allow_large: opts.yesLarge === true,
    };
    if (opts.machine === 'this') {
      input.machine = (await createHardwareMonitor().inventory()).fingerprint;
    } else if (opts.machine !== ANY_MACHINE && !/^[0-9a-f]{16,}$/i.test(opts.machine)) {
      throw new PlanInputError(
        `--machine must be "any", "this" or a hardware fingerprint, not "${opts.machine}"`,
      );
    }
    await withStore(opts, async (store) => {
      const r = await store.plans.createPlan(input, await store.suites.list());
      print(
        opts.json,
        r,
        `plan ${r.name}: ${r.added} configuration(s) added, ${r.existing} already planned (${r.total} in all). Run them with: ollama-bench worker --plan ${JSON.stringify(r.name)}`,
      );
    });
  });

  addStoreOption(
    plan
      .command('status [name]')
      .description('Counts per status, done/total, an ETA and progress per machine.')
      .addOption(jsonOption('print {"plans": [{name, plan_id, counts, total, eta_s}]}')),
  ).action(async (name: string | undefined, opts: StoreOptionValues & JsonOptionValues) => {
    await withStore(opts, async (store) => {
      const plans = await store.plans.status(name);
      print(
        opts.json,
        { plans },
        plans.length
          ? plans.map(statusText).join('\n')
          : 'No plans yet: create one with `ollama-bench plan create`.',
      );
    });
  });

  addStoreOption(
    plan.command('list').description('The plans in the store.').addOption(jsonOption('print JSON')),
  ).action(async (opts: StoreOptionValues & JsonOptionValues) => {
    await withStore(opts, async (store) => {
      const plans = await store.plans.status();
      print(
        opts.json,
        {
          plans: plans.map(({ name, plan_id, total, counts }) => ({
            name,
            plan_id,
            total,
            counts,
          })),
        },
        plans.length
          ? plans.map((p) => `${inertCell(p.name)}  ${planProgressText(p)}`).join('\n')
          : 'No plans yet.',
      );
    });
  });

  addStoreOption(
    plan
      .command('cancel <name>')
      .description('Pending configs of the plan → cancelled (running ones finish).')
      .addOption(jsonOption('print JSON')),
  ).action(async (name: string, opts: StoreOptionValues & JsonOptionValues) => {
    await withStore(opts, async (store) => {
      const cancelled = await store.plans.cancelPlan(name);
      print(
        opts.json,
        { name, cancelled },
        `plan ${name}: ${cancelled} pending configuration(s) cancelled`,
      );
    });
  });

  addStoreOption(
    plan
      .command('retry <name>')
      .description('Failed configs of the plan → pending again.')
      .option('--failed', 'retry the failed configs (required: says what is retried)')
      .addOption(jsonOption('print JSON')),
  ).action(
    async (name: string, opts: StoreOptionValues & JsonOptionValues & { failed?: boolean }) => {
      if (!opts.failed) throw new PlanInputError('Say what to retry: `plan retry NAME --failed`.');
      await withStore(opts, async (store) => {
        const retried = await store.plans.retryFailed(name);
        print(
          opts.json,
          { name, retried },
          `plan ${name}: ${retried} failed configuration(s) pending again`,
        );
      });
    },
  );

  addStoreOption(
    plan
      .command('reset-stale')
      .description(
        'Running configs without a heartbeat for a while → pending (retry + 1), or failed past their retries.',
      )
      .option(
        '--older-than <duration>',
        'heartbeat older than this, e.g. 30s, 2m',
        `${DEFAULT_STALE_AFTER_MS / 1000}s`,
      )
      .addOption(jsonOption('print JSON')),
  ).action(async (opts: StoreOptionValues & JsonOptionValues & { olderThan: string }) => {
    const ms = parseDurationMs(opts.olderThan, '--older-than');
    await withStore(opts, async (store) => {
      const r = await store.plans.resetStale(ms);
      print(
        opts.json,
        r,
        `${r.reset} stale configuration(s) back to pending, ${r.failed} failed (out of retries)`,
      );
    });
  });

  addStoreOption(
    plan
      .command('delete <name>')
      .description('Remove the plan and its configs; sessions and results are kept.')
      .option('--yes', 'really delete')
      .addOption(jsonOption('print JSON')),
  ).action(async (name: string, opts: StoreOptionValues & JsonOptionValues & { yes?: boolean }) => {
    await withStore(opts, async (store) => {
      const plan = await store.plans.requirePlan(name);
      if (!opts.yes) {
        const total = (await store.plans.configsOf(plan._id)).length;
        throw new PlanInputError(
          `This deletes plan ${name} and its ${total} configuration(s) (sessions and results stay). Run again with --yes to do it.`,
        );
      }
      const configs = await store.plans.deletePlan(name);
      print(
        opts.json,
        { name, deleted: configs },
        `plan ${name} deleted with ${configs} configuration(s); its sessions and results are kept`,
      );
    });
  });
}
