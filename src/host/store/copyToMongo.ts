// "Copy Results to MongoDB…": every collection of the embedded store into MongoDB — the server
// configured in SecretStorage or another connection string — by _id, with progress, and a message
// with the counts once the target is checked to hold every source document.
import * as vscode from 'vscode';
import { isMongoUri, redactText, serverOf } from '../../core/store/mongo/connectionString';
import type { OpenedStore } from '../../core/repositories/openedStore';
import type { HostServices } from '../container';
import { loadStoreBundle } from '../lazyBundles';

async function targetUri(configured: string | undefined): Promise<string | undefined> {
  if (configured) {
    const use = `Use the configured MongoDB (${serverOf(configured)})`;
    const pick = await vscode.window.showQuickPick([use, 'Enter another connection string…'], {
      title: 'Copy Results to MongoDB…',
    });
    if (!pick) return undefined;
    if (pick === use) return configured;
  }
  const uri = await vscode.window.showInputBox({
    title: 'Copy Results to MongoDB…: target connection string',
    prompt: 'Used for this copy only; it is not saved.',
    placeHolder: 'mongodb://user:password@host:27017/?replicaSet=rs0',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (isMongoUri(v) ? undefined : 'Starts with mongodb:// or mongodb+srv://'),
  });
  return uri?.trim() || undefined;
}

export async function copyToMongo(services: HostServices): Promise<void> {
  const { openStore, copyStore, describeCopy } = loadStoreBundle();
  const ends = await services.store.copyEndpoints();
  const uri = await targetUri(ends.mongoUri);
  if (!uri) return;
  const current = await services.store.getStore().catch(() => undefined);
  const log = (m: string) => services.log.info(redactText(m, uri));
  const opened: OpenedStore[] = [];
  try {
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Copying results to MongoDB at ${serverOf(uri)}`,
        cancellable: false,
      },
      async (progress) => {
        // The stores this window already has open are used as they are.
        const source =
          current?.kind === 'embedded'
            ? current
            : await openStore(ends.embeddedDir, { defaultDir: ends.embeddedDir, log });
        if (source !== current) opened.push(source);
        progress.report({ message: 'connecting…' });
        const target =
          current?.kind === 'mongodb' && uri === ends.mongoUri
            ? current
            : await openStore(uri, { defaultDir: ends.embeddedDir, database: ends.database, log });
        if (target !== current) opened.push(target);
        const report = await copyStore(source, target, (p) =>
          progress.report({ message: `${p.collection}: ${p.done} of ${p.total}` }),
        );
        const text = describeCopy(report, target.description);
        services.log.info(text);
        if (report.missing) void vscode.window.showErrorMessage(text);
        else void vscode.window.showInformationMessage(text);
      },
    );
  } catch (err) {
    const text = redactText(err instanceof Error ? err.message : String(err), uri);
    services.log.error(`Copy Results to MongoDB: ${text}`);
    void vscode.window.showErrorMessage(`The results were not copied: ${text}`);
  } finally {
    for (const s of opened) await s.close().catch(() => undefined);
  }
}
