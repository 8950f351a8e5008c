// Tells an open window that another process (the CLI, another VS Code window) changed the embedded
// store, so its Sessions view and dashboard show the new sessions without a manual refresh. It
// watches the sessions log only: every run writes its session there when it starts and after each
// test, while the busy sample and result logs would wake it for nothing. fs.watch reports at
// once where the filesystem supports it; a cheap poll of size and mtime catches the rest (network
// filesystems, editors' atomic renames). Changes are compared by that signature and debounced, so
// a burst of appends is one refresh.
import { statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { CollectionNames } from './storeCollection';

export interface StoreChangeWatcherOptions {
  /** Log files whose change matters (default: the sessions log). */
  files?: string[];
  /** How often the size and mtime are polled (ms). */
  pollMs?: number;
  /** Quiet time after the last change before onChange runs (ms). */
  debounceMs?: number;
  /** Off: poll only (tests check the poll alone finds changes). */
  useFsWatch?: boolean;
}

export interface StoreChangeWatcher {
  /** Compares now (e.g. when the window gains focus); onChange follows if something changed. */
  check(): void;
  close(): void;
}

export const STORE_POLL_MS = 2000;
export const STORE_DEBOUNCE_MS = 300;

export function watchStoreFolder(
  folder: string,
  onChange: () => void,
  options: StoreChangeWatcherOptions = {},
): StoreChangeWatcher {
  const files = options.files ?? [`${CollectionNames.sessions}.log`];
  const signature = () =>
    files
      .map((f) => {
        try {
          const s = statSync(join(folder, f));
          return `${s.size}:${s.mtimeMs}:${s.ino}`;
        } catch {
          return '-';
        }
      })
      .join('|');
  let last = signature();
  let debounce: NodeJS.Timeout | undefined;
  let closed = false;

  const check = () => {
    if (closed) return;
    const now = signature();
    if (now === last) return;
    last = now;
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      if (!closed) onChange();
    }, options.debounceMs ?? STORE_DEBOUNCE_MS);
  };

  let watcher: FSWatcher | undefined;
  if (options.useFsWatch !== false) {
    try {
      watcher = watch(folder, { persistent: false }, (_event, name) => {
        if (!name || files.includes(name.toString())) check();
      });
      // A watch that breaks (folder removed, too many watches) leaves the poll in charge.
      watcher.on('error', () => watcher?.close());
    } catch {
      watcher = undefined;
    }
  }
  const poll = setInterval(check, options.pollMs ?? STORE_POLL_MS);
  poll.unref();

  return {
    check,
    close() {
      closed = true;
      clearInterval(poll);
      clearTimeout(debounce);
      watcher?.close();
    },
  };
}
