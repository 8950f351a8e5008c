// The suite library's commands: Edit Test Suite… (as JSON in an editor, validated on every save,
// or the New Test Suite steps prefilled), Delete Test Suite… (asked in a modal; sessions keep their
// own copy of its options) and Search Test Suites… (a quick pick over the store's text search).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { editableSuiteJson, saveEditedSuite } from '../../core/bench/suiteEditing';
import type { SuiteValidation } from '../../core/bench/suites';
import type { OpenedStore } from '../../core/repositories/openedStore';
import type { SuiteDefinition } from '../../shared/dto';
import { CommandIds } from '../commandIds';
import { guided } from './newTestSuite';

export interface SuiteLibraryDeps {
  getStore(): Promise<OpenedStore>;
  log: vscode.LogOutputChannel;
  /** Where the JSON of a suite being edited is written (one file per suite). */
  editFolder: vscode.Uri;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function stats(s: SuiteDefinition): string {
  const x = s.execution_stats;
  const runs = `${s.usage_count ?? 0} run(s)`;
  return x?.runs
    ? `${runs} · ${Math.round(x.success_rate * 100)}% succeeded · ${(x.avg_duration_ms / 1000).toFixed(1)} s on average`
    : runs;
}

function suiteItem(s: SuiteDefinition) {
  return {
    label: s.name,
    description: [s.kind, ...s.tags.map((t) => `#${t}`)].join(' · '),
    detail: [s.description, stats(s), s.created_by && `by ${s.created_by}`]
      .filter(Boolean)
      .join(' — '),
    suite: s,
    alwaysShow: true,
  };
}

/** The suite library's command handlers (registered by the bench controller) and its listeners. */
export function suiteLibrary(deps: SuiteLibraryDeps) {
  const editing = new Map<string, string>(); // file path → suite name
  return {
    handlers: {
      editTestSuite: (name?: unknown) =>
        editTestSuite(deps, editing, typeof name === 'string' ? name : undefined),
      deleteTestSuite: (name?: unknown) =>
        deleteTestSuite(deps, typeof name === 'string' ? name : undefined),
      searchTestSuites: () => searchTestSuites(deps),
    },
    listeners: [
      vscode.workspace.onDidSaveTextDocument((doc) => {
        const name = editing.get(doc.uri.fsPath);
        if (name) void saveFromEditor(deps, name, doc.getText());
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => editing.delete(doc.uri.fsPath)),
    ],
  };
}

async function storeOr(deps: SuiteLibraryDeps, doing: string): Promise<OpenedStore | undefined> {
  try {
    return await deps.getStore();
  } catch (err) {
    void vscode.window.showErrorMessage(`Cannot ${doing}: ${message(err)}`);
    return undefined;
  }
}

async function pickSuite(
  store: OpenedStore,
  title: string,
  name: string | undefined,
): Promise<SuiteDefinition | undefined> {
  const suites = await store.suites.list();
  if (name) {
    const hit = suites.find((s) => s.name === name);
    if (!hit) void vscode.window.showErrorMessage(`There is no saved test suite named "${name}".`);
    return hit;
  }
  if (!suites.length) {
    void vscode.window.showInformationMessage(
      'No saved test suites yet: create one with "New Test Suite…".',
    );
    return undefined;
  }
  return (await vscode.window.showQuickPick(suites.map(suiteItem), { title }))?.suite;
}

function report(name: string, result: SuiteValidation, log: vscode.LogOutputChannel): void {
  if (result.ok) {
    log.info(`Saved the edited test suite "${name}".`);
    void vscode.window.showInformationMessage(`Test suite "${name}" saved.`);
  } else {
    void vscode.window.showErrorMessage(
      `Test suite "${name}" was not saved: ${result.errors.join(' ')}`,
      { modal: true },
    );
  }
}

async function saveFromEditor(deps: SuiteLibraryDeps, name: string, text: string) {
  const store = await storeOr(deps, 'save the test suite');
  if (!store) return;
  try {
    report(name, await saveEditedSuite(store, name, text), deps.log);
  } catch (err) {
    void vscode.window.showErrorMessage(`Could not save test suite "${name}": ${message(err)}`);
  }
}

async function editTestSuite(
  deps: SuiteLibraryDeps,
  editing: Map<string, string>,
  name: string | undefined,
): Promise<void> {
  const store = await storeOr(deps, 'edit a test suite');
  if (!store) return;
  const suite = await pickSuite(store, 'Edit Test Suite…', name);
  if (!suite) return;
  const how = await vscode.window.showQuickPick(
    [
      {
        label: 'As JSON',
        detail: 'Opens the suite in an editor; every save is checked and stored',
      },
      { label: 'Step by step', detail: 'The New Test Suite steps, filled in with this suite' },
    ],
    { title: `Edit Test Suite "${suite.name}"` },
  );
  if (!how) return;
  if (how.label === 'Step by step') {
    const edited = await guided(new Set((await store.suites.list()).map((s) => s.name)), suite);
    if (!edited) return;
    try {
      report(suite.name, await saveEditedSuite(store, suite.name, edited), deps.log);
    } catch (err) {
      void vscode.window.showErrorMessage(`Could not save "${suite.name}": ${message(err)}`);
    }
    return;
  }
  mkdirSync(deps.editFolder.fsPath, { recursive: true });
  const file = vscode.Uri.joinPath(
    deps.editFolder,
    `${suite.name.replace(/[^\p{L}\p{N}._-]+/gu, '_')}.suite.json`,
  );
  writeFileSync(file.fsPath, editableSuiteJson(suite));
  editing.set(file.fsPath, suite.name);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
  void vscode.window.showInformationMessage(
    `Editing test suite "${suite.name}": save the file to store it (it is checked first).`,
  );
}

async function deleteTestSuite(deps: SuiteLibraryDeps, name: string | undefined): Promise<void> {
  const store = await storeOr(deps, 'delete a test suite');
  if (!store) return;
  const suite = await pickSuite(store, 'Delete Test Suite…', name);
  if (!suite) return;
  const del = 'Delete';
  const choice = await vscode.window.showWarningMessage(
    `Delete the test suite "${suite.name}"?`,
    {
      modal: true,
      detail: `${stats(suite)}. Sessions that ran it keep their own copy of its options.`,
    },
    del,
  );
  if (choice !== del) return;
  try {
    await store.suites.delete(suite.name);
    deps.log.info(`Deleted test suite "${suite.name}".`);
    void vscode.window.showInformationMessage(`Test suite "${suite.name}" deleted.`);
  } catch (err) {
    void vscode.window.showErrorMessage(`Could not delete "${suite.name}": ${message(err)}`);
  }
}

async function searchTestSuites(deps: SuiteLibraryDeps): Promise<void> {
  const store = await storeOr(deps, 'search test suites');
  if (!store) return;
  const pick = vscode.window.createQuickPick<ReturnType<typeof suiteItem>>();
  pick.title = 'Search Test Suites…';
  pick.placeholder = 'Words of a name, description or tag';
  let asked = 0;
  const search = async (text: string) => {
    const mine = ++asked;
    pick.busy = true;
    try {
      const found = await store.suites.search(text);
      if (mine === asked) pick.items = found.map(suiteItem);
    } catch (err) {
      deps.log.warn(`Suite search: ${message(err)}`);
    } finally {
      if (mine === asked) pick.busy = false;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  pick.onDidChangeValue((v) => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(v), 150);
  });
  const chosen = await new Promise<SuiteDefinition | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.suite));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
    void search('');
  });
  clearTimeout(timer);
  pick.dispose();
  if (!chosen) return;
  const action = await vscode.window.showQuickPick(['Run', 'Edit', 'Delete'], {
    title: `Test suite "${chosen.name}"`,
  });
  if (action === 'Edit')
    await vscode.commands.executeCommand(CommandIds.editTestSuite, chosen.name);
  else if (action === 'Delete')
    await vscode.commands.executeCommand(CommandIds.deleteTestSuite, chosen.name);
  else if (action === 'Run')
    await vscode.commands.executeCommand(CommandIds.runBenchmark, { suite: chosen.name });
}
