// What the extension loads on first store use, bundled apart as dist/store.js (MongoDB driver,
// mingo, bson): opening a store, the one-time move of an old store, a run's journaling writes, and
// the questions about a store that need its classes (instanceof must run in this bundle, where
// they live).
import { EmbeddedBackend } from '../store/embeddedBackend';
import type { OpenedStore } from './openedStore';

export { openStore } from './openStore';
export { moveToSharedStore } from '../store/moveToSharedStore';
export { JournalingRunStore, runJournalDirs } from '../store/runStore';
export { copyStore, describeCopy } from '../transfer/copyStores';
export { writeBundle } from '../machines/resultBundle';

/** The embedded store's folder; undefined for MongoDB. */
export function embeddedFolderOf(store: OpenedStore): string | undefined {
  return store.backend instanceof EmbeddedBackend ? store.backend.db.folder : undefined;
}
