// "New Test Suite…": a user's own suite (kept in `custom_suites`), step by step or as
// JSON, validated by the core's rules and saved through the store; the suite picker lists it.
import * as vscode from 'vscode';
import { parseSuiteJson, validateSuite } from '../../core/bench/suites';
import type { OpenedStore } from '../../core/repositories/openedStore';
import type { SuiteDefinition, SuiteKind } from '../../shared/dto';

const TEMPLATE = {
  name: 'My suite',
  description: 'What this suite measures',
  kind: 'custom',
  tags: ['mine'],
  prompts: ['Summarise the following paragraph in two sentences: …'],
  options: { num_predict: 128 },
};

export async function newTestSuite(
  getStore: () => Promise<OpenedStore>,
  log: vscode.LogOutputChannel,
): Promise<void> {
  const active = vscode.window.activeTextEditor;
  const jsonEditor =
    active?.document.languageId === 'json' || active?.document.languageId === 'jsonc'
      ? active
      : undefined;
  const ways = [
    { label: 'Step by step', detail: 'Name, kind, prompt and tokens to generate', way: 'guided' },
    ...(jsonEditor
      ? [
          {
            label: 'From the JSON in the active editor',
            detail: jsonEditor.document.fileName,
            way: 'editor',
          },
        ]
      : []),
    {
      label: 'Open a JSON template',
      detail: 'Edit it, then run New Test Suite… again',
      way: 'template',
    },
  ];
  const how = await vscode.window.showQuickPick(ways, { title: 'New Test Suite…' });
  if (!how) return;
  if (how.way === 'template') {
    const doc = await vscode.workspace.openTextDocument({
      language: 'json',
      content: JSON.stringify(TEMPLATE, null, 2),
    });
    await vscode.window.showTextDocument(doc);
    void vscode.window.showInformationMessage(
      'Edit the suite, then run "New Test Suite…" and choose "From the JSON in the active editor". ' +
        'Fields: name, description, kind (generation | prompt | concurrency | custom), tags, prompts, ' +
        'options (num_predict, num_ctx, temperature, seed, top_k, top_p), concurrency (e.g. [1, 2, 4]).',
    );
    return;
  }
  let store: OpenedStore;
  try {
    store = await getStore();
  } catch (err) {
    void vscode.window.showErrorMessage(
      `Cannot save a test suite: ${err instanceof Error ? err.message : String(err)}`,
    );
    return;
  }
  const existing = new Set((await store.suites.list().catch(() => [])).map((s) => s.name));
  const suite =
    how.way === 'editor' && jsonEditor
      ? fromEditor(jsonEditor.document.getText())
      : await guided(existing);
  if (!suite) return;
  if (existing.has(suite.name)) {
    const replace = 'Replace';
    const choice = await vscode.window.showWarningMessage(
      `A test suite named "${suite.name}" exists. Replace it?`,
      { modal: true },
      replace,
    );
    if (choice !== replace) return;
  }
  try {
    const now = new Date().toISOString();
    await store.suites.save({ ...suite, created_at: suite.created_at ?? now, updated_at: now });
    log.info(`Saved test suite "${suite.name}" (${suite.kind}, ${suite.prompts.length} prompts).`);
    void vscode.window.showInformationMessage(
      `Test suite "${suite.name}" saved; pick it in "Run Ollama benchmark".`,
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`Saving test suite "${suite.name}": ${message}`);
    void vscode.window.showErrorMessage(`Could not save the test suite: ${message}`);
  }
}

function fromEditor(text: string): SuiteDefinition | undefined {
  const result = parseSuiteJson(text);
  if (result.ok) return result.suite;
  void vscode.window.showErrorMessage(
    `This JSON is not a valid test suite: ${result.errors.join(' ')}`,
    { modal: true },
  );
  return undefined;
}

/** The steps of a suite; `initial` prefills them (Edit Test Suite…) and keeps what they do not ask. */
export async function guided(
  existing: Set<string>,
  initial?: SuiteDefinition,
): Promise<SuiteDefinition | undefined> {
  const title = (step: number) =>
    `${initial ? `Edit Test Suite "${initial.name}"` : 'New Test Suite…'} (${step}/5)`;
  const name = await vscode.window.showInputBox({
    title: title(1),
    prompt: 'Name (shown as the test type in results)',
    value: initial?.name,
    ignoreFocusOut: true,
    validateInput: (v) => {
      const r = validateSuite({ name: v, prompts: ['x'], options: { num_predict: 1 } });
      if (!r.ok) return r.errors[0];
      return existing.has(v.trim()) && v.trim() !== initial?.name
        ? `"${v.trim()}" exists; saving will ask to replace it.`
        : undefined;
    },
  });
  if (name === undefined) return undefined;
  const kinds: { label: string; suiteKind: SuiteKind; detail: string }[] = [
    { label: 'Custom', suiteKind: 'custom', detail: 'Judged by generation tokens/s' },
    {
      label: 'Generation',
      suiteKind: 'generation',
      detail: 'Short prompt, long answer: tokens/s, TPOT',
    },
    {
      label: 'Prompt processing',
      suiteKind: 'prompt',
      detail: 'Long prompt, short answer: prompt tokens/s, TTFT',
    },
    {
      label: 'Concurrency',
      suiteKind: 'concurrency',
      detail: '1, 2 and 4 parallel streams: aggregate tokens/s',
    },
    {
      label: 'Embedding',
      suiteKind: 'embedding',
      detail: '/api/embed with 1, 8 and 32 inputs: inputs/s, embedded tokens/s (embedding models)',
    },
    {
      label: 'Vision',
      suiteKind: 'vision',
      detail: 'The shipped image and the prompt: prefill and decode (models with vision)',
    },
  ];
  const kind = await vscode.window.showQuickPick(
    // The suite's own kind first, so Enter keeps it.
    [...kinds].sort(
      (a, b) => Number(b.suiteKind === initial?.kind) - Number(a.suiteKind === initial?.kind),
    ),
    { title: title(2), ignoreFocusOut: true },
  );
  if (!kind) return undefined;
  const prompt = await vscode.window.showInputBox({
    title: title(3),
    prompt:
      initial && initial.prompts.length > 1
        ? `The first prompt (the other ${initial.prompts.length - 1} are kept; edit them as JSON)`
        : 'The prompt (add more prompts later by editing the suite as JSON)',
    value: initial?.prompts[0],
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'A prompt is required'),
  });
  if (prompt === undefined) return undefined;
  const numPredict = await vscode.window.showInputBox({
    title: title(4),
    prompt: 'Tokens to generate per request (num_predict)',
    value: String(initial?.options.num_predict ?? 128),
    ignoreFocusOut: true,
    validateInput: (v) =>
      /^\d+$/.test(v.trim()) && Number(v) >= 1 ? undefined : 'A whole number ≥ 1',
  });
  if (numPredict === undefined) return undefined;
  const tags = await vscode.window.showInputBox({
    title: title(5),
    prompt: 'Tags, comma-separated (optional)',
    value: initial?.tags.join(', '),
    ignoreFocusOut: true,
  });
  if (tags === undefined) return undefined;
  const result = validateSuite({
    ...(initial?.concurrency && kind.suiteKind === 'concurrency'
      ? { concurrency: initial.concurrency }
      : {}),
    name,
    description: initial?.description ?? '',
    kind: kind.suiteKind,
    tags: tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    prompts: [prompt, ...(initial?.prompts.slice(1) ?? [])],
    options: { ...initial?.options, num_predict: Number(numPredict.trim()) },
  });
  if (result.ok) return result.suite;
  void vscode.window.showErrorMessage(`Not a valid test suite: ${result.errors.join(' ')}`);
  return undefined;
}
