// "New Benchmark Plan…": a name, then quick picks for models, suites, num_ctx values, concurrency
// (only with a concurrency suite) and repetitions; before it saves, it says how many configurations
// the plan has and how many are already planned.
import * as vscode from 'vscode';
import { DEFAULT_NUM_CTX } from '../../core/bench/runOptions';
import { BUILTIN_SUITES, DEFAULT_CONCURRENCY } from '../../core/bench/suites';
import { discoverModels } from '../../core/ollama/discovery';
import { describeModel } from '../../core/ollama/modelPresentation';
import type { OpenedStore } from '../../core/repositories/openedStore';
import type { CreatePlanResult, PlanInput } from '../../shared/plans';

const STEPS = 7;
const title = (n: number, what: string) => `New Benchmark Plan (${n}/${STEPS}): ${what}`;

function numberList(text: string): number[] | undefined {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const nums = parts.map(Number);
  return parts.length && nums.every((n) => Number.isInteger(n) && n > 0) ? nums : undefined;
}

export async function newBenchmarkPlan(
  host: string,
  getStore: () => Promise<OpenedStore>,
  log: vscode.LogOutputChannel,
): Promise<CreatePlanResult | undefined> {
  const name = await vscode.window.showInputBox({
    title: title(1, 'name'),
    prompt: 'A name for the plan (the same name again adds only what is new)',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'A plan needs a name'),
  });
  if (!name) return undefined;

  let store: OpenedStore;
  let models: { name: string; description: string }[];
  try {
    const [found, s] = await Promise.all([
      discoverModels(host, { timeoutMs: 5000 }).catch((err: unknown) => {
        log.warn(`New plan: ${err instanceof Error ? err.message : String(err)}`);
        return [];
      }),
      getStore(),
    ]);
    store = s;
    models = found.map((m) => ({ name: m.name, description: describeModel(m) }));
  } catch (err) {
    void vscode.window.showErrorMessage(
      `Cannot create a plan: ${err instanceof Error ? err.message : String(err)}`,
    );
    return undefined;
  }
  // Models this Ollama has, plus any typed by hand (a plan may target another machine's models).
  const modelPick = await vscode.window.showQuickPick(
    models.map((m) => ({ label: m.name, description: m.description })),
    {
      canPickMany: true,
      title: title(2, 'models'),
      placeHolder: models.length
        ? 'Models to plan'
        : `Ollama at ${host} lists no models; press Esc and pull one first`,
      ignoreFocusOut: true,
    },
  );
  if (!modelPick?.length) return undefined;

  const custom = await store.suites.list().catch(() => []);
  const suitePick = await vscode.window.showQuickPick(
    [...BUILTIN_SUITES, ...custom].map((s) => ({
      label: s.name,
      description: s.kind,
      detail: s.description,
      picked: s.name === 'A',
      suite: s,
    })),
    { canPickMany: true, title: title(3, 'test suites'), ignoreFocusOut: true },
  );
  if (!suitePick?.length) return undefined;

  const ctxText = await vscode.window.showInputBox({
    title: title(4, 'num_ctx values'),
    prompt: 'Comma-separated context lengths, e.g. 2048, 8192',
    value: String(DEFAULT_NUM_CTX),
    ignoreFocusOut: true,
    validateInput: (v) => (numberList(v) ? undefined : 'Whole numbers > 0, comma-separated'),
  });
  const numCtx = ctxText === undefined ? undefined : numberList(ctxText);
  if (numCtx === undefined) return undefined;

  let concurrency: number[] | undefined;
  if (suitePick.some((p) => p.suite.kind === 'concurrency')) {
    const text = await vscode.window.showInputBox({
      title: title(5, 'concurrency'),
      prompt: 'Parallel stream counts for the concurrency suites, comma-separated',
      value: DEFAULT_CONCURRENCY.join(', '),
      ignoreFocusOut: true,
      validateInput: (v) => (numberList(v) ? undefined : 'Whole numbers ≥ 1, comma-separated'),
    });
    if (text === undefined) return undefined;
    concurrency = numberList(text);
  }

  const reps = await vscode.window.showInputBox({
    title: title(6, 'repetitions'),
    prompt: 'Measured repetitions per configuration',
    value: '3',
    ignoreFocusOut: true,
    validateInput: (v) =>
      /^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 100
        ? undefined
        : 'A whole number from 1 to 100',
  });
  if (reps === undefined) return undefined;

  const input: PlanInput = {
    name: name.trim(),
    models: modelPick.map((p) => p.label),
    suites: suitePick.map((p) => p.suite.name),
    num_ctx: numCtx,
    ...(concurrency ? { concurrency } : {}),
    repetitions: Number(reps.trim()),
  };
  const plans = store.plans;
  let preview: { total: number; existing: number };
  try {
    preview = await plans.previewPlan(input, custom);
  } catch (err) {
    void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
    return undefined;
  }
  const save = await vscode.window.showQuickPick(
    [
      {
        label: '$(save) Save Plan',
        description: `${preview.total - preview.existing} new`,
        save: true,
      },
      { label: '$(close) Cancel', save: false },
    ],
    {
      title: title(7, `${preview.total} configurations (${preview.existing} already planned)`),
      placeHolder: `${preview.total} configurations (${preview.existing} already planned)`,
      ignoreFocusOut: true,
    },
  );
  if (!save?.save) return undefined;
  return plans.createPlan(input, custom);
}
