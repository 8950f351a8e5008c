// "Share Results…": what `ollama-bench bundle` does, from VS Code. Asks which sessions (all, or
// one model's), whether to redact host names, user names and paths, and where to write; the
// bundle is sealed with the SHA-256 of its content so `import` can tell a modified one.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { HostServices } from '../container';
import { loadStoreBundle } from '../lazyBundles';

const BUNDLE_EXTENSION = '.bundle.jsonl.gz';

async function pickSelection(services: HostServices): Promise<{ model?: string } | undefined> {
  const store = await services.store.getStore();
  const models = (await store.sessions.listModels())
    .map((m) => (typeof m.name === 'string' ? m.name : ''))
    .filter(Boolean);
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'All sessions', model: undefined as string | undefined },
      ...models.map((model) => ({ label: model, description: "this model's sessions", model })),
    ],
    { title: 'Share Results…: which sessions?', ignoreFocusOut: true },
  );
  if (!pick) return undefined;
  return pick.model ? { model: pick.model } : {};
}

async function pickRedaction(): Promise<boolean | undefined> {
  const pick = await vscode.window.showQuickPick(
    [
      {
        label: 'Redact host names, user names and paths',
        detail: 'Stable pseudonyms instead: safe to share in public.',
        redact: true,
      },
      { label: 'Keep them', detail: 'For your team.', redact: false },
    ],
    { title: 'Share Results…: redact?', ignoreFocusOut: true },
  );
  return pick?.redact;
}

export async function shareResults(services: HostServices): Promise<void> {
  try {
    const selection = await pickSelection(services);
    if (!selection) return;
    const redact = await pickRedaction();
    if (redact === undefined) return;
    const target = await vscode.window.showSaveDialog({
      title: 'Share Results…: write the bundle',
      // Beside the open folder, else in the home folder: never the file system's root.
      defaultUri: vscode.Uri.joinPath(
        vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()),
        `ollama-bench-results${BUNDLE_EXTENSION}`,
      ),
      filters: { 'Ollama Bench bundle': ['gz'] },
    });
    if (!target) return;
    const store = await services.store.getStore();
    const seal = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Writing the result bundle…' },
      () => loadStoreBundle().writeBundle(store, target.fsPath, selection, { redact }),
    );
    services.log.info(
      `Share Results: ${target.fsPath}, ${seal.sessions} session(s), ${seal.documents} document(s), sha256 ${seal.sha256}${redact ? ', redacted' : ''}`,
    );
    void vscode.window.showInformationMessage(
      `Wrote ${seal.sessions} session(s) to ${target.fsPath}${redact ? ' (redacted)' : ''}. Import it with "ollama-bench import", which checks its SHA-256.`,
    );
  } catch (err) {
    void vscode.window.showErrorMessage(
      `Could not share results: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
