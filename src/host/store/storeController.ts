// Owns the extension's OpenedStore: the embedded store the CLI shares (ollamaBench.store.path, else
// OLLAMA_BENCH_STORE, else ~/.ollama-bench), MongoDB when a connection string is kept in
// SecretStorage (never in settings.json). Registers "Set MongoDB Connection…" and "Use Embedded
// Store", reopens on a change (also one made in another window), moves the store older versions
// kept in globalStorage into the shared folder once, tells the views when another process wrote to
// the store, and runs retention at start and daily.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { watchStoreFolder, type StoreChangeWatcher } from '../../core/store/storeChangeWatcher';
import { embeddedStoreDir, resolveStoreSpec } from '../../core/store/storeLocation';
import { isStorePathError, refuseKernelFilesystem } from '../../core/store/storePathGuard';
import type { OpenedStore } from '../../core/repositories/openedStore';
import type { RetentionPolicy } from '../../core/retention/retentionPolicy';

import {
  isMongoUri,
  redactText,
  redactUri,
  serverOf,
} from '../../core/store/mongo/connectionString';
import type { HostServices } from '../container';
import { loadStoreBundle } from '../lazyBundles';
import { registerCommands } from '../registerCommands';
import { copyToMongo } from './copyToMongo';

const SECRET_KEY = 'ollamaBench.mongodb.connectionString';
const DAY_MS = 86_400_000;

export class StoreController implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OpenedStore>();
  /** Fires with the new store after a switch (embedded ⇄ MongoDB, another database). */
  readonly onDidChangeStore = this.changed.event;
  private readonly contentsChanged = new vscode.EventEmitter<void>();
  /**
   * Fires when the store's contents may have changed behind this window: another process wrote
   * sessions to the embedded folder, or (MongoDB, which is not watched) the window regained focus.
   */
  readonly onDidChangeContents = this.contentsChanged.event;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.contentsChanged];
  private current: Promise<OpenedStore> | undefined;
  private retentionTimer: NodeJS.Timeout | undefined;
  private watcher: StoreChangeWatcher | undefined;
  private oldStoreChecked = false;
  /** The last open error shown as a notification, so a retry does not show it again. */
  private shownError: string | undefined;

  constructor(private readonly services: HostServices) {
    const { context } = services;
    this.disposables.push(
      ...registerCommands('store', {
        setMongoConnection: () => this.setMongoConnection(),
        useEmbeddedStore: () => this.useEmbedded(),
        // Reads this controller's store when invoked (services.store is set by then).
        copyResultsToMongo: () => copyToMongo(services),
      }),
      context.secrets.onDidChange((e) => {
        if (e.key === SECRET_KEY)
          void this.reopen('the connection was changed (possibly in another window)');
      }),
      services.settings.onDidChange((e) => {
        if (e.affects('mongodb.database')) void this.reopen('the database setting changed');
        else if (e.affects('store.path'))
          // The user named another folder: a store there or none, never the old one unnoticed.
          void this.reopen('the ollamaBench.store.path setting changed', true);
      }),
      vscode.window.onDidChangeWindowState((state) => {
        if (!state.focused || !this.current) return;
        // The embedded folder: refresh only if its sessions log changed; MongoDB: just refresh.
        if (this.watcher) this.watcher.check();
        else this.contentsChanged.fire();
      }),
    );
    // Retention at start (once the store is open) and then daily.
    void this.runRetention();
    this.retentionTimer = setInterval(() => void this.runRetention(), DAY_MS);
  }

  /** The store to read and write; opened on first use. Rejects with a clear, redacted error. */
  getStore(): Promise<OpenedStore> {
    this.current ??= this.open().then(
      (store) => {
        this.watch(store);
        return store;
      },
      (err: unknown) => {
        this.current = undefined; // the next call tries again
        throw err;
      },
    );
    return this.current;
  }

  /** What "Copy Results to MongoDB…" copies between: the embedded folder and the configured server. */
  async copyEndpoints(): Promise<{
    embeddedDir: string;
    mongoUri: string | undefined;
    database: string;
  }> {
    return {
      embeddedDir: this.embeddedDir(),
      mongoUri: await this.services.context.secrets.get(SECRET_KEY),
      database: this.database(),
    };
  }

  private database(): string {
    return this.services.settings.get('mongodb.database');
  }

  /** ollamaBench.store.path as an absolute folder, or undefined when empty; throws StorePathError. */
  private pathSetting(): string | undefined {
    return this.services.settings.get('store.path');
  }

  /** Where a run's journal goes when the store refuses a write (replayed when the store opens). */
  runJournalDirs(): string[] {
    const { runJournalDirs } = loadStoreBundle();
    try {
      return runJournalDirs(this.embeddedDir());
    } catch {
      return runJournalDirs(embeddedStoreDir(undefined));
    }
  }

  /** The embedded folder: the setting, else OLLAMA_BENCH_STORE, else the default (shared with the CLI). */
  private embeddedDir(): string {
    return embeddedStoreDir(this.pathSetting());
  }

  private log(msg: string): void {
    if (/^warning:/.test(msg)) this.services.log.warn(msg);
    else this.services.log.info(msg);
  }

  /**
   * Versions before the shared store kept the embedded store (and MongoDB's journal) in this
   * extension's globalStorage folder; their contents move into the shared folder once.
   */
  private async moveOldStore(sharedDir: string): Promise<void> {
    if (this.oldStoreChecked) return;
    this.oldStoreChecked = true;
    const old = this.services.context.globalStorageUri.fsPath;
    try {
      await loadStoreBundle().moveToSharedStore({
        fromStore: join(old, 'store'),
        toStore: sharedDir,
        fromJournal: join(old, 'journal'),
        toJournal: join(sharedDir, 'journal'),
        log: (msg) => this.log(msg),
      });
    } catch (err) {
      this.oldStoreChecked = false; // try again at the next open
      this.services.log.warn(
        `Could not move the old store from ${join(old, 'store')} to ${sharedDir} (its data stays where it is; the move is tried again next time): ${(err as Error).message}`,
      );
    }
  }

  private async open(uri?: string): Promise<OpenedStore> {
    let spec: string | undefined = uri;
    try {
      spec ??= (await this.services.context.secrets.get(SECRET_KEY)) ?? this.pathSetting();
      const sharedDir = this.embeddedDir();
      if (!isMongoUri(resolveStoreSpec(spec))) {
        refuseKernelFilesystem(sharedDir); // before the move would create anything there
        await this.moveOldStore(sharedDir);
      }
      const store = await loadStoreBundle().openStore(spec, {
        defaultDir: sharedDir,
        database: this.database(),
        log: (msg) => this.log(msg),
      });
      this.services.log.info(`Results are stored in ${store.description}`);
      this.shownError = undefined;
      return store;
    } catch (err) {
      const mongo = spec !== undefined && isMongoUri(spec) ? spec : undefined;
      const message = mongo ? redactText((err as Error).message, mongo) : (err as Error).message;
      this.services.log.error(message);
      if (mongo) void this.offerFix(message);
      else if (isStorePathError(err)) void this.offerPathFix(message);
      throw new Error(message);
    }
  }

  /** A store path that can never work (a bad setting, /proc, /sys): say so once, offer the fix. */
  private async offerPathFix(message: string): Promise<void> {
    if (this.shownError === message) return;
    this.shownError = message;
    const open = 'Open Setting';
    const pick = await vscode.window.showErrorMessage(message, open);
    if (pick === open) await this.services.settings.open('store.path');
  }

  /** Watches the embedded folder for other processes' writes; MongoDB refreshes on focus only. */
  private watch(store: OpenedStore): void {
    this.watcher?.close();
    const folder = loadStoreBundle().embeddedFolderOf(store);
    this.watcher = folder ? watchStoreFolder(folder, () => this.contentsChanged.fire()) : undefined;
  }

  private async offerFix(message: string): Promise<void> {
    const pick = await vscode.window.showErrorMessage(
      message,
      'Set MongoDB Connection…',
      'Use Embedded Store',
    );
    if (pick === 'Set MongoDB Connection…') await this.setMongoConnection();
    else if (pick === 'Use Embedded Store') await this.useEmbedded();
  }

  private async swap(next: OpenedStore): Promise<void> {
    const previous = this.current;
    this.current = Promise.resolve(next);
    this.watch(next);
    this.changed.fire(next);
    const old = await previous?.catch(() => undefined);
    if (old && old !== next) await old.close().catch(() => undefined);
  }

  private async reopen(why: string, dropOnFailure = false): Promise<void> {
    this.services.log.info(`Reopening the store: ${why}`);
    try {
      await this.swap(await this.open());
    } catch {
      // open() reported it; getStore() will try again
      if (!dropOnFailure) return;
      const previous = this.current;
      this.current = undefined;
      this.watcher?.close();
      this.watcher = undefined;
      const old = await previous?.catch(() => undefined);
      await old?.close().catch(() => undefined);
    }
  }

  private async setMongoConnection(): Promise<void> {
    const uri = await vscode.window.showInputBox({
      title: 'MongoDB connection string',
      prompt:
        "Kept in VS Code's secret storage, never in settings. Local, replica set or Atlas (mongodb+srv://).",
      placeHolder: 'mongodb://user:password@host:27017/?replicaSet=rs0',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) =>
        isMongoUri(v) ? undefined : 'Starts with mongodb:// or mongodb+srv://',
    });
    if (!uri) return;
    const trimmed = uri.trim();
    let store: OpenedStore;
    try {
      store = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Connecting to MongoDB at ${serverOf(trimmed)}…`,
        },
        () => this.open(trimmed),
      );
    } catch {
      return; // open() showed what went wrong; nothing was saved
    }
    await this.services.context.secrets.store(SECRET_KEY, trimmed);
    await this.swap(store);
    void vscode.window.showInformationMessage(
      `Ollama Bench now stores results in MongoDB at ${redactUri(serverOf(trimmed))} (database ${this.database()}).`,
    );
  }

  private async useEmbedded(): Promise<void> {
    await this.services.context.secrets.delete(SECRET_KEY);
    try {
      const store = await this.open();
      await this.swap(store);
      void vscode.window.showInformationMessage(
        `Ollama Bench now stores results in the ${store.description}.`,
      );
    } catch (err) {
      void vscode.window.showErrorMessage((err as Error).message);
    }
  }

  private retentionPolicy(): RetentionPolicy {
    const { settings } = this.services;
    const archiveDir = settings.get('retention.archive');
    return {
      downsampleAfterDays: Math.floor(settings.get('retention.downsampleAfterDays')),
      downsampleInterval: settings.get('retention.downsampleInterval'),
      sessionDays: Math.floor(settings.get('retention.sessionDays')),
      ...(archiveDir ? { archiveDir } : {}),
    };
  }

  private async runRetention(): Promise<void> {
    try {
      const store = await this.getStore();
      const r = await store.retention.prune(this.retentionPolicy());
      if (r.sessionsDeleted || r.resultsDownsampled) {
        this.services.log.info(
          `Retention: ${r.sessionsDeleted} session(s) deleted${r.archiveFile ? ` (archived to ${r.archiveFile})` : ''}, ${r.resultsDownsampled} result(s) downsampled`,
        );
      }
    } catch (err) {
      this.services.log.warn(`Retention did not run: ${(err as Error).message}`);
    }
  }

  dispose(): void {
    void this.disposeAsync();
  }

  async disposeAsync(): Promise<void> {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.retentionTimer = undefined;
    this.watcher?.close();
    this.watcher = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    const store = await this.current?.catch(() => undefined);
    this.current = undefined;
    await store?.close();
  }
}
