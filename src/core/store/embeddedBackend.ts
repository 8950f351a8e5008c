// The zero-config default: collections in an embedded folder (mingo + append-only logs).
import { join } from 'node:path';
import { isNotAFile } from './embedded/logManifest';
import { DuplicateKeyError } from './embedded/embeddedCollection';
import { EmbeddedDatabase, type EmbeddedDatabaseOptions } from './embedded/embeddedDatabase';
import { BUCKET_SAMPLE_INDEXES, INDEXES } from './indexes';
import type { RunWriteTarget } from './runWrites';
import type { StoreBackend } from './storeBackend';
import { CollectionNames, type StoreCollections } from './storeCollection';
import { integrityNotes, type StoreIntegrity } from './storeIntegrity';

export type EmbeddedOpenOptions = { log?: (msg: string) => void } & EmbeddedDatabaseOptions;

export class EmbeddedBackend implements StoreBackend {
  readonly kind = 'embedded' as const;
  readonly sampleLayout = 'buckets' as const;
  readonly textSearch = false;
  // The engine runs findOneAndUpdate under its cross-process lock.
  readonly atomicFindAndModify = true;
  readonly description: string;

  private constructor(
    readonly db: EmbeddedDatabase,
    readonly collections: StoreCollections,
  ) {
    this.description = `embedded store at ${db.folder}`;
  }

  static async open(folder: string, options: EmbeddedOpenOptions = {}): Promise<EmbeddedBackend> {
    const { log, ...dbOptions } = options;
    const db = new EmbeddedDatabase(folder, (msg) => log?.(`store: ${msg}`), dbOptions);
    // Damage is said on every open, so no reader loses results without a word.
    for (const line of integrityNotes(db.integrity(), `the embedded store at ${folder}`))
      log?.(`warning: ${line}`);
    const collections = Object.fromEntries(
      Object.entries(CollectionNames).map(([key, name]) => [key, db.collection(name)]),
    ) as StoreCollections;
    for (const [name, specs] of Object.entries(INDEXES)) {
      // A log that is not a file was reported above; only what reads that collection fails.
      if (isNotAFile(join(folder, `${name}.log`))) continue;
      for (const spec of specs ?? []) {
        if (!spec.unique) {
          await db.collection(name).createIndex(spec.keys, { name: spec.name });
          continue;
        }
        try {
          await db.collection(name).createIndex(spec.keys, { unique: true, name: spec.name });
        } catch (err) {
          if (!(err instanceof DuplicateKeyError)) throw err;
          // Only a hand-merged or damaged log gets here; say what mends it.
          throw new Error(
            `The embedded store at ${folder} holds two documents with the same key (${err.message}); run \`ollama-bench store check --repair --store ${folder}\` to keep the first and set the other aside.`,
          );
        }
      }
    }
    // The embedded store keeps samples as buckets: their one-field indexes are lookups too.
    if (!isNotAFile(join(folder, `${CollectionNames.samples}.log`)))
      for (const spec of BUCKET_SAMPLE_INDEXES)
        await db.collection(CollectionNames.samples).createIndex(spec.keys, { name: spec.name });
    return new EmbeddedBackend(db, collections);
  }

  /** A refused write surfaces as it is: a run's own journal (runStore.ts) takes it. */
  async guardRunWrites(target: RunWriteTarget): Promise<RunWriteTarget> {
    return target;
  }

  pendingWrites(): number {
    return 0;
  }

  async flushJournal(): Promise<number> {
    return 0;
  }

  async integrity(): Promise<StoreIntegrity> {
    return this.db.integrity();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
