// Owns the extension's BenchStore: the embedded store in globalStorage by default, MongoDB when a
// connection string is kept in SecretStorage (never in settings.json). Registers "Set MongoDB
// Connection…" and "Use Embedded Store", reopens on a change (also one made in another window),
// and runs retention at start and daily.
import * as vscode from 'vscode';
import { openStore, DEFAULT_DATABASE } from '../../core/store/openStore';
import type { OpenedStore, RetentionPolicy } from '../../core/store/openedStore';
import {
  isMongoUri,
  redactText,
  redactUri,
  serverOf,
} from '../../core/store/mongo/connectionString';
import type { HostServices } from '../container';
import { SECTION } from '../settings';

export const StoreCommandIds = {
  setMongoConnection: 'ollamaBench.setMongoConnection',
  useEmbeddedStore: 'ollamaBench.useEmbeddedStore',
} as const;

const SECRET_KEY = 'ollamaBench.mongodb.connectionString';
const DAY_MS = 86_400_000;

export class StoreController implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OpenedStore>();
  /** Fires with the new store after a switch (embedded ⇄ MongoDB, another database). */
  readonly onDidChangeStore = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private current: Promise<OpenedStore> | undefined;
  private retentionTimer: NodeJS.Timeout | undefined;

  constructor(private readonly services: HostServices) {
    const { context } = services;
    this.disposables.push(
      vscode.commands.registerCommand(StoreCommandIds.setMongoConnection, () =>
        this.setMongoConnection(),
      ),
      vscode.commands.registerCommand(StoreCommandIds.useEmbeddedStore, () => this.useEmbedded()),
      context.secrets.onDidChange((e) => {
        if (e.key === SECRET_KEY)
          void this.reopen('the connection was changed (possibly in another window)');
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.mongodb.database`))
          void this.reopen('the database setting changed');
      }),
    );
    // Retention at start (once the store is open) and then daily.
    void this.runRetention();
    this.retentionTimer = setInterval(() => void this.runRetention(), DAY_MS);
  }

  /** The store to read and write; opened on first use. Rejects with a clear, redacted error. */
  getStore(): Promise<OpenedStore> {
    this.current ??= this.open().catch((err: unknown) => {
      this.current = undefined; // the next call tries again
      throw err;
    });
    return this.current;
  }

  private config() {
    return vscode.workspace.getConfiguration(SECTION);
  }

  private database(): string {
    return this.config().get<string>('mongodb.database')?.trim() || DEFAULT_DATABASE;
  }

  private embeddedDir(): string {
    return vscode.Uri.joinPath(this.services.context.globalStorageUri, 'store').fsPath;
  }

  private async open(uri?: string): Promise<OpenedStore> {
    const spec = uri ?? (await this.services.context.secrets.get(SECRET_KEY)) ?? this.embeddedDir();
    const log = (msg: string) =>
      /^warning:/.test(msg) ? this.services.log.warn(msg) : this.services.log.info(msg);
    try {
      const store = await openStore(spec, {
        defaultDir: this.services.context.globalStorageUri.fsPath,
        database: this.database(),
        log,
      });
      this.services.log.info(`Results are stored in ${store.description}`);
      return store;
    } catch (err) {
      const message = isMongoUri(spec)
        ? redactText((err as Error).message, spec)
        : (err as Error).message;
      this.services.log.error(message);
      if (isMongoUri(spec)) void this.offerFix(message);
      throw new Error(message);
    }
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
    this.changed.fire(next);
    const old = await previous?.catch(() => undefined);
    if (old && old !== next) await old.close().catch(() => undefined);
  }

  private async reopen(why: string): Promise<void> {
    this.services.log.info(`Reopening the store: ${why}`);
    try {
      await this.swap(await this.open());
    } catch {
      // open() reported it; getStore() will try again
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
      await this.swap(await this.open(this.embeddedDir()));
      void vscode.window.showInformationMessage(
        `Ollama Bench now stores results in ${this.embeddedDir()}.`,
      );
    } catch (err) {
      void vscode.window.showErrorMessage((err as Error).message);
    }
  }

  private retentionPolicy(): RetentionPolicy {
    const days = (key: string, fallback: number) => {
      const v = this.config().get<number>(key);
      return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : fallback;
    };
    return {
      sampleDays: days('retention.sampleDays', 90),
      sessionDays: days('retention.sessionDays', 0),
    };
  }

  private async runRetention(): Promise<void> {
    try {
      const store = await this.getStore();
      const r = await store.prune(this.retentionPolicy());
      if (r.sessionsDeleted || r.resultsDownsampled) {
        this.services.log.info(
          `Retention: ${r.sessionsDeleted} session(s) deleted, samples of ${r.resultsDownsampled} result(s) downsampled to one-minute means`,
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
    for (const d of this.disposables.splice(0)) d.dispose();
    const store = await this.current?.catch(() => undefined);
    this.current = undefined;
    await store?.close();
  }
}
